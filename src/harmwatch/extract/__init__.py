"""Extraction: one document's clean text -> its incidents, every value with evidence offsets.

One sub-package per question, imported in this direction only (tests/test_layout.py fails on a cycle):

    fastmatch, segment                 shared matching helpers; sentences with offsets
    events/  dates/  places/  actors/  casualties/  weapons
                                       what happened, when, where, who a name is, how many, with what
    roles                              who did it to whom (events + actors)
    assemble                           groups sentences into incidents and fills every field

:func:`extract_incidents` is the entry point the pipeline calls (imported on first use, so that
importing one sub-package, the gazetteer say, does not load every rule module).
"""

__all__ = ["extract_incidents"]


def __getattr__(name: str):
    if name == "extract_incidents":
        from harmwatch.extract.assemble import extract_incidents

        return extract_incidents
    raise AttributeError(f"module 'harmwatch.extract' has no attribute {name!r}")
