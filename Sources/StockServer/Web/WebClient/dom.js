// Small DOM helpers: elements are built with text nodes only (never innerHTML), so no name can inject markup.

/** An element with attributes (`class`, `aria-*`, `data-*`, ...; `false`/`null` leave one out) and children. */
export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

/** The element with this id (the page's fixed skeleton). */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the page has no #${id}`);
  return node;
}
