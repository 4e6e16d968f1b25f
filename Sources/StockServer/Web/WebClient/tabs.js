// The list tabs: an ARIA tablist with one tab per list (← → Home End move and select, one tab stop), and the form
// under it: List name, New list, Rename list, Delete list (after a confirmation).

import { byId, element } from "./dom.js";

export class ListTabs {
  /** `onSelect(id)`; `onCreate(name)`, `onRename(name)` and `onDelete(list)` act on the selected list. */
  constructor({ onSelect, onCreate, onRename, onDelete, say }) {
    Object.assign(this, { onSelect, say });
    this.tablist = byId("tabs");
    this.name = byId("list-name");
    this.lists = [];
    this.selected = null;
    this.tablist.addEventListener("click", (event) => {
      const tab = event.target.closest("[role=tab]");
      if (tab) this.choose(Number(tab.dataset.id));
    });
    this.tablist.addEventListener("keydown", (event) => this.key(event));
    const named = (call) => () => {
      const name = this.name.value.trim();
      if (!name) return this.say("Type a name in List name first.", this.name);
      call(name).then((done) => { if (done) this.name.value = ""; });
    };
    byId("list-form").addEventListener("submit", (event) => {
      event.preventDefault();
      named(onCreate)();
    });
    byId("rename-list").addEventListener("click", named(onRename));
    byId("delete-list").addEventListener("click", () => {
      const list = this.selected;
      const held = list?.count === 1 ? "1 security" : `${list?.count} securities`;
      if (list && confirm(`Delete the list “${list.name}” (${held})?`)) onDelete(list);
    });
  }

  /** Draws the tabs of `lists`, `selected` chosen; keeps the focus on the tablist when it was there. */
  render(lists, selected) {
    const focused = this.tablist.contains(document.activeElement);
    this.lists = lists;
    this.selected = selected;
    this.tablist.replaceChildren(...lists.map((list) => element("button", {
      type: "button", role: "tab", id: `tab-${list.id}`, "data-id": list.id, "aria-controls": "list",
      "aria-selected": String(list === selected), tabindex: list === selected ? 0 : -1,
    }, list.name)));
    if (focused) this.tablist.querySelector("[aria-selected=true]")?.focus();
    if (selected) byId("list").setAttribute("aria-labelledby", `tab-${selected.id}`);
  }

  choose(id) { if (id !== this.selected?.id) this.onSelect(id); }

  key(event) {
    const index = this.lists.indexOf(this.selected);
    const count = this.lists.length;
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1 + count, Home: 0, End: count - 1 }[event.key];
    if (next === undefined || !count) return;
    event.preventDefault();
    this.choose(this.lists[next % count].id);
  }
}
