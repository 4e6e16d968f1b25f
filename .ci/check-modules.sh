#!/usr/bin/env bash
# The module rules of docs/architecture.md, read from `swift package dump-package`: fails (exit 1) when a
# module reaches, directly or through the package's other targets, a module it must not see.
set -euo pipefail
cd "$(dirname "$0")/.."

swift package dump-package | python3 -c '
import json, sys

# module -> what it must never reach
forbidden = {
    # The HTTP layer sees storage only through the StockStorage protocols; the composition root (StockApp) picks.
    "StockServer": ["StockStorageSQLite", "StockStoragePostgres", "PostgresNIO", "GRDB", "StockFixtures",
                    "StockCluster", "StockApp"],
    # Live prices without sockets or a storage implementation.
    "StockMarket": ["StockStorageSQLite", "StockStoragePostgres", "StockServer", "Hummingbird"],
    # The clients share only the models with the service.
    "StockClient": ["StockStorage", "StockStorageSQLite", "StockStoragePostgres", "StockServer", "StockMarket"],
    "StockTerminal": ["StockStorage", "StockStorageSQLite", "StockStoragePostgres", "StockServer", "StockMarket"],
    # The cluster services work on PostgreSQL and the market, not on HTTP.
    "StockCluster": ["StockServer", "StockStorageSQLite", "Hummingbird", "StockApp"],
}
# module -> what it must not name among its own dependencies (it may reach them through another module)
forbidden_direct = {
    # The command line opens its storage through the composition root, as `serve` does.
    "StockTrackerCLI": ["StockStorageSQLite", "StockStoragePostgres", "PostgresNIO", "GRDB"],
}
# Modules that depend on nothing: the models.
pure = ["StockModel"]

package = json.load(sys.stdin)
direct = {}
for target in package["targets"]:
    names = []
    for dependency in target["dependencies"]:
        kind = next(iter(dependency))
        names.append(dependency[kind][0])
    direct[target["name"]] = names

def reach(name, seen):
    for dependency in direct.get(name, []):
        if dependency not in seen:
            seen.add(dependency)
            reach(dependency, seen)
    return seen

failures = []
for module, banned in forbidden.items():
    if module not in direct:
        failures.append(f"{module}: no such target")
        continue
    reached = reach(module, set())
    failures += [f"{module} must not depend on {name}" for name in banned if name in reached]
for module, banned in forbidden_direct.items():
    failures += [f"{module} must not name {name} as a dependency" for name in banned if name in direct.get(module, [])]
for module in pure:
    failures += [f"{module} must depend on nothing, not {name}" for name in direct.get(module, [])]
for failure in failures:
    print("module rule broken:", failure)
if failures:
    sys.exit(1)
print(f"module rules hold ({len(forbidden) + len(forbidden_direct) + len(pure)} modules checked)")
'
