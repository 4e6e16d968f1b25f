// The user's watchlists (SPEC.md, "Several watchlists per user"): the named lists of `/user/watchlists`, one of
// them selected (kept in localStorage across reloads), and the calls on the selected one's securities.

const key = "stocktracker.list";

export class Watchlists {
  constructor(api) {
    this.api = api;
    this.all = [];
    this.selectedId = Number(localStorage.getItem(key)) || null;
  }

  /** The selected list `{id, name, count}` (the oldest when the kept one is gone). */
  get selected() { return this.all.find((list) => list.id === this.selectedId) ?? this.all[0] ?? null; }

  select(id) {
    this.selectedId = id;
    localStorage.setItem(key, String(id));
  }

  /** Re-reads the lists, then the selected one's securities in the user's order. */
  async load() {
    this.all = await this.api.request("GET", "/user/watchlists");
    return this.selected ? this.api.request("GET", this.path("securities")) : [];
  }

  path(rest = "") { return `/user/watchlists/${encodeURIComponent(this.selected?.id)}${rest && `/${rest}`}`; }

  /** Adds a security (by id) at the end of the selected list. */
  add(id) { return this.api.request("POST", this.path("securities"), { body: { id } }); }

  /** Removes a security (by id) from the selected list. */
  remove(id) { return this.api.request("DELETE", this.path(`securities/${encodeURIComponent(id)}`)); }

  /** Sets the selected list's order: `ids` exactly the securities it holds. */
  reorder(ids) { return this.api.request("PUT", this.path("order"), { body: { ids } }); }

  /** Creates a list and selects it. */
  async create(name) { this.select((await this.api.request("POST", "/user/watchlists", { body: { name } })).id); }

  rename(name) { return this.api.request("PATCH", this.path(), { body: { name } }); }

  /** Deletes the selected list (the server refuses the last one with 409); the oldest left is selected. */
  async delete() {
    await this.api.request("DELETE", this.path());
    this.select(this.all.find((list) => list.id !== this.selected.id)?.id ?? null);
  }
}
