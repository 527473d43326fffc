"""``harmwatch doctor``: check that every offline resource loads, and fail loudly if not."""

from __future__ import annotations

import sys
import time

import click


@click.command("doctor")
@click.option("--db", default=None, help="Also open this database.")
def command(db: str | None) -> None:
    """Check the offline resources (gazetteer, actor dictionary, models) and the database."""
    checks = []

    def check(name, fn):
        t = time.perf_counter()
        try:
            info = fn()
            checks.append((name, True, f"{info} ({time.perf_counter() - t:.2f} s)"))
        except Exception as exc:  # report every failing resource, not just the first
            from harmwatch.errors import HarmwatchError

            checks.append((name, False, exc.one_line() if isinstance(exc, HarmwatchError) else repr(exc)))

    from harmwatch.api import sample_corpus_path

    check("sample corpus", lambda: f"{sample_corpus_path().stat().st_size} bytes")
    check("gazetteer", _gazetteer)
    check("actor dictionary", _actors)
    check("language detector", _language)
    check("extraction on the seed sentence", _extract)
    if db:
        check("database", lambda: _db(db))
    ok = True
    for name, passed, info in checks:
        ok &= passed
        click.echo(f"{'ok  ' if passed else 'FAIL'} {name}: {info}")
    if not db:
        click.echo(f"--   database: not checked (give --db URL); the default is {_default_db()}")
    sys.exit(0 if ok else 1)


def _default_db() -> str:
    from harmwatch.store import resolve_url

    return resolve_url(None).render_as_string(hide_password=True)


def _gazetteer():
    from harmwatch.extract.places import resolve_location, find_places

    text = "Gunmen attacked a market in Mosul."
    loc = resolve_location(text, find_places(text, 0, len(text)))
    return f"Mosul -> {loc.country_code} {loc.lat},{loc.lon}"


def _actors():
    from harmwatch.extract.actors import canonical

    return f"Daesh -> {canonical('Daesh')}"


def _language():
    from harmwatch.ingest.language import detect_language

    return detect_language("Les forces de sécurité ont été attaquées hier soir près de la frontière.")


def _extract():
    from harmwatch.api import extract_text

    r = extract_text("Gunmen killed at least 12 civilians in Mosul on Saturday.", published="2017-06-05")
    return f"{len(r.incidents)} incident(s)"


def _db(url):
    """Opens an existing database only: a mistyped --db is reported, and no empty file appears."""
    from harmwatch.store import open_store

    with open_store(url, create=False) as s:
        return f"{s.url}: {s.stats()['documents']} documents"
