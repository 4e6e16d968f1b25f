import PostgresNIO

extension PostgresSchema {
    /// Functions that make a list change authorized by a token one statement, so one round trip
    /// (`PostgresStorage: TokenScopedWatchlistStore`). Each finds the token's user, then locks the account row, as
    /// every other list change does, so that concurrent changes of one user's lists on any node are counted one
    /// after the other. Inside a function each statement takes a new snapshot (READ COMMITTED), so the counts
    /// after the lock see what the change before it committed; one plain statement would count from the snapshot
    /// it started with, before the wait. Both answer an `outcome` the caller turns into its error.
    static let watchlistFunctions: [PostgresQuery] = [
        // The account of a valid (neither revoked nor expired) token, its row locked until the transaction ends;
        // NULL for an invalid token.
        """
        CREATE OR REPLACE FUNCTION lock_token_owner(p_token_hash BYTEA, p_now_ms BIGINT) RETURNS BIGINT
        LANGUAGE plpgsql AS $$
        DECLARE
            v_owner BIGINT;
        BEGIN
            SELECT t.account_id INTO v_owner FROM auth_token t
            WHERE t.token_hash = p_token_hash AND t.revoked_ms IS NULL AND t.expires_ms > p_now_ms;
            IF v_owner IS NOT NULL THEN
                PERFORM 1 FROM account a WHERE a.id = v_owner FOR UPDATE;
            END IF;
            RETURN v_owner;
        END
        $$
        """,
        """
        CREATE OR REPLACE FUNCTION watchlist_add_by_token(
            p_token_hash BYTEA, p_now_ms BIGINT, p_list_id BIGINT, p_security_id BIGINT,
            p_max_items BIGINT, p_max_distinct BIGINT)
        RETURNS TABLE (owner_id BIGINT, outcome TEXT, item_count BIGINT, distinct_count BIGINT, already_watched BOOLEAN)
        LANGUAGE plpgsql AS $$
        DECLARE
            v_owner BIGINT;
            v_list BIGINT;
            v_count BIGINT;
            v_last BIGINT;
            v_distinct BIGINT;
            v_watched BOOLEAN;
        BEGIN
            v_owner := lock_token_owner(p_token_hash, p_now_ms);
            IF v_owner IS NULL THEN
                RETURN QUERY SELECT NULL::BIGINT, 'unauthorized'::TEXT, 0::BIGINT, 0::BIGINT, false;
                RETURN;
            END IF;
            IF NOT EXISTS (SELECT 1 FROM security s WHERE s.id = p_security_id) THEN
                RETURN QUERY SELECT v_owner, 'unknown_security'::TEXT, 0::BIGINT, 0::BIGINT, false;
                RETURN;
            END IF;
            SELECT w.id INTO v_list FROM watchlist w
            WHERE w.account_id = v_owner AND (p_list_id IS NULL OR w.id = p_list_id) ORDER BY w.id LIMIT 1;
            IF v_list IS NULL THEN
                RETURN QUERY SELECT v_owner, 'unknown_list'::TEXT, 0::BIGINT, 0::BIGINT, false;
                RETURN;
            END IF;
            IF EXISTS (SELECT 1 FROM watchlist_entry e WHERE e.watchlist_id = v_list AND e.security_id = p_security_id) THEN
                RETURN QUERY SELECT v_owner, 'present'::TEXT, 0::BIGINT, 0::BIGINT, true;
                RETURN;
            END IF;
            SELECT count(*), COALESCE(max(e.position), 0) INTO v_count, v_last
            FROM watchlist_entry e WHERE e.watchlist_id = v_list;
            SELECT count(DISTINCT e.security_id), COALESCE(bool_or(e.security_id = p_security_id), false)
            INTO v_distinct, v_watched
            FROM watchlist_entry e JOIN watchlist w ON w.id = e.watchlist_id WHERE w.account_id = v_owner;
            IF v_count >= p_max_items OR (NOT v_watched AND v_distinct >= p_max_distinct) THEN
                RETURN QUERY SELECT v_owner, 'limit'::TEXT, v_count, v_distinct, v_watched;
                RETURN;
            END IF;
            INSERT INTO watchlist_entry (watchlist_id, security_id, position) VALUES (v_list, p_security_id, v_last + 1);
            RETURN QUERY SELECT v_owner, 'added'::TEXT, v_count + 1, v_distinct, v_watched;
        END
        $$
        """,
        """
        CREATE OR REPLACE FUNCTION watchlist_reorder_by_token(
            p_token_hash BYTEA, p_now_ms BIGINT, p_list_id BIGINT, p_security_ids BIGINT[])
        RETURNS TABLE (owner_id BIGINT, outcome TEXT)
        LANGUAGE plpgsql AS $$
        DECLARE
            v_owner BIGINT;
            v_list BIGINT;
        BEGIN
            v_owner := lock_token_owner(p_token_hash, p_now_ms);
            IF v_owner IS NULL THEN
                RETURN QUERY SELECT NULL::BIGINT, 'unauthorized'::TEXT;
                RETURN;
            END IF;
            SELECT w.id INTO v_list FROM watchlist w WHERE w.account_id = v_owner AND w.id = p_list_id;
            IF v_list IS NULL THEN
                RETURN QUERY SELECT v_owner, 'unknown_list'::TEXT;
                RETURN;
            END IF;
            IF (SELECT count(*) FROM watchlist_entry e WHERE e.watchlist_id = v_list) <> cardinality(p_security_ids)
               OR (SELECT count(DISTINCT i) FROM unnest(p_security_ids) AS i) <> cardinality(p_security_ids)
               OR EXISTS (SELECT 1 FROM unnest(p_security_ids) AS i
                          WHERE NOT EXISTS (SELECT 1 FROM watchlist_entry e
                                            WHERE e.watchlist_id = v_list AND e.security_id = i)) THEN
                RETURN QUERY SELECT v_owner, 'bad_order'::TEXT;
                RETURN;
            END IF;
            UPDATE watchlist_entry e SET position = o.position
            FROM unnest(p_security_ids) WITH ORDINALITY AS o(security_id, position)
            WHERE e.watchlist_id = v_list AND e.security_id = o.security_id;
            RETURN QUERY SELECT v_owner, 'reordered'::TEXT;
        END
        $$
        """,
    ]
}
