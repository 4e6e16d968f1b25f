// The watchlist as a <table>: one row per security in the user's order (the default view), live figures from
// the QuoteBook, a flash on each price change, stale prices marked, columns sortable from their headers
// (ascending, descending, back to the user's order). Only in the user's order can rows be moved (Move up/down).

import { element } from "./dom.js";
import { formatChange, formatMarketState, formatPercent, formatPrice, formatRange, formatTime } from "./format.js";

const columns = [
  { key: "ticker" },
  { key: "name", text: (row) => row.security.name, className: "col-name" },
  { key: "price", text: (row, f) => formatPrice(f.price), className: "num price" },
  { key: "change", text: (row, f) => formatChange(f.change), className: "num col-wide", sign: "change" },
  { key: "changePercent", text: (row, f) => formatPercent(f.changePercent), className: "num", sign: "changePercent" },
  { key: "previousClose", text: (row, f) => formatPrice(f.previousClose), className: "num col-wide" },
  { key: "dayLow", text: (row, f) => formatRange(f.dayLow, f.dayHigh), className: "num col-wide" },
  { key: "marketState", text: (row, f) => formatMarketState(f.marketState), className: "col-wide" },
  { key: "currency", text: (row, f) => f.currency ?? "–", className: "col-wide" },
  { key: "updated", text: (row, f) => (f.stale ? `stale · ${formatTime(f.updated)}` : formatTime(f.updated)), className: "num col-wide" },
];

export class WatchlistTable {
  /**
   * `quotes` is the page's QuoteBook; `onRemove(security)` takes a security off the list; `onReorder(ids)` keeps
   * the user's new order; `onPick(security)` gets a row clicked.
   */
  constructor({ table, empty, quotes, onRemove, onReorder, onPick }) {
    Object.assign(this, { table, empty, quotes, onRemove, onReorder, onPick });
    this.body = table.tBodies[0];
    this.rows = new Map();
    this.order = [];
    this.sort = null;
    this.chosen = null;
    this.alerted = new Set();
    for (const header of table.tHead.querySelectorAll("th[data-key]")) this.makeSortable(header);
  }

  makeSortable(header) {
    const button = element("button", { type: "button", class: "sort" }, ...header.childNodes);
    header.replaceChildren(button);
    header.setAttribute("aria-sort", "none");
    button.addEventListener("click", () => this.toggleSort(header.dataset.key));
  }

  /** The securities of the list, in the user's order. */
  setSecurities(securities) {
    const next = new Map();
    for (const security of securities) {
      this.quotes.seed(security);
      next.set(security.id, this.rows.get(security.id) ?? this.makeRow(security));
      next.get(security.id).security = security;
    }
    this.rows = next;
    this.order = securities.map((security) => security.id);
    for (const row of this.rows.values()) this.refresh(row, false);
    this.arrange();
  }

  has(id) { return this.rows.has(id); }

  /** Redraws the rows of these tickers, flashing the prices that moved. */
  update(tickers) {
    for (const row of this.rows.values()) if (tickers.has(row.security.ticker)) this.refresh(row, true);
    if (this.sort) this.arrange();
  }

  makeRow(security) {
    const symbol = element("span", { class: "symbol" });
    // The name under the ticker where the Name column does not fit (phones).
    const subtitle = element("span", { class: "subtitle" });
    const cells = columns.map((column) => (column.key === "ticker"
      ? element("th", { scope: "row" }, symbol, subtitle)
      : element("td", { class: column.className ?? null })));
    const remove = element("button", { type: "button", class: "remove", "aria-label": `Remove ${security.ticker}` },
      element("span", { class: "remove-text" }, "Remove"));
    remove.addEventListener("click", () => this.onRemove(this.rows.get(security.id)?.security ?? security));
    const moves = [["up", "↑", -1], ["down", "↓", 1]].map(([way, arrow, step]) => {
      const button = element("button", { type: "button", class: "move", "aria-label": `Move ${security.ticker} ${way}` }, arrow);
      button.addEventListener("click", () => this.move(security.id, step, button));
      return button;
    });
    const tr = element("tr", {}, ...cells, element("td", { class: "actions" }, element("span", { class: "moves" }, ...moves), remove));
    tr.addEventListener("animationend", () => tr.classList.remove("flash-up", "flash-down"));
    tr.addEventListener("click", (event) => { if (!event.target.closest("button")) this.onPick(this.rows.get(security.id).security); });
    return { security, tr, cells, symbol, subtitle, moves, figures: null };
  }

  /** Moves a row one place in the user's order, keeping the focus on its button (or the other one at an end). */
  move(id, step, button) {
    const from = this.order.indexOf(id);
    const to = from + step;
    if (this.sort || from < 0 || to < 0 || to >= this.order.length) return;
    [this.order[from], this.order[to]] = [this.order[to], this.order[from]];
    this.arrange();
    const [up, down] = this.rows.get(id).moves;
    (button.disabled ? (button === up ? down : up) : button).focus();
    this.onReorder(this.order.slice());
  }

  /** Highlights the row of the security the alert form is for. */
  choose(id) {
    this.chosen = id;
    for (const row of this.rows.values()) this.refresh(row, false);
  }

  /** Highlights the row of a security whose alert fired (for the rest of the session). */
  markAlerted(ticker) {
    this.alerted.add(ticker);
    for (const row of this.rows.values()) this.refresh(row, false);
  }

  refresh(row, flash) {
    const figures = this.quotes.figures(row.security.ticker, row.security.currency);
    row.symbol.textContent = row.security.ticker;
    row.subtitle.textContent = row.security.name;
    columns.forEach((column, index) => {
      if (column.key === "ticker") return;
      const cell = row.cells[index];
      const text = column.text(row, figures);
      if (cell.textContent !== text) cell.textContent = text;
      if (column.sign) cell.dataset.sign = Math.sign(figures[column.sign] ?? 0);
    });
    row.tr.classList.toggle("stale", figures.stale);
    row.tr.classList.toggle("chosen", row.security.id === this.chosen);
    row.tr.classList.toggle("alerted", this.alerted.has(row.security.ticker));
    row.cells[columns.findIndex((column) => column.key === "name")].title = row.security.name;
    const before = row.figures?.price;
    if (flash && typeof before === "number" && typeof figures.price === "number" && before !== figures.price) {
      row.tr.classList.remove("flash-up", "flash-down");
      void row.tr.offsetWidth; // restarts the animation when the price moves again within it
      row.tr.classList.add(figures.price > before ? "flash-up" : "flash-down");
    }
    row.figures = figures;
  }

  toggleSort(key) {
    if (this.sort?.key !== key) this.sort = { key, direction: 1 };
    else if (this.sort.direction === 1) this.sort = { key, direction: -1 };
    else this.sort = null;
    for (const header of this.table.tHead.querySelectorAll("th[data-key]")) {
      const sorted = this.sort?.key === header.dataset.key;
      header.setAttribute("aria-sort", sorted ? (this.sort.direction === 1 ? "ascending" : "descending") : "none");
    }
    this.arrange();
  }

  /** Puts the rows in the view's order: the user's, or the sorted column's (no figure last). */
  arrange() {
    let rows = this.order.map((id) => this.rows.get(id));
    if (this.sort) {
      const { key, direction } = this.sort;
      const value = (row) => (key === "ticker" || key === "name" ? row.security[key] : row.figures?.[key]);
      const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
      rows = rows.slice().sort((a, b) => {
        const [x, y] = [value(a), value(b)];
        if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;
        if (y === null || y === undefined) return -1;
        return direction * (typeof x === "string" ? collator.compare(x, y) : x - y);
      });
    }
    rows.forEach((row, index) => {
      if (this.body.children[index] !== row.tr) this.body.insertBefore(row.tr, this.body.children[index] ?? null);
      row.moves.forEach((button, way) => {
        button.hidden = Boolean(this.sort);
        button.disabled = way === 0 ? index === 0 : index === rows.length - 1;
      });
    });
    while (this.body.children.length > rows.length) this.body.lastElementChild.remove();
    this.empty.hidden = rows.length > 0;
    this.table.hidden = rows.length === 0;
  }
}
