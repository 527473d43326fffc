"""An incident's ``confidence``: the probability that the record is a real incident of armed violence
(or of the other ACLED event types harmwatch codes: protests, riots, strategic developments) as an
analyst would code it from this report, and not a false record (a figurative "attack", a history
aside, a second copy of the same event).

It is a logistic model of a few interpretable features of the record and its document,

    confidence = 1 / (1 + exp(-(INTERCEPT + sum(WEIGHTS[f] * value[f]))))

with the features below (each 0 or 1, except ``register``), so that a reviewer can read why a record
scored low: no place, no victims, no figure, a sport or fiction page.

=================  ==========================================================================
feature            value
=================  ==========================================================================
``lead``           the first trigger word lies in the first 600 characters (the report's lead)
``only``           the record is the document's only incident
``place``          the place resolved to coordinates
``weapon``         a weapon is named in the incident's sentences
``victims``        victims are named (civilians, soldiers, ...)
``perpetrator``    a perpetrator is named
``figure``         a killed or injured figure (a claim with a number)
``date``           a date written in the incident's own sentences (not the publication date)
``violent``        the event type is armed violence (Battles, Explosions/Remote violence,
                   Violence against civilians) or a riot
``triggers``       two or more distinct trigger words
``register``       the document's non-violent register (sport, markets, fiction and games,
                   science and software): cue words per 100 words minus weapon and armed-party
                   words, clipped to [0, 5] (:func:`harmwatch.extract.events.register_density`)
=================  ==========================================================================

How the weights were fitted (``tools/confidence_features.py --fit``; the numbers are in
docs/EVALUATION.md, "What `confidence` means"): L2-regularised logistic regression on the predicted
incidents of the free-licence evaluation sets only: MUC-3/4 (public domain), ISAF press releases
(CC BY-SA), WikiEvents, the UCDP GED sample and the negative set (non-violent pages of the two
main-text benchmarks and CASE 2021 disaster snippets), each incident labelled *aligned* with a gold
incident or not by the rule in :mod:`harmwatch.evaluation.calibration`. GTD, ACLED, Airwars and GVA
are never used for fitting (evaluation only); they measure the fitted model. The fit is 5-fold
cross-validated by document; the reported AUROC and ECE are out of fold.
"""

from __future__ import annotations

import math
from typing import Any

from harmwatch.extract.events import register_density

#: feature order (the columns of the fit)
FEATURES = ("lead", "only", "place", "weapon", "victims", "perpetrator", "figure", "date", "violent",
            "triggers", "register")

#: fitted by tools/confidence_features.py --fit (see the module docstring)
INTERCEPT = -1.98
WEIGHTS: dict[str, float] = {
    "lead": 0.84, "only": 0.79, "place": 0.58, "weapon": 0.55, "victims": 0.48, "perpetrator": 0.47,
    "figure": 0.38, "date": 0.0, "violent": 0.0, "triggers": 0.0, "register": 0.0,
}

_LEAD_CHARS = 600
_VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})
_REGISTER_CAP = 5.0


def _get(inc: Any, name: str) -> Any:
    return inc.get(name) if isinstance(inc, dict) else getattr(inc, name)


def features(inc: Any, text: str, n_incidents: int, register: float | None = None) -> dict[str, float]:
    """The feature values of one incident (an :class:`~harmwatch.types.Incident` or its dict) of a
    document ``text`` with ``n_incidents`` incidents. ``register`` is the document's
    :func:`register_density` (computed when not given)."""
    trig = sorted({(s, e) for s, e in _get(inc, "event_evidence") or [] if 0 <= s < e <= len(text)})
    words = {" ".join(text[s:e].lower().split()) for s, e in trig}
    date = _get(inc, "date") or {}
    loc = _get(inc, "location") or {}
    killed, injured = _get(inc, "killed") or {}, _get(inc, "injured") or {}
    if register is None:
        register = register_density(text)
    return {
        "lead": float(bool(trig) and trig[0][0] < _LEAD_CHARS),
        "only": float(n_incidents == 1),
        "place": float(loc.get("lat") is not None),
        "weapon": float(bool(_get(inc, "weapons"))),
        "victims": float(bool(_get(inc, "victims"))),
        "perpetrator": float(bool(_get(inc, "perpetrators"))),
        "figure": float(killed.get("best") is not None or injured.get("best") is not None),
        "date": float(bool(date.get("evidence")) and date.get("basis") != "publication date" and not date.get("from_context")),
        "violent": float(_get(inc, "event_type") in _VIOLENT_TYPES),
        "triggers": float(len(words) >= 2),
        "register": min(max(register, 0.0), _REGISTER_CAP),
    }


def score(values: dict[str, float], intercept: float = INTERCEPT, weights: dict[str, float] | None = None) -> float:
    """The logistic model on feature values: a probability in (0, 1)."""
    w = WEIGHTS if weights is None else weights
    z = intercept + sum(w.get(k, 0.0) * v for k, v in values.items())
    return 1.0 / (1.0 + math.exp(-z))


def confidence(inc: Any, text: str, n_incidents: int, register: float | None = None) -> float:
    """The calibrated confidence of one incident, rounded to 3 decimals."""
    return round(score(features(inc, text, n_incidents, register)), 3)
