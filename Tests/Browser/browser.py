"""Debian's chromium, headless, driven by Playwright (Playwright's own browser download is not reachable here),
with every console error and uncaught page error of a page recorded."""

import os

from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("STOCKTRACKER_CHROMIUM", "/usr/bin/chromium")
DESKTOP = {"width": 1280, "height": 720}
PHONE = {"width": 360, "height": 740}


class Browser:
    def __enter__(self):
        self.playwright = sync_playwright().start()
        self.browser = self.playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        return self

    def __exit__(self, *failure):
        self.browser.close()
        self.playwright.stop()

    def page(self, base, viewport=DESKTOP, color_scheme="light"):
        """A page in a fresh context (its own localStorage); `page.console_errors` collects what went wrong."""
        context = self.browser.new_context(base_url=base, viewport=viewport, color_scheme=color_scheme,
                                           reduced_motion="no-preference")
        page = context.new_page()
        page.console_errors = []
        page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))
        page.set_default_timeout(15_000)
        return page
