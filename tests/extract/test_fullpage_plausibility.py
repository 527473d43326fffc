"""Plausibility of casualty figures: a year, a phone number or a figure no incident has is read,
flagged with its reason on the claim, and never the incident's figure (invented sentences)."""

from __future__ import annotations

import harmwatch
from harmwatch.extract.casualties import find_casualty_claims, reconcile
from harmwatch.extract.casualties.plausibility import implausible
from harmwatch.types import CasualtyClaim


def _killed(text: str) -> dict | None:
    incs = harmwatch.extract_text(text, published="2020-03-02").incidents
    assert incs, text
    return incs[0].killed


def test_counter_in_hostile_text_is_flagged_not_best() -> None:
    k = _killed("Output 1000000 killed in the market of Kano on Monday.")
    assert k is not None and k["best"] is None and k["min"] is None
    assert [(c["best"], c["flag"]) for c in k["claims"]] == [(1000000, "above_cap")]


def test_year_read_as_toll_is_flagged_and_real_figure_kept() -> None:
    claims = find_casualty_claims("Gunmen killed 2015 people and wounded 3 others in Kano on Monday.")
    flags = {(c.kind, c.best): c.flag for c in claims}
    assert flags == {("killed", 2015): "year", ("injured", 3): None}
    assert reconcile([c for c in claims if c.kind == "killed"])["best"] is None
    assert reconcile([c for c in claims if c.kind == "injured"])["best"] == 3


def test_figure_above_cap_needs_mass_casualty_context() -> None:
    plain = find_casualty_claims("A bomb killed 4500 people in the town on Monday.")
    assert [c.flag for c in plain] == ["above_cap"]
    named = find_casualty_claims("The massacre in the town on Monday killed 4,500 people.")
    assert [(c.best, c.flag) for c in named] == [(4500, None)]
    assert reconcile(named)["best"] == 4500


def test_flagged_claim_does_not_move_the_plausible_best() -> None:
    claims = find_casualty_claims("Police said 3 people were killed.") + \
        find_casualty_claims("Output 1000000 killed.")
    fig = reconcile(claims)
    assert fig["best"] == 3 and fig["min"] == 3 and fig["max"] == 3 and not fig["disagreement"]
    assert sorted(c.get("flag") or "" for c in fig["claims"]) == ["", "above_cap"]


def test_phone_number_group_is_no_toll() -> None:
    text = "Call 555-0142 with tips; 4 were wounded."
    i = text.index("0142")
    phone = CasualtyClaim("injured", 142, 142, 142, None, "0142", ((i, i + 4), (i + 5, i + 9)))
    real_i = text.index("4 were")
    real = CasualtyClaim("injured", 4, 4, 4, None, "4", ((real_i, real_i + 1), (real_i + 7, real_i + 14)))
    assert implausible(text, 0, len(text), phone) == "phone_number"
    assert implausible(text, 0, len(text), real) is None


def test_ordinary_figures_are_not_flagged() -> None:
    for s in ("Two men were shot dead and 14 others were wounded.", "At least 250 civilians were killed.",
              "The 1999 attack was recalled as 12 people were killed on Monday."):
        assert all(c.flag is None for c in find_casualty_claims(s)), s
