// The live-price socket (`/ws/watchlist?token=`, SPEC.md "Live prices"): a connection indicator reading live,
// reconnecting or offline; after a drop, reconnection with exponential back-off (with jitter), each attempt first
// re-reading the list over HTTP (which also tells an expired token), then a fresh snapshot from the new socket.
// Close 4401 (token revoked or expired) ends the session; `handlers` get the messages by their `type`.

const tokenEnded = 4401;
const tooManySockets = 4429;
const firstDelay = 500;
const longestDelay = 10_000;
const attemptsBeforeOffline = 4;

export class LiveConnection {
  /**
   * `prepare()` runs before each connection (re-reads the list; rejects with an ApiError when it cannot);
   * `onSessionEnded()` when the token no longer holds; `handlers` by message type; `indicator` the status element.
   */
  constructor({ token, indicator, prepare, onSessionEnded, handlers }) {
    Object.assign(this, { token, indicator, prepare, onSessionEnded, handlers });
    this.socket = null;
    this.failures = 0;
    this.timer = null;
    this.stopped = false;
    this.onOnline = () => { if (!this.socket) this.retryNow(); };
    window.addEventListener("online", this.onOnline);
  }

  start() { this.connect(); }

  /** Closes the socket for good (log out). */
  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    window.removeEventListener("online", this.onOnline);
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, "logged out");
  }

  show(state) {
    this.indicator.textContent = state;
    this.indicator.dataset.state = state;
    this.indicator.hidden = false;
  }

  async connect() {
    if (this.stopped) return;
    try {
      await this.prepare();
    } catch (error) {
      if (error.status === 401) return this.endSession();
      return this.retryLater();
    }
    if (this.stopped) return;
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(`${scheme}//${location.host}/ws/watchlist?token=${encodeURIComponent(this.token)}`);
    this.socket = socket;
    socket.addEventListener("message", (event) => this.receive(event.data));
    socket.addEventListener("close", (event) => this.closed(socket, event));
  }

  receive(data) {
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (message.type === "snapshot" && this.failures !== 0) this.failures = 0;
    if (message.type === "snapshot" || this.indicator.dataset.state !== "live") this.show("live");
    this.handlers[message.type]?.(message);
  }

  closed(socket, event) {
    if (socket !== this.socket) return;
    this.socket = null;
    if (this.stopped) return;
    if (event.code === tokenEnded) return this.endSession();
    this.retryLater(event.code === tooManySockets ? longestDelay : null);
  }

  endSession() {
    this.stop();
    this.onSessionEnded();
  }

  retryLater(delay = null) {
    this.failures += 1;
    this.show(this.failures > attemptsBeforeOffline || !navigator.onLine ? "offline" : "reconnecting");
    const backOff = Math.min(longestDelay, firstDelay * 2 ** (this.failures - 1));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), delay ?? backOff * (0.75 + Math.random() / 2));
  }

  retryNow() {
    clearTimeout(this.timer);
    this.connect();
  }
}
