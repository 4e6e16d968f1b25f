// The page: the login form, or (with a kept token) the search box, the watchlist and the live prices.

import { Api, errorInWords } from "./api.js";
import { byId } from "./dom.js";
import { DefaultList } from "./lists.js";
import { LiveConnection } from "./live.js";
import { LoginForm } from "./login.js";
import { QuoteBook } from "./quotes.js";
import { SearchBox } from "./search.js";
import { forgetSession, keepSession, keptSession } from "./session.js";
import { WatchlistTable } from "./watchlist.js";

const api = new Api();
const loginView = byId("login-view");
const appView = byId("app-view");
const indicator = byId("connection");
const who = byId("who");
const logoutButton = byId("logout");
const listError = byId("list-error");

const quotes = new QuoteBook();
let live = null;
const list = new DefaultList(api);
const table = new WatchlistTable({
  table: byId("watchlist"), empty: byId("list-empty"), quotes,
  onRemove: (security) => change(() => list.remove(security.id), `Could not remove ${security.ticker}`),
});
const search = new SearchBox({
  input: byId("search"), listbox: byId("results"), status: byId("search-status"),
  search: (query, signal) => api.search(query, signal),
  isListed: (id) => table.has(id),
  onChoose: (security) => change(() => list.add(security.id), `Could not add ${security.ticker}`),
});
const login = new LoginForm({ api, onLogin: (answer) => startSession(keepSession(answer)) });

let listReads = 0;

/**
 * Re-reads the list and redraws it (after a change here, `lists_changed`, or before each socket); when reads
 * overlap, only the latest one's answer is drawn.
 */
async function reloadList() {
  const read = ++listReads;
  const securities = await list.load();
  if (read !== listReads) return;
  table.setSecurities(securities);
  search.render();
}

/** Runs a change to the list, then re-reads it; a failure is said under the table. */
async function change(call, failure) {
  listError.textContent = "";
  try {
    await call();
    await reloadList();
  } catch (error) {
    if (error.status === 401) return endSession("Your session ended: log in again.");
    listError.textContent = `${failure}: ${errorInWords(error)}`;
  }
}

function startSession(session) {
  api.token = session.token;
  quotes.reset();
  loginView.hidden = true;
  appView.hidden = false;
  who.textContent = session.username;
  who.hidden = logoutButton.hidden = false;
  listError.textContent = "";
  live = new LiveConnection({
    token: session.token, indicator,
    prepare: reloadList,
    onSessionEnded: () => endSession("Your session ended: log in again."),
    handlers: {
      snapshot: (message) => {
        table.update(quotes.apply(message));
        // A security added elsewhere (another tab, the terminal client) arrives as a snapshot of its own.
        if (Object.keys(message.prices ?? {}).some((ticker) => !table.hasTicker(ticker))) reloadList().catch(() => {});
      },
      prices: (message) => table.update(quotes.apply(message)),
      lists_changed: () => reloadList().catch(() => {}),
    },
  });
  live.start();
  byId("search").focus();
}

function endSession(reason = "") {
  live?.stop();
  live = null;
  forgetSession();
  api.token = null;
  table.setSecurities([]);
  search.clear();
  appView.hidden = true;
  indicator.hidden = who.hidden = logoutButton.hidden = true;
  loginView.hidden = false;
  login.show(reason);
}

logoutButton.addEventListener("click", async () => {
  live?.stop();
  // The token is forgotten here even when the server cannot be told (it expires on its own).
  await api.logout().catch(() => {});
  endSession("");
});

const kept = keptSession();
if (kept) startSession(kept);
else endSession("");
