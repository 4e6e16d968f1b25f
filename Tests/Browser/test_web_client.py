"""The web client at GET / in a real browser (Debian's chromium, headless) against a real `stocktracker serve`:
elements are found by role and label, as a screen reader finds them.

    python3 -m unittest discover -s Tests/Browser -v      (after `swift build`; scripts/test.sh browser)
"""

import itertools
import re
import time
import unittest

from playwright.sync_api import expect

from browser import PHONE, Browser
from server import Server
from totp import current_step, totp

PASSWORD = "correct horse battery"
names = (f"web{n}{int(time.time()) % 100000}" for n in itertools.count())


def submit_login(page, username, password, button="Log in"):
    """Fills the login form and presses `button` (Log in or Create account)."""
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name=button).click()


def create_account(page, username):
    page.goto("/")
    submit_login(page, username, PASSWORD, "Create account")
    expect(page.get_by_role("heading", name="Watchlist")).to_be_visible()


def add_from_search(page, query, ticker, list_name="Watchlist"):
    search = page.get_by_role("combobox", name="Search")
    search.fill(query)
    option = results(page).get_by_role("option").filter(has_text=ticker).first
    expect(option).to_be_visible()
    option.click()
    expect(watchlist_row(page, ticker, list_name)).to_be_visible()


def results(page):
    return page.get_by_role("listbox", name="Search results")


def watchlist_row(page, ticker, list_name="Watchlist"):
    # The row header is the ticker (on phones followed by the name).
    return page.get_by_role("table", name=list_name, exact=True).get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=re.compile(rf"^{re.escape(ticker)}(\s|$)")))


def status(page):
    return page.get_by_role("status")


class WebClientTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server().start()
        cls.browser = Browser().__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.browser.__exit__(None, None, None)
        cls.server.close()

    def page(self, **options):
        page = self.browser.page(self.server.base, **options)
        self.addCleanup(page.context.close)
        return page

    def test_account_search_add_live_price_reload_remove_and_log_out(self):
        page = self.page()
        create_account(page, next(names))
        expect(status(page)).to_have_text("live")

        search = page.get_by_role("combobox", name="Search")
        search.fill("appl")
        listbox = page.get_by_role("listbox", name="Search results")
        first = listbox.get_by_role("option").first
        expect(first).to_contain_text("AAPL")
        expect(first.locator("mark").first).to_have_text(re.compile("appl", re.I))
        expect(search).to_have_attribute("aria-expanded", "true")
        search.press("Enter")

        row = watchlist_row(page, "AAPL")
        expect(row).to_contain_text("Apple")
        price = row.get_by_role("cell").nth(1)
        expect(price).to_have_text(re.compile(r"\d"))
        before = price.inner_text()
        expect(price).not_to_have_text(before, timeout=20_000)  # --price-interval 1
        expect(row).to_contain_text("USD")
        expect(row).to_contain_text("Open")  # the simulated market is always open: market_state "regular"

        # Searching again marks what is on the list.
        search.fill("appl")
        expect(listbox.get_by_role("option").first).to_contain_text("on your list")
        search.press("Escape")
        expect(listbox).to_be_hidden()

        page.reload()
        expect(watchlist_row(page, "AAPL")).to_be_visible()
        expect(status(page)).to_have_text("live")

        page.get_by_role("button", name="Remove AAPL").click()
        expect(watchlist_row(page, "AAPL")).to_have_count(0)
        expect(page.get_by_text("Your watchlist is empty")).to_be_visible()

        token = page.evaluate("JSON.parse(localStorage.getItem('stocktracker.session')).token")
        page.get_by_role("button", name="Log out").click()
        expect(page.get_by_role("button", name="Log in")).to_be_visible()
        self.assertIsNone(page.evaluate("localStorage.getItem('stocktracker.session')"))
        self.assertEqual(self.server.call("GET", "/user/security", token=token)[0], 401, "Log out revokes the token")
        page.reload()
        expect(page.get_by_label("Username")).to_be_visible()
        self.assertEqual(page.console_errors, [])

    def test_a_token_revoked_elsewhere_closes_with_4401_and_returns_to_login(self):
        page = self.page()
        create_account(page, next(names))
        expect(status(page)).to_have_text("live")
        token = page.evaluate("JSON.parse(localStorage.getItem('stocktracker.session')).token")
        self.assertEqual(self.server.call("POST", "/auth/logout", token=token)[0], 204)
        # The app view has alert regions of its own (list and alert errors, fired alerts) until the session ends.
        expect(page.get_by_role("alert").filter(has_text="Your session ended")).to_have_text("Your session ended: log in again.")
        expect(page.get_by_role("button", name="Log in")).to_be_visible()
        self.assertIsNone(page.evaluate("localStorage.getItem('stocktracker.session')"))

    def test_wrong_password_is_said_in_words(self):
        username = next(names)
        self.server.register_and_login(username, PASSWORD)
        page = self.page()
        page.goto("/")
        submit_login(page, username, "not the password")
        expect(page.get_by_role("alert").filter(has_text="Wrong username or password.")).to_be_visible()
        expect(page.get_by_label("Code")).to_be_hidden()
        expect(page.get_by_role("combobox", name="Search")).to_be_hidden()

    def test_taken_name_and_short_password_are_said_in_words(self):
        username = next(names)
        self.server.register_and_login(username, PASSWORD)
        page = self.page()
        page.goto("/")
        submit_login(page, username, PASSWORD, "Create account")
        expect(page.get_by_role("alert")).to_have_text("That username is taken: choose another, or log in.")
        submit_login(page, next(names), "short", "Create account")
        expect(page.get_by_role("alert")).to_contain_text("8 to 72 bytes")

    def test_totp_login_asks_for_the_code(self):
        username = next(names)
        token = self.server.register_and_login(username, PASSWORD)
        status_code, setup = self.server.call("POST", "/auth/totp/setup", {"password": PASSWORD}, token=token)
        self.assertEqual(status_code, 200)
        # Confirmed with the previous step's code (accepted for drift), so the current one is still unused.
        step = current_step()
        status_code, _ = self.server.call("POST", "/auth/totp/confirm", {"code": totp(setup["secret"], step - 1)}, token=token)
        self.assertEqual(status_code, 200)

        page = self.page()
        page.goto("/")
        submit_login(page, username, PASSWORD)
        code = page.get_by_label("Code")
        expect(code).to_be_visible()
        expect(page.get_by_role("alert")).to_contain_text("code")
        code.fill("000000" if totp(setup["secret"]) != "000000" else "111111")
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("alert")).to_contain_text("wrong")
        code.fill(totp(setup["secret"], max(step, current_step())))
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("combobox", name="Search")).to_be_visible()
        expect(status(page)).to_have_text("live")

    def test_keyboard_search_japanese_names_sorting_and_a_change_made_elsewhere(self):
        page = self.page()
        create_account(page, next(names))
        search = page.get_by_role("combobox", name="Search")
        search.fill("toyota")
        option = results(page).get_by_role("option").first
        expect(option).to_contain_text("トヨタ自動車")
        expect(option).to_contain_text("alias")
        search.press("Enter")
        expect(watchlist_row(page, "7203.T")).to_contain_text("トヨタ自動車")
        add_from_search(page, "msft", "MSFT")
        search.fill("apple")
        expect(results(page).get_by_role("option").first).to_be_visible()
        search.press("ArrowDown")
        search.press("ArrowUp")
        expect(results(page).get_by_role("option", selected=True)).to_contain_text("AAPL")
        search.press("Enter")
        expect(watchlist_row(page, "AAPL")).to_be_visible()

        table = page.get_by_role("table", name="Watchlist")
        tickers = lambda: [cell.inner_text().split()[0] for cell in table.get_by_role("rowheader").all()]
        self.assertEqual(tickers(), ["7203.T", "MSFT", "AAPL"], "the user's order is the default")
        header = page.get_by_role("columnheader", name="Ticker")
        header.get_by_role("button").focus()
        page.keyboard.press("Enter")
        expect(header).to_have_attribute("aria-sort", "ascending")
        self.assertEqual(tickers(), ["7203.T", "AAPL", "MSFT"])
        page.keyboard.press("Enter")
        self.assertEqual(tickers(), ["MSFT", "AAPL", "7203.T"])
        page.keyboard.press("Enter")
        expect(header).to_have_attribute("aria-sort", "none")
        self.assertEqual(tickers(), ["7203.T", "MSFT", "AAPL"])

        token = page.evaluate("JSON.parse(localStorage.getItem('stocktracker.session')).token")
        status_code, _ = self.server.call("POST", "/user/security", {"id": self.server.security_id("NVDA")}, token=token)
        self.assertEqual(status_code, 201)
        expect(watchlist_row(page, "NVDA")).to_be_visible()
        self.assertEqual(page.console_errors, [])

    def test_no_horizontal_scroll_at_360_px_and_every_column_at_1920_px(self):
        page = self.page(viewport=PHONE)
        page.goto("/")
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), PHONE["width"])
        create_account(page, next(names))
        for query, ticker in [("appl", "AAPL"), ("toyota", "7203.T"), ("berkshire", "BRK.B")]:
            add_from_search(page, query, ticker)
        page.get_by_role("combobox", name="Search").fill("a")
        expect(results(page).get_by_role("option").first).to_be_visible()
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), PHONE["width"])
        page.keyboard.press("Escape")
        expect(page.get_by_role("button", name="Remove AAPL")).to_be_visible()
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), PHONE["width"])
        # At 1920 px every column shows, within the window.
        page.set_viewport_size({"width": 1920, "height": 1080})
        for column in ["Name", "Prev. close", "Day range", "Market", "Currency", "Updated"]:
            expect(page.get_by_role("columnheader", name=column)).to_be_visible()
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), 1920)
        self.assertEqual(page.evaluate("document.querySelector('.table-wrap').scrollWidth <= document.querySelector('.table-wrap').clientWidth"), True)
        self.assertEqual(page.console_errors, [])


class ReconnectTests(unittest.TestCase):
    def test_server_stopped_and_started_again(self):
        server = Server("restart").start()
        self.addCleanup(server.close)
        with Browser() as browser:
            page = browser.page(server.base)
            create_account(page, next(names))
            add_from_search(page, "appl", "AAPL")
            expect(status(page)).to_have_text("live")
            server.stop()
            expect(status(page)).to_have_text(re.compile("reconnecting|offline"))
            expect(status(page)).to_have_text("offline", timeout=30_000)
            server.start()
            expect(status(page)).to_have_text("live", timeout=30_000)
            price = watchlist_row(page, "AAPL").get_by_role("cell").nth(1)
            before = price.inner_text()
            expect(price).not_to_have_text(before, timeout=20_000)


if __name__ == "__main__":
    unittest.main()
