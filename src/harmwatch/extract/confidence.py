"""An incident's ``confidence``: the probability that the record is a real incident of armed violence
(or of the other ACLED event types harmwatch codes: protests, riots, strategic developments) as an
analyst would code it from this report, and not a false record (a figurative "attack", a history
aside, a second copy of the same event).

It is a logistic model of a few interpretable features of the record and its document,

    confidence = 1 / (1 + exp(-(INTERCEPT + sum(WEIGHTS[f] * value[f]))))

with the features below (each 0 or 1), so that a reviewer can read why a record scored low: a second
record of the document, no place, no victims, no figure.

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
=================  ==========================================================================

How the weights were fitted (``tools/confidence_features.py --fit``; the numbers are in
docs/EVALUATION.md, "What `confidence` means"): L2-regularised logistic regression on the predicted
incidents of the free-licence evaluation sets only: MUC-3/4 (public domain), ISAF press releases
(CC BY-SA), WikiEvents, the UCDP GED sample and the negative set (non-violent pages of the two
main-text benchmarks and CASE 2021 disaster snippets), each incident labelled *aligned* with a gold
incident or not by the rule in :mod:`harmwatch.evaluation.calibration`. GTD, ACLED, Airwars and GVA
are never used for fitting (evaluation only); they measure the fitted model. The fit is 5-fold
cross-validated by document; the reported AUROC and ECE are out of fold.

Tried and left out: the document's register (:func:`harmwatch.extract.events.register_density`: sport,
market, fiction and software words), a date written in the incident's sentences, an armed-violence
event type and a second distinct trigger word. With the figurative rules in place the negative set
keeps too few false incidents (7) to weigh them, and their fitted weights had the wrong sign (the
register rose with being real), so they would not be interpretable.
"""

from __future__ import annotations

import math
from typing import Any

#: feature order (the columns of the fit)
FEATURES = ("lead", "only", "place", "weapon", "victims", "perpetrator", "figure")

#: fitted by ``tools/confidence_features.py --fit --limit 300 --all-negatives`` (seed 0): 648 incidents of
#: the free-licence sets (MUC-3/4, ISAF, WikiEvents, UCDP sample: 300 documents each; the whole negative
#: set), L2 = 1. Out of fold (5 folds by document): pooled AUROC 0.72, ECE 0.041. On the held-back
#: sets (GTD, ACLED, Airwars, GVA: never fitted on) and the rest, pooled: AUROC 0.86, ECE 0.076.
INTERCEPT = -1.98
WEIGHTS: dict[str, float] = {
    "lead": 1.20, "only": 1.13, "place": 0.55, "weapon": 0.70, "victims": 0.22, "perpetrator": 0.42, "figure": 0.63,
}

_LEAD_CHARS = 600


def _get(inc: Any, name: str) -> Any:
    return inc.get(name) if isinstance(inc, dict) else getattr(inc, name)


def features(inc: Any, text: str, n_incidents: int) -> dict[str, float]:
    """The feature values of one incident (an :class:`~harmwatch.types.Incident` or its dict) of a
    document ``text`` with ``n_incidents`` incidents."""
    trig = sorted({(s, e) for s, e in _get(inc, "event_evidence") or [] if 0 <= s < e <= len(text)})
    loc = _get(inc, "location") or {}
    killed, injured = _get(inc, "killed") or {}, _get(inc, "injured") or {}
    return {
        "lead": float(bool(trig) and trig[0][0] < _LEAD_CHARS),
        "only": float(n_incidents == 1),
        "place": float(loc.get("lat") is not None),
        "weapon": float(bool(_get(inc, "weapons"))),
        "victims": float(bool(_get(inc, "victims"))),
        "perpetrator": float(bool(_get(inc, "perpetrators"))),
        "figure": float(killed.get("best") is not None or injured.get("best") is not None),
    }


def score(values: dict[str, float], intercept: float = INTERCEPT, weights: dict[str, float] | None = None) -> float:
    """The logistic model on feature values: a probability in (0, 1)."""
    w = WEIGHTS if weights is None else weights
    z = intercept + sum(w.get(k, 0.0) * v for k, v in values.items())
    return 1.0 / (1.0 + math.exp(-z))


def confidence(inc: Any, text: str, n_incidents: int) -> float:
    """The calibrated confidence of one incident, rounded to 3 decimals."""
    return round(score(features(inc, text, n_incidents)), 3)
