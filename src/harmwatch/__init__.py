"""harmwatch: evidence-linked incident records from news reports of armed violence, offline.

Library API (the CLI and the server only call these)::

    import harmwatch
    result = harmwatch.extract_text(text, published="2017-06-05")
    for incident in result.incidents:
        print(incident.sub_event_type, incident.killed)

    for result in harmwatch.extract_files(["reports/"]):
        ...
"""

from __future__ import annotations

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

from harmwatch.api import extract_files, extract_item, extract_text, run  # noqa: E402
from harmwatch.errors import HarmwatchError, InputError  # noqa: E402
from harmwatch.types import Document, DocumentResult, Incident, InputItem  # noqa: E402

__all__ = [
    "__version__",
    "extract_text",
    "extract_item",
    "extract_files",
    "run",
    "Document",
    "DocumentResult",
    "Incident",
    "InputItem",
    "HarmwatchError",
    "InputError",
]
