// Price alerts (SPEC.md, "Price alerts"): the form (Security, Condition, Value, Set alert) for the chosen row's
// security, the user's alerts with a Delete button each, and a fired alert announced in its `alert` region.

import { byId, element } from "./dom.js";
import { formatPercent, formatPrice, formatTime } from "./format.js";

const conditions = {
  price_above: "price above", price_below: "price below",
  change_percent_above: "change % above", change_percent_below: "change % below",
};

/** "AAPL price above 150.00". */
function alertInWords(alert) {
  const value = alert.condition.startsWith("price") ? formatPrice(alert.value) : formatPercent(alert.value);
  return `${alert.ticker} ${conditions[alert.condition] ?? alert.condition} ${value}`;
}

export class AlertsPanel {
  /**
   * `change(call, failure)` runs a call, re-reads the alerts and says a failure; `onChoose(id)` gets the security
   * chosen in the form.
   */
  constructor({ api, change, onChoose }) {
    Object.assign(this, { api, change });
    for (const id of ["security", "condition", "value", "list", "empty", "fired"]) this[id] = byId(`alert-${id}`);
    this.security.addEventListener("change", () => onChoose(Number(this.security.value)));
    byId("alert-form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.create();
    });
  }

  /** Offers the selected list's securities, keeping the chosen one while it is there; answers the chosen id. */
  setSecurities(securities) {
    const chosen = this.security.value;
    this.security.replaceChildren(...securities.map((security) => element("option", { value: security.id }, security.ticker)));
    if (securities.some((security) => String(security.id) === chosen)) this.security.value = chosen;
    return Number(this.security.value) || null;
  }

  choose(id) { this.security.value = String(id); }

  /** Re-reads and draws the user's alerts, oldest first. */
  async load() { this.draw(await this.api.request("GET", "/user/alerts")); }

  draw(alerts) {
    this.list.replaceChildren(...alerts.map((alert) => {
      const words = alertInWords(alert);
      const remove = element("button", { type: "button", "aria-label": `Delete alert ${words}` }, "Delete");
      remove.addEventListener("click", () => this.change(() => this.api.request("DELETE", `/user/alerts/${alert.id}`), "Could not delete the alert"));
      const state = alert.triggered_at ? `fired ${formatTime(alert.triggered_at)} at ${formatPrice(alert.price)}` : "waiting";
      return element("li", { class: alert.triggered_at ? "triggered" : null }, element("span", {}, words), element("span", { class: "hint" }, state), remove);
    }));
    this.empty.hidden = alerts.length > 0;
  }

  async create() {
    const text = this.value.value.trim().replace(",", ".");
    const value = Number(text);
    if (!this.security.value) return this.say("Add a security to this list first: an alert is set for one of its rows.", this.security);
    if (!text || !Number.isFinite(value)) return this.say("Enter a number in Value.", this.value);
    const body = { security_id: Number(this.security.value), condition: this.condition.value, value };
    if (await this.change(() => this.api.request("POST", "/user/alerts", { body }), "Could not set the alert")) this.value.value = "";
  }

  say(message, field) {
    byId("alert-error").textContent = message;
    field.focus();
  }

  /** An alert that fired (the socket's `alert` message): announced, the list re-read. */
  fire(alert) {
    this.fired.textContent = `Alert: ${alertInWords(alert)} (now ${formatPrice(alert.price)}).`;
    this.load().catch(() => {});
  }

  /** Forgets what was shown (log out). */
  clear() {
    this.fired.textContent = "";
    this.draw([]);
    this.setSecurities([]);
  }
}
