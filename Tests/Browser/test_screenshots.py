"""The screenshots of docs/web-client.md, taken on a live server: desktop (1280 px) and phone (360 px) widths,
light and dark. They go to .build/browser/screenshots, or to $STOCKTRACKER_SCREENSHOTS (docs/web-client when
refreshing the committed ones)."""

import os
import re
import unittest
from pathlib import Path

from playwright.sync_api import expect

from browser import DESKTOP, PHONE, Browser
from server import ROOT, Server
from test_web_client import PASSWORD, status, submit_login, watchlist_row

FOLDER = Path(os.environ.get("STOCKTRACKER_SCREENSHOTS", ROOT / ".build" / "browser" / "screenshots"))
WATCHLIST = ["AAPL", "MSFT", "NVDA", "7203.T", "SAP.DE", "BRK.B"]


class ScreenshotTests(unittest.TestCase):
    def test_screenshots_at_both_widths_in_both_schemes(self):
        FOLDER.mkdir(parents=True, exist_ok=True)
        server = Server("screenshots").start()
        self.addCleanup(server.close)
        token = server.register_and_login("demo", PASSWORD)
        for ticker in WATCHLIST:
            self.assertEqual(server.call("POST", "/user/security", {"id": server.security_id(ticker)}, token=token)[0], 201)
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
                    expect(page.get_by_role("option").first).to_contain_text("alias Сбер")
                    page.screenshot(path=FOLDER / f"watchlist-{width}-{scheme}.png")
                    self.assertEqual(page.console_errors, [])
                    page.context.close()
        for shot in FOLDER.glob("*.png"):
            self.assertLess(shot.stat().st_size, 200_000, shot)


if __name__ == "__main__":
    unittest.main()
