// The login kept across reloads: the token (and the name it belongs to) in localStorage until Log out or 4401.

const key = "stocktracker.session";

/** The kept session `{token, username, expiresAt}`, or null (none, expired or unreadable). */
export function keptSession() {
  try {
    const session = JSON.parse(localStorage.getItem(key) ?? "null");
    if (!session || typeof session.token !== "string") return null;
    if (session.expiresAt && Date.parse(session.expiresAt) <= Date.now()) return forgetSession();
    return session;
  } catch {
    return forgetSession();
  }
}

/** Keeps a login answer (`POST /auth/login`). */
export function keepSession(login) {
  const session = { token: login.token, username: login.user?.username ?? "", expiresAt: login.expires_at ?? null };
  localStorage.setItem(key, JSON.stringify(session));
  return session;
}

/** Forgets the kept session; returns null. */
export function forgetSession() {
  localStorage.removeItem(key);
  return null;
}
