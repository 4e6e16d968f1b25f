// The page: the login form, or (with a kept token) the search box, the list tabs, the selected watchlist with
// live prices and the alerts.

import { AlertsPanel } from "./alerts.js";
import { Api, errorInWords } from "./api.js";
import { byId } from "./dom.js";
import { Watchlists } from "./lists.js";
import { LiveConnection } from "./live.js";
import { LoginForm } from "./login.js";
import { QuoteBook } from "./quotes.js";
import { SearchBox } from "./search.js";
import { forgetSession, keepSession, keptSession } from "./session.js";
import { ListTabs } from "./tabs.js";
import { WatchlistTable } from "./watchlist.js";

const api = new Api();
const loginView = byId("login-view");
const appView = byId("app-view");
const indicator = byId("connection");
const who = byId("who");
const logoutButton = byId("logout");
const listError = byId("list-error");
const listTitle = byId("list-title");

const quotes = new QuoteBook();
let live = null;
const lists = new Watchlists(api);
const alerts = new AlertsPanel({
  api, onChoose: (id) => table.choose(id),
  change: (call, failure) => change(call, failure, { where: byId("alert-error"), reload: () => alerts.load() }),
});
const table = new WatchlistTable({
  table: byId("watchlist"), empty: byId("list-empty"), quotes,
  onRemove: (security) => change(() => lists.remove(security.id), `Could not remove ${security.ticker}`),
  onReorder: (ids) => saveOrder(ids),
  onPick: (security) => {
    alerts.choose(security.id);
    table.choose(security.id);
  },
});
const tabs = new ListTabs({
  onSelect: (id) => {
    lists.select(id);
    tabs.render(lists.all, lists.selected);
    reloadList().catch(() => {});
  },
  onCreate: (name) => change(() => lists.create(name), `Could not create the list “${name}”`),
  onRename: (name) => change(() => lists.rename(name), `Could not rename the list to “${name}”`),
  onDelete: (list) => change(() => lists.delete(), `Could not delete the list “${list.name}”`),
  say: (message, field) => {
    listError.textContent = message;
    field.focus();
  },
});
const search = new SearchBox({
  input: byId("search"), listbox: byId("results"), status: byId("search-status"),
  search: (query, signal) => api.search(query, signal),
  isListed: (id) => table.has(id),
  onChoose: (security) => change(() => lists.add(security.id), `Could not add ${security.ticker}`),
});
const login = new LoginForm({ api, onLogin: (answer) => startSession(keepSession(answer)) });

let listReads = 0;

let orderSaved = Promise.resolve();
let ordersSaving = 0;

/**
 * Re-reads the lists and the selected one's rows and redraws them (after a change here, `lists_changed`, or
 * before each socket); when reads overlap, only the latest one's answer is drawn.
 */
async function reloadList() {
  const read = ++listReads;
  const securities = await lists.load();
  // While moves are being saved, a read may answer an older order: the read after the last save draws.
  if (read !== listReads || ordersSaving) return;
  tabs.render(lists.all, lists.selected);
  listTitle.textContent = lists.selected?.name ?? "Watchlist";
  table.setSecurities(securities);
  table.choose(alerts.setSecurities(securities));
  search.render();
}

/** Before each socket: the lists and the alerts (fired ones included: fired alerts are not replayed). */
const prepare = () => Promise.all([reloadList(), alerts.load()]);

/** Keeps a row moved here; moves save one after another, so the last order is the one kept, then drawn. */
function saveOrder(ids) {
  ordersSaving += 1;
  orderSaved = orderSaved.then(() => change(() => lists.reorder(ids), "Could not keep the new order", { reload: async () => {} }))
    .finally(() => { if (--ordersSaving === 0) reloadList().catch(() => {}); });
}

/**
 * Runs a change, then `reload` (the list by default); a failure is said in `where` (under the table by default).
 * Answers whether it went through.
 */
async function change(call, failure, { where = listError, reload = reloadList } = {}) {
  where.textContent = "";
  try {
    await call();
    await reload();
    return true;
  } catch (error) {
    if (error.status === 401) endSession("Your session ended: log in again.");
    else where.textContent = `${failure}: ${errorInWords(error)}`;
    return false;
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
    prepare,
    onSessionEnded: () => endSession("Your session ended: log in again."),
    handlers: {
      snapshot: (message) => table.update(quotes.apply(message)),
      prices: (message) => table.update(quotes.apply(message)),
      // A change made elsewhere (another tab, the terminal client) or here: the lists are read again.
      lists_changed: () => reloadList().catch(() => {}),
      alert: (message) => {
        alerts.fire(message.alert);
        table.markAlerted(message.alert.ticker);
      },
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
  table.alerted.clear();
  table.setSecurities([]);
  alerts.clear();
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
