#!/usr/bin/env python3
"""Generates the reference columns of the bundled listing, Fixtures/securities.csv, from real data.

    python3 scripts/bundled-listing.py [--data ../shared/data] [--fixture Fixtures/securities.csv] [--check]

Reads the fixture as it is (its listing columns: symbol, name, exchange, country, isin, currency, aliases, etf)
and writes it back, same rows in the same order, with three reference columns:

- `price`: the last sale of the Nasdaq stock screener snapshot of the close of 2026-08-21
  (`<data>/us/nasdaq-screener-2026-08-21/{nasdaq,nyse,amex}_full_tickers.json`, see `<data>/README.md`, files
  5-7), without the `$`;
- `previous_close`: that last sale minus the screener's `netchange`, in exact decimals (Python `Decimal`, no
  binary floating point); empty when the change equals the price (a first session, with no previous close);
- `market_cap`: the screener's `marketCap` in USD without a zero fraction; empty where it is `""` or `0.00`.

Screener symbols are matched in the symbol directory's spelling, as `ListingFile` spells them when it imports
the screener: surrounding spaces dropped, `/WS` -> `.W`, `/` -> `.`, `^` -> `$` (`BRK/B` -> `BRK.B`,
`BAC^K` -> `BAC$K`).

Only US rows (country `United States`) can be joined: the screener covers US exchanges and has no ETFs, and no
file in the data folder holds prices or numeric market caps for the international rows (pytickersymbols and
FinanceDatabase give names, ISINs and a market-cap bucket; the Tokyo and Moscow lists give names and codes).
For a row without screener data (ETFs, international rows) the script keeps the `price` the fixture already
has: a hand-set reference from around the fixture's making (Toyota near 2,700 yen, not a random 2-600), so the
simulated market starts those in the right currency range; their `previous_close` and `market_cap` stay empty
rather than invented.

The data folder is read only; nothing of it is copied besides these three values per row. With `--check` the
script writes nothing and exits 1 when the fixture differs from what it would write (for CI or review). A
summary of the join goes to stderr.
"""

import argparse
import csv
import io
import json
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCREENER_FILES = ("nasdaq", "nyse", "amex")
LISTING_COLUMNS = ["symbol", "name", "exchange", "country", "isin", "currency", "aliases", "etf"]
REFERENCE_COLUMNS = ["price", "previous_close", "market_cap"]


def directory_spelling(symbol: str) -> str:
    """The symbol directory's spelling of a screener symbol (as ScreenerSymbol.directorySpelling does)."""
    text = symbol.strip()
    if text.endswith("/WS"):
        text = text[:-3] + ".W"
    return text.replace("/", ".").replace("^", "$")


def decimal_text(value: Decimal) -> str:
    """Plain decimal text, without an exponent and without a zero fraction (`1093933303969.00` -> `...969`)."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def screener_reference(data: Path) -> dict:
    """Symbol (directory spelling) -> (price, previous close, market cap) as text, empty where unknown."""
    folder = data / "us" / "nasdaq-screener-2026-08-21"
    reference = {}
    for name in SCREENER_FILES:
        for row in json.loads((folder / f"{name}_full_tickers.json").read_text(encoding="utf-8")):
            sale = row.get("lastsale", "").strip().removeprefix("$")
            try:
                price = Decimal(sale)
            except InvalidOperation:
                continue
            if price <= 0:
                continue
            previous = ""
            try:
                close = price - Decimal(row.get("netchange", "").strip())
                previous = format(close, "f") if close > 0 else ""
            except InvalidOperation:
                pass
            cap = ""
            try:
                value = Decimal(row.get("marketCap", "").strip())
                cap = decimal_text(value) if value > 0 else ""
            except InvalidOperation:
                pass
            reference[directory_spelling(row["symbol"])] = (sale, previous, cap)
    return reference


def generate(fixture: Path, data: Path) -> tuple[str, str]:
    """The new fixture text and a summary of the join."""
    with fixture.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    missing = [column for column in LISTING_COLUMNS if rows and column not in rows[0]]
    if missing:
        sys.exit(f"{fixture}: missing columns {missing}")
    reference = screener_reference(data)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LISTING_COLUMNS + REFERENCE_COLUMNS)
    us = joined = 0
    unmatched = []
    for row in rows:
        kept = (row.get("price") or "", "", "")
        values = reference.get(row["symbol"], kept) if row["country"] == "United States" else kept
        if row["country"] == "United States":
            us += 1
            if row["symbol"] in reference:
                joined += 1
            else:
                unmatched.append(row["symbol"])
        writer.writerow([row[column] for column in LISTING_COLUMNS] + list(values))
    summary = (f"{len(rows)} rows, {us} US rows, {joined} joined with the screener; "
               f"no screener data for: {' '.join(unmatched) or 'none'}")
    return out.getvalue(), summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--fixture", type=Path, default=REPO / "Fixtures" / "securities.csv")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when the fixture differs")
    arguments = parser.parse_args()
    text, summary = generate(arguments.fixture, arguments.data)
    print(summary, file=sys.stderr)
    if arguments.check:
        return 0 if arguments.fixture.read_text(encoding="utf-8") == text else 1
    arguments.fixture.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
