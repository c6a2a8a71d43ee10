"""Named queries for the hot paths, one module per domain: the only hand-written SQL.

Services call these functions (`queries.sessions.advance(...)`) instead of writing statements;
each one's SQL is a `store.sql.Statement`, built once at import with its names taken from the
models and sent in the placeholders of whichever driver the store runs on.
"""
