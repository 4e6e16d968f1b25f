#!/usr/bin/env bash
# Builds one libFuzzer target from the sources (no SwiftPM) and runs it for SECONDS under `nice -n 19`.
#
#   fuzz/run.sh TARGET SECONDS [libFuzzer options...]
#
# TARGET is a folder under fuzz/ holding corpus/ (committed seeds) and main.swift or a package: csv, nasdaq,
# screener, query, quotes, websocket. The binary is built with `swiftc -sanitize=fuzzer,address` from fuzz/TARGET/main.swift
# and the module it fuzzes (Sources/StockListing, or Sources/StockSearch with Sources/CICU compiled by clang), so
# the target can reach internal entry points; `websocket` is the package fuzz/websocket (swift-nio and the server's
# frame files), built by `swift build -c release --sanitize=fuzzer --sanitize=address`. New inputs go to
# .build/fuzz/TARGET/corpus (the committed seeds stay as they are), crashes to .build/fuzz/TARGET/artifacts/. A
# crashing input, once fixed, belongs in fuzz/TARGET/regressions/ so the normal test suite replays it
# (FuzzRegressionTests, QueryFuzzRegressionTests, WebSocketFrameFuzzRegressionTests).
#
# With SECONDS = 0 the script only builds (printing the binary's path). The figures of the last run are in
# .build/fuzz/TARGET/last-run.log; docs/fuzzing.md records the long runs.
set -euo pipefail

target="${1:?usage: fuzz/run.sh TARGET SECONDS [libFuzzer options...]}"
seconds="${2:?usage: fuzz/run.sh TARGET SECONDS [libFuzzer options...]}"
shift 2
root="$(cd "$(dirname "$0")/.." && pwd)"
here="$root/fuzz/$target"
out="$root/.build/fuzz/$target"
[[ -f "$here/main.swift" || -f "$here/Package.swift" ]] || { echo "no fuzz target $target under fuzz/" >&2; exit 2; }
mkdir -p "$out/corpus" "$out/artifacts"

swiftc=(swiftc -swift-version 6 -parse-as-library -sanitize=fuzzer,address -O -g -warnings-as-errors)
case "$target" in
    websocket)
        # swiftc drops -sanitize=fuzzer's coverage when it only compiles (-c, as SwiftPM does), so the coverage
        # libFuzzer needs is asked for by name, for swift-nio and the target alike.
        swift build --package-path "$here" --scratch-path "$out/spm" -c release \
            --sanitize=fuzzer --sanitize=address \
            -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table
        ln -sf "$out/spm/release/WebSocketFrameFuzzer" "$out/fuzzer"
        ;;
    query)
        clang -fsanitize=fuzzer-no-link,address -O1 -g -I "$root/Sources/CICU/include" \
            -c "$root/Sources/CICU/CICU.c" -o "$out/CICU.o"
        printf 'module CICU {\n    header "%s"\n    export *\n}\n' "$root/Sources/CICU/include/CICU.h" \
            > "$out/module.modulemap"
        "${swiftc[@]}" -module-name StockSearch -D FUZZING -I "$out" \
            "$root"/Sources/StockSearch/*.swift "$root/Tests/StockSearchTests/QueryFuzzTarget.swift" \
            "$here/main.swift" "$out/CICU.o" -licuuc -o "$out/fuzzer" \
            2> >(grep -v "Cannot export local symbol" >&2)
        ;;
    quotes)
        # The providers' payload decoders (StockMarket/Providers) on the pure modules they import, each module a
        # static library with the coverage libFuzzer needs asked for by name (see websocket).
        library=(swiftc -swift-version 6 -parse-as-library -sanitize=address -O -g -warnings-as-errors
            -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table -I "$out" -L "$out"
            -emit-module -emit-library -static)
        for module in StockModel StockCalendar StockQuotes; do
            links=()
            [[ "$module" == StockModel ]] || links+=(-lStockModel)
            [[ "$module" == StockQuotes ]] && links+=(-lStockCalendar)
            (cd "$out" && "${library[@]}" -module-name "$module" "$root/Sources/$module"/*.swift "${links[@]}")
        done
        "${swiftc[@]}" -module-name StockMarket -D FUZZING -I "$out" -L "$out" \
            "$root"/Sources/StockMarket/Providers/{SnapshotPayload,AlpacaSnapshotPayload,ProviderFigures,QuoteProviderError}.swift \
            "$root/Tests/StockMarketTests/QuotePayloadFuzzTarget.swift" "$here/main.swift" \
            -lStockQuotes -lStockCalendar -lStockModel -o "$out/fuzzer" \
            2> >(grep -v "Cannot export local symbol" >&2)
        ;;
    *)
        "${swiftc[@]}" -module-name StockListing -D FUZZING \
            "$root"/Sources/StockListing/*.swift "$root/Tests/StockListingTests/ListingFuzzTargets.swift" \
            "$here/main.swift" -o "$out/fuzzer" \
            2> >(grep -v "Cannot export local symbol" >&2)
        ;;
esac
if [[ "$seconds" == 0 ]]; then echo "$out/fuzzer"; exit 0; fi

cd "$out"
nice -n 19 ./fuzzer corpus "$here/corpus" -max_total_time="$seconds" -print_final_stats=1 \
    -artifact_prefix="$out/artifacts/" "$@" 2>&1 | tee last-run.log | grep -E "INITED|DONE|ERROR|SUMMARY|stat::" || true
grep -q "ERROR" last-run.log && exit 1 || exit 0
