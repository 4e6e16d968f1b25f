"""Several watchlists and price alerts in the web client, in a real browser against a real `stocktracker serve`
(`--price-interval 1`): list tabs (create, rename, delete, the last list refused), adding to the selected list,
moving rows in the user's order (kept across a reload), an alert set from the form that fires, deleting it.
Elements are found by role and label."""

import re
import unittest

from playwright.sync_api import expect

from browser import Browser
from server import Server
from test_web_client import add_from_search, create_account, names, watchlist_row


def tab(page, name):
    return page.get_by_role("tablist", name="Watchlists").get_by_role("tab", name=name, exact=True)


def new_list(page, name):
    page.get_by_label("List name").fill(name)
    page.get_by_role("button", name="New list").click()
    expect(tab(page, name)).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()


def tickers(page, list_name):
    table = page.get_by_role("table", name=list_name, exact=True)
    return [cell.inner_text().split()[0] for cell in table.get_by_role("rowheader").all()]


def token(page):
    return page.evaluate("JSON.parse(localStorage.getItem('stocktracker.session')).token")


class ListsAndAlertsTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server("lists").start()
        cls.browser = Browser().__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.browser.__exit__(None, None, None)
        cls.server.close()

    def page(self):
        page = self.browser.page(self.server.base)
        self.addCleanup(page.context.close)
        return page

    def lists(self, page):
        status, lists = self.server.call("GET", "/user/watchlists", token=token(page))
        self.assertEqual(status, 200)
        return {entry["name"]: entry for entry in lists}

    def test_creating_renaming_and_deleting_lists_and_the_last_list_is_refused(self):
        page = self.page()
        create_account(page, next(names))
        expect(tab(page, "Watchlist")).to_have_attribute("aria-selected", "true")
        new_list(page, "Tech")
        expect(tab(page, "Watchlist")).to_have_attribute("aria-selected", "false")
        add_from_search(page, "msft", "MSFT", "Tech")
        self.assertEqual({name: entry["count"] for name, entry in self.lists(page).items()}, {"Watchlist": 0, "Tech": 1})

        # The tabs from the keyboard: ← → move and select.
        tab(page, "Tech").focus()
        page.keyboard.press("ArrowLeft")
        expect(tab(page, "Watchlist")).to_be_focused()
        expect(tab(page, "Watchlist")).to_have_attribute("aria-selected", "true")
        expect(page.get_by_text("Your watchlist is empty")).to_be_visible()
        page.keyboard.press("ArrowRight")
        expect(watchlist_row(page, "MSFT", "Tech")).to_be_visible()

        page.get_by_label("List name").fill("Tech giants")
        page.get_by_role("button", name="Rename list").click()
        expect(tab(page, "Tech giants")).to_have_attribute("aria-selected", "true")
        self.assertIn("Tech giants", self.lists(page))
        self.assertEqual(page.console_errors, [])

        # No name, said here; a name too long and a taken one, the server's 400 and 409 in words.
        page.get_by_label("List name").fill("  ")
        page.get_by_role("button", name="New list").click()
        expect(page.get_by_role("alert").filter(has_text="Type a name in List name first.")).to_be_visible()
        expect(page.get_by_label("List name")).to_be_focused()
        page.get_by_label("List name").fill("x" * 65)
        page.get_by_role("button", name="New list").click()
        expect(page.get_by_role("alert").filter(has_text="Could not create the list")).to_contain_text("at most 64 characters")
        page.get_by_label("List name").fill("Watchlist")
        page.get_by_role("button", name="Rename list").click()
        expect(page.get_by_role("alert").filter(has_text="already have a watchlist named Watchlist")).to_be_visible()
        page.console_errors.clear()  # the 409, provoked on purpose

        # Delete asks first: dismissed, nothing happens; accepted, the list goes.
        page.once("dialog", lambda dialog: dialog.dismiss())
        page.get_by_role("button", name="Delete list").click()
        expect(tab(page, "Tech giants")).to_be_visible()
        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="Delete list").click()
        expect(tab(page, "Tech giants")).to_have_count(0)
        expect(tab(page, "Watchlist")).to_have_attribute("aria-selected", "true")
        self.assertEqual(list(self.lists(page)), ["Watchlist"])

        # The last list cannot be deleted: the server's 409 in words.
        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="Delete list").click()
        expect(page.get_by_role("alert").filter(has_text="Your last watchlist cannot be deleted.")).to_be_visible()
        expect(tab(page, "Watchlist")).to_be_visible()

    def test_adding_to_the_second_list_moving_rows_and_the_order_after_a_reload(self):
        page = self.page()
        create_account(page, next(names))
        new_list(page, "Second")
        for query, ticker in [("appl", "AAPL"), ("msft", "MSFT"), ("nvda", "NVDA")]:
            add_from_search(page, query, ticker, "Second")
        counts = {name: entry["count"] for name, entry in self.lists(page).items()}
        self.assertEqual(counts, {"Watchlist": 0, "Second": 3}, "search adds to the selected list")
        self.assertEqual(tickers(page, "Second"), ["AAPL", "MSFT", "NVDA"])

        page.get_by_role("button", name="Move NVDA up").click()
        expect(page.get_by_role("table", name="Second").get_by_role("rowheader").nth(1)).to_contain_text("NVDA")
        # From the keyboard: the focus stays on the moved row's button (the other one at an end).
        page.get_by_role("button", name="Move AAPL down").focus()
        page.keyboard.press("Enter")
        expect(page.get_by_role("table", name="Second").get_by_role("rowheader").first).to_contain_text("NVDA")
        self.assertEqual(tickers(page, "Second"), ["NVDA", "AAPL", "MSFT"])
        expect(page.get_by_role("button", name="Move NVDA up")).to_be_disabled()
        expect(page.get_by_role("button", name="Move MSFT down")).to_be_disabled()
        page.keyboard.press("Enter")  # AAPL to the end, where the focus goes to "Move AAPL up"
        expect(page.get_by_role("button", name="Move AAPL up")).to_be_focused()
        self.assertEqual(tickers(page, "Second"), ["NVDA", "MSFT", "AAPL"])
        page.keyboard.press("Enter")
        expect(page.get_by_role("table", name="Second").get_by_role("rowheader").nth(1)).to_contain_text("AAPL")
        expect(page.get_by_role("button", name="Move AAPL up")).to_be_focused()

        # At 1280 px the moves and Remove fit beside every column.
        self.assertTrue(page.evaluate("(wrap => wrap.scrollWidth <= wrap.clientWidth)(document.querySelector('.table-wrap'))"))

        # A column sort is a view: no moving in it.
        page.get_by_role("columnheader", name="Ticker").get_by_role("button").click()
        expect(page.get_by_role("button", name=re.compile("^Move "))).to_have_count(0)
        self.assertEqual(tickers(page, "Second"), ["AAPL", "MSFT", "NVDA"])
        page.get_by_role("columnheader", name="Ticker").get_by_role("button").click()
        page.get_by_role("columnheader", name="Ticker").get_by_role("button").click()
        expect(page.get_by_role("button", name=re.compile("^Move "))).to_have_count(6)

        page.reload()
        expect(tab(page, "Second")).to_have_attribute("aria-selected", "true")
        expect(watchlist_row(page, "MSFT", "Second")).to_be_visible()
        self.assertEqual(tickers(page, "Second"), ["NVDA", "AAPL", "MSFT"])
        status, rows = self.server.call("GET", f"/user/watchlists/{self.lists(page)['Second']['id']}/securities", token=token(page))
        self.assertEqual((status, [row["ticker"] for row in rows]), (200, ["NVDA", "AAPL", "MSFT"]))

        # A list made elsewhere shows up without a reload (lists_changed).
        self.assertEqual(self.server.call("POST", "/user/watchlists", {"name": "Elsewhere"}, token=token(page))[0], 201)
        expect(tab(page, "Elsewhere")).to_have_attribute("aria-selected", "false")
        self.assertEqual(page.console_errors, [])

    def test_an_alert_that_fires_is_announced_and_can_be_deleted(self):
        page = self.page()
        create_account(page, next(names))
        add_from_search(page, "appl", "AAPL")
        add_from_search(page, "msft", "MSFT")
        row = watchlist_row(page, "AAPL")
        expect(row.get_by_role("cell").nth(1)).to_have_text(re.compile(r"\d"))
        row.get_by_role("cell").first.click()  # the row chooses the security of the alert form
        expect(page.get_by_label("Security")).to_have_value(str(self.server.security_id("AAPL")))

        # Errors in words: no number (said here), a price not above 0 (the server's 400).
        page.get_by_label("Value").fill("many")
        page.get_by_role("button", name="Set alert").click()
        expect(page.get_by_role("alert").filter(has_text="Enter a number in Value.")).to_be_visible()
        page.get_by_label("Value").fill("-5")
        page.get_by_role("button", name="Set alert").click()
        expect(page.get_by_role("alert").filter(has_text="Could not set the alert")).to_contain_text("above 0")
        page.console_errors.clear()  # the 400, provoked on purpose

        # price_above a value below any price: fires on the next tick.
        page.get_by_label("Condition").select_option(label="Price above")
        page.get_by_label("Value").fill("1")
        page.get_by_role("button", name="Set alert").click()
        fired = page.get_by_role("alert").filter(has_text="Alert: AAPL price above 1.00")
        expect(fired).to_be_visible(timeout=20_000)
        expect(row).to_have_class(re.compile(r"\balerted\b"))
        expect(watchlist_row(page, "MSFT")).not_to_have_class(re.compile(r"\balerted\b"))
        item = page.get_by_role("listitem").filter(has_text="AAPL price above 1.00")
        expect(item).to_contain_text("fired")
        status, alerts = self.server.call("GET", "/user/alerts", token=token(page))
        self.assertEqual(status, 200)
        self.assertEqual([(alert["ticker"], alert["condition"]) for alert in alerts], [("AAPL", "price_above")])
        self.assertIsNotNone(alerts[0]["triggered_at"])

        page.get_by_role("button", name="Delete alert AAPL price above 1.00").click()
        expect(item).to_have_count(0)
        expect(page.get_by_text("No alerts yet.")).to_be_visible()
        self.assertEqual(self.server.call("GET", "/user/alerts", token=token(page)), (200, []))
        self.assertEqual(page.console_errors, [])


if __name__ == "__main__":
    unittest.main()
