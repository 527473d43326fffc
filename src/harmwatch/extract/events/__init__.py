"""What happened: event triggers (with realis), their ACLED / CAMEO typing, and the harm that is not
armed violence (disasters, accidents) or is a crowd's (protest, riot, mob).

Modules, in import order: ``context`` (shared sentence-context vocabulary) <- ``nonconflict``
(non-conflict harm, crowd typing) <- ``figurative`` (violence words of sport, markets, fiction,
the sky) <- ``triggers`` (trigger finding, realis, classification).
"""

from harmwatch.extract.events.figurative import register_density
from harmwatch.extract.events.nonconflict import non_conflict_kind, non_conflict_sentence
from harmwatch.extract.events.triggers import (
    BACKGROUND,
    SEPARATE_INCIDENT,
    SUB_EVENTS,
    Trigger,
    classify,
    classifying_classes,
    event_type_of,
    find_triggers,
    history_sentence,
)

__all__ = [
    "BACKGROUND", "SEPARATE_INCIDENT", "SUB_EVENTS", "Trigger", "classify", "classifying_classes",
    "event_type_of", "find_triggers", "history_sentence", "non_conflict_kind", "non_conflict_sentence",
    "register_density",
]
