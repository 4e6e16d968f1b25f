// The lists a user keeps. Today the server has one list per user (`/user/security`); the list tabs of several
// watchlists (`/user/watchlists`, SPEC.md) will add sources with the same four calls, one per tab.

/** The user's (oldest) watchlist through `/user/security`. */
export class DefaultList {
  constructor(api) {
    this.api = api;
    this.name = "Watchlist";
  }

  /** The securities on the list, in the user's order. */
  load() { return this.api.request("GET", "/user/security"); }

  /** Adds a security (by id) at the end of the list; answers the security. */
  add(id) { return this.api.request("POST", "/user/security", { body: { id } }); }

  /** Removes a security (by id). */
  remove(id) { return this.api.request("DELETE", `/user/security/${encodeURIComponent(id)}`); }
}
