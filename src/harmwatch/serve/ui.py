"""The web UI's routes (``/``, ``/static/``, ``/api/v1/basemap``): owned by the ui engineer.

A placeholder so that :func:`harmwatch.serve.app.create_app` can include it from the start.
"""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
