#!/usr/bin/env python3
"""For benchmarks/lists/run.sh on SQLite: writes, for each token of a generate-users tokens file, the line
"token list-id security-id,..." (its user's first list, securities in order) that lists.lua reads, and prints the
largest security id. Usage: token-lists.py DB TOKENS OUT"""
import hashlib
import sqlite3
import sys

database, tokens_path, out_path = sys.argv[1:4]
connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
with open(tokens_path) as tokens, open(out_path, "w") as out:
    for token in (line.strip() for line in tokens):
        if not token:
            continue
        row = connection.execute(
            "SELECT w.id FROM auth_token a JOIN watchlist w ON w.account_id = a.account_id"
            " WHERE a.token_hash = ? ORDER BY w.id LIMIT 1", (hashlib.sha256(token.encode()).digest(),)).fetchone()
        if row is None:
            continue
        ids = connection.execute(
            "SELECT security_id FROM watchlist_entry WHERE watchlist_id = ? ORDER BY position", row).fetchall()
        out.write(f"{token} {row[0]} {','.join(str(i) for (i,) in ids)}\n")
print(connection.execute("SELECT max(id) FROM security").fetchone()[0])
