// The search box: answers as you type (debounced; an answer to an older query is dropped), results as an ARIA
// listbox driven from the input (combobox: ↑ ↓ move, Enter adds the highlighted one, Esc closes), the matched
// letters in <mark>, the matched alias shown, securities already on the list marked.

import { errorInWords } from "./api.js";
import { element } from "./dom.js";
import { formatPrice } from "./format.js";
import { highlighted } from "./highlight.js";

const debounceMilliseconds = 120;

export class SearchBox {
  /**
   * `search(query, signal)` answers the API's results; `isListed(id)` says whether a security is on the list;
   * `onChoose(security)` adds one.
   */
  constructor({ input, listbox, status, search, isListed, onChoose }) {
    Object.assign(this, { input, listbox, status, search, isListed, onChoose });
    this.results = [];
    this.active = -1;
    this.generation = 0;
    this.timer = null;
    this.inFlight = null;
    input.addEventListener("input", () => this.schedule());
    input.addEventListener("keydown", (event) => this.key(event));
    input.addEventListener("blur", () => setTimeout(() => this.close(), 150));
    input.addEventListener("focus", () => { if (this.results.length) this.open(); });
    // A pointer press must not take the focus from the input (the listbox is driven from it).
    listbox.addEventListener("mousedown", (event) => event.preventDefault());
    listbox.addEventListener("click", (event) => {
      const option = event.target.closest("[role=option]");
      if (option) this.choose(Number(option.dataset.index));
    });
  }

  schedule() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), debounceMilliseconds);
  }

  async run() {
    const query = this.input.value.trim();
    const generation = ++this.generation;
    this.inFlight?.abort();
    if (!query) {
      this.show([], "");
      return;
    }
    const controller = new AbortController();
    this.inFlight = controller;
    try {
      const results = await this.search(query.slice(0, 100), controller.signal);
      if (generation !== this.generation) return;
      this.show(results, results.length ? `${results.length} result${results.length === 1 ? "" : "s"}` : `Nothing found for “${query}”.`);
    } catch (error) {
      if (error.name === "AbortError" || generation !== this.generation) return;
      this.show([], errorInWords(error));
    }
  }

  show(results, statusText) {
    this.results = results;
    this.active = results.length ? 0 : -1;
    this.status.textContent = statusText;
    this.render();
    results.length && document.activeElement === this.input ? this.open() : this.close();
    this.listbox.dispatchEvent(new CustomEvent("results-drawn", { bubbles: true }));
  }

  /** Redraws the options (also after the list changed, for the "on your list" marks). */
  render() {
    this.listbox.replaceChildren(...this.results.map((security, index) => this.option(security, index)));
    this.highlightActive();
  }

  option(security, index) {
    const match = security.match ?? {};
    const ranges = (field) => (match.field === field ? match.ranges : []);
    const listed = this.isListed(security.id);
    const extra = match.field && !["ticker", "name"].includes(match.field)
      ? element("span", { class: "alias" }, `${match.field === "alias" ? "alias" : match.field.toUpperCase()} `, highlighted(match.text ?? "", match.ranges))
      : null;
    return element("li", { role: "option", id: `result-${index}`, "data-index": index, "aria-selected": "false", class: listed ? "listed" : null },
      element("span", { class: "ticker" }, highlighted(security.ticker, ranges("ticker"))),
      element("span", { class: "name" }, highlighted(security.name, ranges("name")), extra ? " " : null, extra),
      element("span", { class: "exchange" }, security.exchange ?? ""),
      element("span", { class: "num" }, formatPrice(security.quote?.price ?? security.last_price)),
      listed ? element("span", { class: "badge" }, "on your list") : null);
  }

  key(event) {
    const count = this.results.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!count) return;
      event.preventDefault();
      this.open();
      this.active = (this.active + (event.key === "ArrowDown" ? 1 : count - 1)) % count;
      this.highlightActive();
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (this.active >= 0) this.choose(this.active);
    } else if (event.key === "Escape") {
      if (!this.listbox.hidden) {
        event.preventDefault();
        this.close();
      }
    }
  }

  highlightActive() {
    for (const option of this.listbox.children) {
      option.setAttribute("aria-selected", String(Number(option.dataset.index) === this.active));
    }
    const current = this.listbox.children[this.active];
    if (current) {
      this.input.setAttribute("aria-activedescendant", current.id);
      current.scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  }

  choose(index) {
    const security = this.results[index];
    if (!security) return;
    this.active = index;
    this.onChoose(security);
  }

  open() {
    if (!this.results.length) return;
    this.listbox.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  }

  close() {
    this.listbox.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
  }

  /** Empties the box (after logging out). */
  clear() {
    this.input.value = "";
    this.generation += 1;
    this.show([], "");
  }
}
