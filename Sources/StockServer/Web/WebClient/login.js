// The login form: Username, Password, Log in, Create account (registers, then logs straight in); a Code field
// appears when the server answers `totp_required`. Failures are said in words.

import { errorInWords, waitInWords } from "./api.js";
import { byId } from "./dom.js";

export class LoginForm {
  /** `onLogin(answer)` gets the `POST /auth/login` answer. */
  constructor({ api, onLogin }) {
    Object.assign(this, { api, onLogin });
    this.form = byId("login-form");
    this.username = byId("username");
    this.password = byId("password");
    this.codeField = byId("code-field");
    this.code = byId("code");
    this.error = byId("login-error");
    this.buttons = [byId("login"), byId("register")];
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit(false);
    });
    byId("register").addEventListener("click", () => this.submit(true));
  }

  /** Shows the form (after a reload without a session, Log out or a 4401), with an optional reason. */
  show(reason = "") {
    this.password.value = "";
    this.code.value = "";
    this.codeField.hidden = true;
    this.error.textContent = reason;
    (this.username.value ? this.password : this.username).focus();
  }

  async submit(register) {
    const username = this.username.value.trim();
    const password = this.password.value;
    if (!username || !password) {
      this.fail(!username ? "Enter a username." : "Enter a password.", !username ? this.username : this.password);
      return;
    }
    this.busy(true);
    try {
      if (register) await this.api.register(username, password);
      const code = this.codeField.hidden ? "" : this.code.value.trim();
      this.onLogin(await this.api.login(username, password, code));
    } catch (error) {
      this.failed(error, register);
    } finally {
      this.busy(false);
    }
  }

  failed(error, register) {
    if (error.status === 401 && error.flags?.totp_required) {
      const given = !this.codeField.hidden && this.code.value.trim() !== "";
      this.codeField.hidden = false;
      this.fail(given ? "That code is wrong or was already used: enter the current one." : "This account needs the code from your authenticator app.", this.code);
    } else if (error.status === 401) {
      this.fail("Wrong username or password.", this.password);
    } else if (error.status === 409 && register) {
      this.fail("That username is taken: choose another, or log in.", this.username);
    } else if (error.status === 429) {
      const what = register ? "Too many new accounts from this address" : "Too many failed logins";
      this.fail(`${what}: try again in ${waitInWords(error.retryAfter)}.`, this.password);
    } else {
      this.fail(errorInWords(error), this.username);
    }
  }

  fail(message, field) {
    this.error.textContent = message;
    field.focus();
  }

  busy(busy) {
    for (const button of this.buttons) button.disabled = busy;
    this.form.setAttribute("aria-busy", String(busy));
  }
}
