"""``harmwatch serve --db URL --host 127.0.0.1 --port N``: the review API and web UI (uvicorn)."""

from __future__ import annotations

import click


@click.command("serve")
@click.option("--db", "db", default=None, help="Database URL (default sqlite:///harmwatch.sqlite or $HARMWATCH_DB).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port.")
@click.option("--secure-cookies", is_flag=True, help="Mark the session cookie Secure (behind an HTTPS proxy).")
@click.option("--silent", is_flag=True, help="No access log on stderr.")
def command(db: str | None, host: str, port: int, secure_cookies: bool, silent: bool) -> None:
    """Serve the review API (/api/v1, OpenAPI at /openapi.json) and the web UI (/). A database that
    does not exist is an error (exit 2): nothing is created. Add accounts with `harmwatch user add`."""
    import logging
    import sys

    import uvicorn

    from harmwatch.serve.app import create_app

    app = create_app(db, secure_cookies=secure_cookies)  # HW-STORE-NOT-FOUND before anything listens
    access = logging.getLogger("harmwatch.serve.access")
    if not silent:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        access.addHandler(handler)
        access.setLevel(logging.INFO)
        access.propagate = False
        click.echo(f"harmwatch: serving {app.state.store.url} on http://{host}:{port}/ (API docs: /docs)", err=True)
    # uvicorn's own access log prints query strings; harmwatch's (paths only) replaces it
    uvicorn.run(app, host=host, port=port, access_log=False, log_level="warning" if silent else "info",
                proxy_headers=False)
