"""The screenshots of docs/web-client.md, taken on a live server: desktop (1280 px) and phone (360 px) widths,
light and dark; the list tabs with a fired alert at desktop light and phone dark (the whole page). They go to .build/browser/screenshots, or to $STOCKTRACKER_SCREENSHOTS (docs/web-client when
refreshing the committed ones)."""

import os
import re
import unittest
from pathlib import Path

from playwright.sync_api import expect

from browser import DESKTOP, PHONE, Browser
from server import ROOT, Server
from test_web_client import PASSWORD, results, status, submit_login, watchlist_row

FOLDER = Path(os.environ.get("STOCKTRACKER_SCREENSHOTS", ROOT / ".build" / "browser" / "screenshots"))
WATCHLIST = ["AAPL", "MSFT", "NVDA", "7203.T", "SAP.DE", "BRK.B"]
ALERT_SHOTS = {("desktop", "light"), ("phone", "dark")}


class ScreenshotTests(unittest.TestCase):
    def test_screenshots_at_both_widths_in_both_schemes(self):
        FOLDER.mkdir(parents=True, exist_ok=True)
        server = Server("screenshots").start()
        self.addCleanup(server.close)
        token = server.register_and_login("demo", PASSWORD)
        for ticker in WATCHLIST:
            self.assertEqual(server.call("POST", "/user/security", {"id": server.security_id(ticker)}, token=token)[0], 201)
        self.assertEqual(server.call("POST", "/user/watchlists", {"name": "Tech"}, token=token)[0], 201)
        with Browser() as browser:
            for width, viewport in [("desktop", DESKTOP), ("phone", PHONE)]:
                for scheme in ["light", "dark"]:
                    page = browser.page(server.base, viewport=viewport, color_scheme=scheme)
                    page.goto("/")
                    submit_login(page, "demo", "wrong password")
                    expect(page.get_by_role("alert").filter(has_text="Wrong")).to_be_visible()
                    page.screenshot(path=FOLDER / f"login-{width}-{scheme}.png")
                    page.console_errors.clear()  # the 401 of the wrong password, provoked on purpose
                    page.get_by_label("Password").fill(PASSWORD)
                    page.get_by_role("button", name="Log in").click()
                    expect(status(page)).to_have_text("live")
                    for ticker in WATCHLIST:
                        expect(watchlist_row(page, ticker).get_by_role("cell").nth(1)).to_have_text(re.compile(r"\d"))
                    page.get_by_role("combobox", name="Search").fill("сбер")
                    expect(results(page).get_by_role("option").first).to_contain_text("alias Сбер")
                    page.screenshot(path=FOLDER / f"watchlist-{width}-{scheme}.png")
                    if (width, scheme) in ALERT_SHOTS:
                        self.alert_shot(page, server, token, f"lists-alert-{width}-{scheme}.png")
                    self.assertEqual(page.console_errors, [])
                    page.context.close()
        for shot in FOLDER.glob("*.png"):
            self.assertLess(shot.stat().st_size, 200_000, shot)

    def alert_shot(self, page, server, token, name):
        """The list tabs, AAPL chosen for the alert form and an alert of it fired (set through the API)."""
        page.keyboard.press("Escape")
        watchlist_row(page, "AAPL").get_by_role("cell").first.click()
        alert = {"security_id": server.security_id("AAPL"), "condition": "price_above", "value": 1}
        status_code, created = server.call("POST", "/user/alerts", alert, token=token)
        self.assertEqual(status_code, 201)
        expect(page.get_by_role("alert").filter(has_text="Alert: AAPL")).to_be_visible(timeout=20_000)
        expect(page.get_by_role("listitem").filter(has_text="fired")).to_be_visible()
        page.screenshot(path=FOLDER / name, full_page=True)
        self.assertEqual(server.call("DELETE", f"/user/alerts/{created['id']}", token=token)[0], 204)


if __name__ == "__main__":
    unittest.main()
