"""The web client's figures (docs/benchmarks.md, "Web client"), in Debian's headless chromium on loopback against
a live `stocktracker serve` (debug build, --price-interval 1), driven by Playwright:

- page weight: the bytes of HTML, CSS and JavaScript the page loads (uncompressed: the server sends no encoding);
- page load to the first watchlist prices: navigation start to the first price drawn in the table, logged in
  with a kept token and 10 securities on the list (median and p95 over --loads fresh page loads);
- keystroke to results drawn: a key pressed in Search to the next frame after its answer's options are in the
  page, debounce (120 ms) included, each keystroke waited for (median and p95 over --keystrokes).

    swift build && python3 benchmarks/web/web_client_benchmark.py [--loads 20] [--keystrokes 50]
"""

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "Tests" / "Browser"))

from browser import Browser  # noqa: E402
from server import Server  # noqa: E402

WATCHLIST = ["AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA", "7203.T", "SAP.DE", "BRK.B"]
QUERIES = ["apple", "microsoft", "toyota", "nvidia", "berkshire", "sberbank", "amazon", "tesla", "netflix", "intel"]

FIRST_PRICE = """
new Promise((resolve) => {
  const drawn = () => [...document.querySelectorAll("#watchlist td.price")].some((cell) => /\\d/.test(cell.textContent));
  if (drawn()) return resolve(performance.now());
  new MutationObserver((_, observer) => {
    if (drawn()) { observer.disconnect(); resolve(performance.now()); }
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
})
"""

# A function (not an expression): evaluating the promise itself would wait for it.
ARM_KEYSTROKE = """
() => { window.keystroke = new Promise((resolve) => {
  let pressed = null;
  const input = document.getElementById("search");
  input.addEventListener("keydown", (event) => { pressed = event.timeStamp; }, { once: true });
  const drawn = () => {
    const value = input.value.trim();
    document.removeEventListener("results-drawn", drawn);
    requestAnimationFrame(() => resolve({ milliseconds: performance.now() - pressed, value }));
  };
  document.addEventListener("results-drawn", drawn);
}); }
"""


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summary(values):
    return f"median {statistics.median(values):.1f} ms, p95 {percentile(values, 0.95):.1f} ms (n={len(values)})"


def page_weight(page, server):
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(server.base + "/")
    page.wait_for_load_state("networkidle")
    # Bodies are read after the load: reading one inside the event handler would block the handler's loop.
    sizes = {response.url: len(response.body()) for response in responses if response.status == 200}
    files = {url.removeprefix(server.base): size for url, size in sizes.items()
             if url.endswith((".html", ".css", ".js", "/"))}
    return files, sum(sizes.values())


def main():
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--loads", type=int, default=20)
    options.add_argument("--keystrokes", type=int, default=50)
    arguments = options.parse_args()

    server = Server("benchmark").start()
    try:
        token = server.register_and_login("bench", "benchmark password")
        for ticker in WATCHLIST:
            server.call("POST", "/user/security", {"id": server.security_id(ticker)}, token=token)
        session = f'{{"token": "{token}", "username": "bench", "expiresAt": null}}'
        with Browser() as browser:
            page = browser.page(server.base)
            files, total = page_weight(page, server)
            print("page weight measured", file=sys.stderr, flush=True)
            page.context.close()
            code = sum(size for path, size in files.items() if not path.endswith(".svg"))

            loads = []
            for _ in range(arguments.loads):
                page = browser.page(server.base)
                page.add_init_script(f"localStorage.setItem('stocktracker.session', {session!r})")
                page.goto(server.base + "/")
                loads.append(page.evaluate(FIRST_PRICE))
                print(f"load {len(loads)}: {loads[-1]:.1f} ms", file=sys.stderr, flush=True)
                page.context.close()

            page = browser.page(server.base)
            page.add_init_script(f"localStorage.setItem('stocktracker.session', {session!r})")
            page.goto(server.base + "/")
            page.evaluate(FIRST_PRICE)
            search = page.get_by_role("combobox", name="Search")
            keystrokes = []
            queries = iter(QUERIES * 10)
            while len(keystrokes) < arguments.keystrokes:
                search.fill("")
                for letter in next(queries)[:5]:
                    page.evaluate(ARM_KEYSTROKE)
                    search.press(letter)
                    result = page.evaluate("window.keystroke")
                    assert result["value"] == search.input_value().strip(), result
                    keystrokes.append(result["milliseconds"])
                    if len(keystrokes) == arguments.keystrokes:
                        break
            assert not page.console_errors, page.console_errors
    finally:
        server.close()

    print("web client, headless chromium on loopback, debug stocktracker serve")
    print(f"page weight: {code} bytes of HTML+CSS+JS ({len(files)} files), {total} bytes with the icon")
    for path, size in sorted(files.items()):
        print(f"  {path:24} {size:6d}")
    print(f"page load to first watchlist prices: {summary(loads)}")
    print(f"keystroke to results drawn (debounce 120 ms included): {summary(keystrokes)}")


if __name__ == "__main__":
    main()
