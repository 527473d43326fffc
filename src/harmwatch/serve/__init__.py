"""``harmwatch serve``: the review REST API (FastAPI) and the web UI over a harmwatch store.

The HTTP layer is thin: every route calls :mod:`harmwatch.review` (accounts, sessions, review
state, edits, audit) or the store. See docs/API.md.
"""
