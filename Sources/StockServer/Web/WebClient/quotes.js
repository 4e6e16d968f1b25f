// The latest quote of every security the socket carries, by ticker: whole quotes from snapshots and watchlist
// items, the changed fields of each `prices` message merged in (SPEC.md, "Quotes"). Where the API has no change
// figures (no previous close), the change is counted from the first price this page saw.

export class QuoteBook {
  constructor() { this.reset(); }

  /** Forgets every quote (a new session). */
  reset() {
    this.quotes = new Map();
    this.firstSeen = new Map();
    this.stale = new Set();
  }

  /** A security object's quote (a watchlist item or search result), unless the book knows a newer one. */
  seed(security) {
    if (this.quotes.has(security.ticker)) return;
    const quote = security.quote ?? (typeof security.last_price === "number" ? { price: security.last_price } : null);
    if (quote) this.merge(security.ticker, quote, null);
  }

  /** Applies a `snapshot` or `prices` message; answers the tickers whose figures changed. */
  apply(message) {
    const changed = new Set();
    const quotes = message.quotes ?? {};
    for (const [ticker, value] of Object.entries(message.prices ?? {})) {
      const fields = quotes[ticker] ?? { price: value };
      if (message.type === "snapshot") this.quotes.delete(ticker);
      this.merge(ticker, { ...fields, price: fields.price ?? value }, message.at);
      this.stale.delete(ticker);
      changed.add(ticker);
    }
    for (const ticker of message.stale ?? []) {
      if (!this.stale.has(ticker)) changed.add(ticker);
      this.stale.add(ticker);
    }
    return changed;
  }

  merge(ticker, fields, at) {
    const quote = { ...(this.quotes.get(ticker) ?? {}), ...fields };
    if (!quote.as_of && at) quote.as_of = at;
    if (at) quote.received = at;
    this.quotes.set(ticker, quote);
    if (!this.firstSeen.has(ticker) && typeof quote.price === "number") this.firstSeen.set(ticker, quote.price);
  }

  /** What a row shows of a ticker: price, change, change %, previous close, day range, state, currency, time. */
  figures(ticker, currency) {
    const quote = this.quotes.get(ticker) ?? {};
    const price = typeof quote.price === "number" ? quote.price : null;
    let { change = null, change_percent: changePercent = null } = quote;
    const first = this.firstSeen.get(ticker);
    if (change === null && price !== null && first) {
      change = Math.round((price - first) * 1e4) / 1e4;
      changePercent = Math.round(((price - first) / first) * 1e6) / 1e4;
    }
    return {
      price, change, changePercent,
      previousClose: quote.previous_close ?? null,
      dayLow: quote.day_low ?? null, dayHigh: quote.day_high ?? null,
      marketState: quote.market_state ?? null,
      currency: quote.currency ?? currency ?? null,
      updated: quote.as_of ?? quote.received ?? null,
      stale: this.stale.has(ticker),
    };
  }
}
