"""The FastAPI app: ``create_app(db_url, *, secure_cookies=False)``.

Opens the store (a database that does not exist is ``HW-STORE-NOT-FOUND``: nothing is created),
brings the review state up to date with the merged incidents once (store/review_sync.py), and
mounts the API routers and the UI router (serve/ui.py). Access is logged by method, path (no query
string), status and time: never a body, a cookie or a header, so no password or session token
reaches the log.
"""

from __future__ import annotations

import logging
import time
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request

from harmwatch import __version__

from . import errors

access_log = logging.getLogger("harmwatch.serve.access")


def create_app(db_url: str | None, *, secure_cookies: bool = False, store: Any = None) -> FastAPI:
    """The review API over the store at ``db_url`` (or an open ``store``)."""
    from harmwatch.store import open_store
    from harmwatch.store.review_sync import sync_review

    owned = store is None
    if store is None:
        store = open_store(db_url, create=False)
    sync_review(store)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        if owned:
            store.close()

    app = FastAPI(title="harmwatch review API", version=__version__, lifespan=lifespan,
                  description="Merged incidents with evidence: read, filter, edit, approve, reject, merge, split. "
                              "See docs/API.md.")
    app.state.store = store
    app.state.secure_cookies = secure_cookies
    errors.install(app)

    @app.middleware("http")
    async def _log_access(request: Request, call_next):
        t0 = time.perf_counter()
        response = await call_next(request)
        access_log.info("%s %s %d %.1fms", request.method, request.url.path, response.status_code,
                        (time.perf_counter() - t0) * 1000)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        if request.url.path.startswith("/api/"):
            response.headers.setdefault("Cache-Control", "no-store")  # answers carry session data
        return response

    from .routes import auth, data, incidents
    from .ui import router as ui_router

    for module in (auth, incidents, data):
        app.include_router(module.router)
    app.include_router(ui_router)
    return app
