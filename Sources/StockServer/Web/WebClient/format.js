// How figures read on screen: prices with 2 to 4 decimals, signed changes, local times.

const price = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 4 });
const signed = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 4, signDisplay: "exceptZero" });
const percent = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: "exceptZero" });
const time = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
const dash = "–";

const isNumber = (value) => typeof value === "number" && Number.isFinite(value);

export const formatPrice = (value) => (isNumber(value) ? price.format(value) : dash);
export const formatChange = (value) => (isNumber(value) ? signed.format(value) : dash);
export const formatPercent = (value) => (isNumber(value) ? `${percent.format(value)} %` : dash);

export function formatRange(low, high) {
  return isNumber(low) && isNumber(high) ? `${price.format(low)} – ${price.format(high)}` : dash;
}

export function formatTime(iso) {
  const date = iso ? new Date(iso) : null;
  return date && !Number.isNaN(date.getTime()) ? time.format(date) : dash;
}

const marketStates = { pre: "Pre-market", regular: "Open", post: "After hours", closed: "Closed" };
export const formatMarketState = (state) => marketStates[state] ?? dash;
