import GRDB
import StockStorage

/// The schema, as an ordered list of migrations. Times are stored as milliseconds since 1970 and prices as
/// whole ten-thousandths, so both are exact and portable to PostgreSQL.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: securities, accounts, tokens, watchlists") { db in
            try db.execute(sql: """
                CREATE TABLE security (
                    id INTEGER PRIMARY KEY,
                    ticker TEXT NOT NULL UNIQUE CHECK (length(ticker) BETWEEN 1 AND 32),
                    name TEXT NOT NULL CHECK (length(name) > 0),
                    exchange TEXT NOT NULL DEFAULT '',
                    country TEXT,
                    isin TEXT,
                    currency TEXT,
                    aliases TEXT NOT NULL DEFAULT '',
                    is_etf INTEGER NOT NULL DEFAULT 0 CHECK (is_etf IN (0, 1)),
                    last_price_e4 INTEGER CHECK (last_price_e4 > 0),
                    price_time_ms INTEGER
                );
                CREATE TABLE listing_state (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    version INTEGER NOT NULL
                );
                INSERT INTO listing_state (id, version) VALUES (1, 0);
                CREATE TABLE account (
                    id INTEGER PRIMARY KEY,
                    username TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 1 AND 64),
                    password_hash TEXT NOT NULL,
                    totp_secret TEXT,
                    totp_enabled INTEGER NOT NULL DEFAULT 0 CHECK (totp_enabled IN (0, 1)),
                    totp_last_step INTEGER,
                    created_ms INTEGER NOT NULL
                );
                CREATE TABLE auth_token (
                    token_hash BLOB PRIMARY KEY CHECK (length(token_hash) = 32),
                    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    created_ms INTEGER NOT NULL,
                    expires_ms INTEGER NOT NULL,
                    revoked_ms INTEGER
                ) WITHOUT ROWID;
                CREATE INDEX auth_token_account ON auth_token(account_id);
                CREATE TABLE watchlist_item (
                    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    security_id INTEGER NOT NULL REFERENCES security(id),
                    added_ms INTEGER NOT NULL,
                    PRIMARY KEY (account_id, security_id)
                ) WITHOUT ROWID;
                CREATE INDEX watchlist_item_security ON watchlist_item(security_id);
                """)
        }
        migrator.registerMigration("v2: the seq of the last price tick") { db in
            try db.execute(sql: """
                CREATE TABLE price_state (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    seq INTEGER NOT NULL CHECK (seq >= 0)
                );
                INSERT INTO price_state (id, seq) VALUES (1, 0);
                """)
        }
        migrator.registerMigration("v3: case-folded user names, indexes to delete dead tokens") { db in
            try db.execute(sql: """
                CREATE INDEX IF NOT EXISTS auth_token_expiry ON auth_token(expires_ms);
                CREATE INDEX IF NOT EXISTS auth_token_revoked ON auth_token(revoked_ms) WHERE revoked_ms IS NOT NULL;
                """)
            let accounts = try Row.fetchAll(db, sql: "SELECT id, username FROM account ORDER BY id").map {
                (id: $0["id"] as Int64, username: $0["username"] as String)
            }
            for rename in UsernameFolding.migrationRenames(of: accounts, maximumLength: 64) {
                try db.execute(
                    sql: "UPDATE account SET username = ? WHERE id = ?", arguments: [rename.username, rename.id])
            }
        }
        migrator.registerMigration("v4: quotes and market caps") { db in
            // The last quote beside the last price (so that it survives a restart), and the reference market cap.
            try db.execute(sql: """
                ALTER TABLE security ADD COLUMN previous_close_e4 INTEGER;
                ALTER TABLE security ADD COLUMN day_high_e4 INTEGER;
                ALTER TABLE security ADD COLUMN day_low_e4 INTEGER;
                ALTER TABLE security ADD COLUMN day_volume INTEGER;
                ALTER TABLE security ADD COLUMN market_state TEXT;
                ALTER TABLE security ADD COLUMN quote_time_ms INTEGER;
                ALTER TABLE security ADD COLUMN market_cap_e4 INTEGER CHECK (market_cap_e4 >= 0);
                """)
        }
        migrator.registerMigration("v5: several named watchlists per user, in the user's order") { db in
            // Each account's items become its first list, `Watchlist`, in the order they were added.
            try db.execute(sql: """
                CREATE TABLE watchlist (
                    id INTEGER PRIMARY KEY,
                    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 256),
                    created_ms INTEGER NOT NULL,
                    UNIQUE (account_id, name)
                );
                CREATE TABLE watchlist_entry (
                    watchlist_id INTEGER NOT NULL REFERENCES watchlist(id) ON DELETE CASCADE,
                    security_id INTEGER NOT NULL REFERENCES security(id),
                    position INTEGER NOT NULL,
                    PRIMARY KEY (watchlist_id, security_id)
                ) WITHOUT ROWID;
                CREATE INDEX watchlist_entry_order ON watchlist_entry(watchlist_id, position);
                CREATE INDEX watchlist_entry_security ON watchlist_entry(security_id);
                INSERT INTO watchlist (account_id, name, created_ms) SELECT id, 'Watchlist', created_ms FROM account;
                INSERT INTO watchlist_entry (watchlist_id, security_id, position)
                    SELECT w.id, i.security_id,
                           row_number() OVER (PARTITION BY i.account_id ORDER BY i.added_ms, i.security_id)
                    FROM watchlist_item i JOIN watchlist w ON w.account_id = i.account_id;
                DROP TABLE watchlist_item;
                """)
        }
        migrator.registerMigration("v6: price alerts") { db in
            try db.execute(sql: """
                CREATE TABLE price_alert (
                    id INTEGER PRIMARY KEY,
                    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    security_id INTEGER NOT NULL REFERENCES security(id),
                    condition TEXT NOT NULL CHECK (condition IN
                        ('price_above', 'price_below', 'change_percent_above', 'change_percent_below')),
                    value_e4 INTEGER NOT NULL,
                    created_ms INTEGER NOT NULL,
                    triggered_ms INTEGER,
                    price_e4 INTEGER
                );
                CREATE INDEX price_alert_account ON price_alert(account_id);
                CREATE INDEX price_alert_active ON price_alert(id) WHERE triggered_ms IS NULL;
                """)
        }
        return migrator
    }
}
