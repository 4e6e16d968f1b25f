// The HTTP API of the page's own server (SPEC.md, "HTTP API"), with every failure as an ApiError in words.

/** A failed call: `status` (0 when the server was unreachable), the server's `error`, its flags and Retry-After. */
export class ApiError extends Error {
  constructor(status, message, { flags = {}, retryAfter = null } = {}) {
    super(message);
    this.status = status;
    this.flags = flags;
    this.retryAfter = retryAfter;
  }

  /** The server could not be reached (or answered no HTTP). */
  get unreachable() { return this.status === 0; }
}

/** "42 s", "3 min": how long Retry-After asks to wait. */
export function waitInWords(seconds) {
  if (seconds === null || !Number.isFinite(seconds)) return "a moment";
  return seconds < 90 ? `${Math.max(1, Math.ceil(seconds))} s` : `${Math.ceil(seconds / 60)} min`;
}

/** What a person reads for a failed call that no more specific message covers. */
export function errorInWords(error) {
  if (!(error instanceof ApiError)) return `Something went wrong: ${error.message}`;
  if (error.unreachable) return "The server is unreachable: check that it is running, then try again.";
  if (error.status === 429) return `Too many attempts: try again in ${waitInWords(error.retryAfter)}.`;
  if (error.status === 503) return `The server is busy: try again in ${waitInWords(error.retryAfter)}.`;
  return error.message ? sentence(error.message) : `The server answered ${error.status}.`;
}

function sentence(text) {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** Calls on the API, with the session's bearer token once there is one. */
export class Api {
  constructor() {
    this.token = null;
  }

  /** `fetch` of a JSON call; resolves to the decoded answer (null for 204), rejects with an ApiError. */
  async request(method, path, { body, signal } = {}) {
    const headers = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    let response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
    } catch (error) {
      if (error.name === "AbortError") throw error;
      throw new ApiError(0, "unreachable");
    }
    if (response.status === 204) return null;
    const answer = await response.json().catch(() => null);
    if (response.ok) return answer;
    const { error: message = "", ...flags } = answer && typeof answer === "object" ? answer : {};
    const retryAfter = Number.parseInt(response.headers.get("Retry-After") ?? "", 10);
    throw new ApiError(response.status, message, { flags, retryAfter: Number.isNaN(retryAfter) ? null : retryAfter });
  }

  register(username, password) { return this.request("POST", "/auth/register", { body: { username, password } }); }

  login(username, password, totp) {
    const body = totp ? { username, password, totp } : { username, password };
    return this.request("POST", "/auth/login", { body });
  }

  logout() { return this.request("POST", "/auth/logout"); }

  search(query, signal) {
    return this.request("GET", `/security?q=${encodeURIComponent(query)}&limit=10`, { signal });
  }
}
