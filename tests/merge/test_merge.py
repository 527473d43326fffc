"""Merging on real reports: determinism, document constraints, wire copies, incremental joins,
reviewer decisions and the figure rule."""

from __future__ import annotations

import dataclasses
import random

from harmwatch.merge import Constraints, cluster, merge_results, records_from_result
from harmwatch.merge import similarity as SIM
from harmwatch.merge.blocking import candidate_pairs, text_candidate_pairs
from harmwatch.merge.reconcile import reconcile


def _groups(merged: list[dict]) -> set[tuple[str, ...]]:
    return {tuple(m["record_ids"]) for m in merged}


def test_merge_shuffled_input_gives_the_same_incidents(gva_results):
    first = merge_results(gva_results)
    assert any(len(m["reports"]) >= 2 for m in first)  # the set really merges something
    for seed in (1, 2, 3):
        shuffled = list(gva_results)
        random.Random(seed).shuffle(shuffled)
        again = merge_results(shuffled)
        assert [m["incident_id"] for m in again] == [m["incident_id"] for m in first]
        assert _groups(again) == _groups(first)


def test_merge_groups_reports_of_one_incident_precisely(gva_results):
    merged = merge_results(gva_results)
    cluster_of = {r["doc_id"]: r["cluster"] for r in gva_results}
    wrong = right = 0
    for m in merged:
        docs = m["reports"]
        for k, a in enumerate(docs):
            for b in docs[k + 1:]:
                right += cluster_of[a] == cluster_of[b]
                wrong += cluster_of[a] != cluster_of[b]
    assert right >= 10
    assert wrong <= 0.1 * right


def test_merge_two_incidents_of_one_document_never_merge(muc_messages, extract_fn):
    text = muc_messages["DEV-MUC3-0024"]  # two La Paz incidents on consecutive days
    original = extract_fn("muc-0024", text)
    assert len(original["incidents"]) >= 2
    copy = {**extract_fn("muc-0024-copy", text), "source": "another outlet"}
    merged = merge_results([original, copy])
    for m in merged:
        docs = [rid.split("#")[0] for rid in m["record_ids"]]
        assert len(docs) == len(set(docs)), m["record_ids"]
    # every incident of the copy is one more report of the same incident of the original
    pairs = {tuple(m["record_ids"]) for m in merged}
    for k in range(len(original["incidents"])):
        assert (f"muc-0024#{k}", f"muc-0024-copy#{k}") in pairs


def test_merge_wire_copy_is_one_more_report_with_its_source(seed_text, extract_fn):
    a = {**extract_fn("outlet-a", seed_text, published="2017-06-05"), "source": "outlet-a.example"}
    b = {**extract_fn("outlet-b", seed_text, published="2017-06-06"), "source": "outlet-b.example"}
    merged = merge_results([a, b])
    lead = next(m for m in merged if "outlet-a#0" in m["record_ids"])
    assert lead["reports"] == ["outlet-a", "outlet-b"]
    assert lead["sources"] == ["outlet-a.example", "outlet-b.example"]
    assert {c["doc_id"] for c in lead["killed"]["claims"]} == {"outlet-a", "outlet-b"}
    assert all(c["report_date"] for c in lead["killed"]["claims"])


def test_merge_blocking_never_scores_all_pairs(gva_results):
    recs = [r for res in gva_results for r in records_from_result(res)]
    stats = SIM.TextStats.of(recs)
    pairs = {(a.record_id, b.record_id) for a, b in candidate_pairs(recs)}
    pairs |= {(a.record_id, b.record_id) for a, b in text_candidate_pairs(recs, stats.df)}
    n = len(recs)
    assert len(pairs) < 0.2 * n * (n - 1) / 2
    assert all(a < b for a, b in pairs)


def test_merge_incremental_new_report_joins_the_existing_incident(seed_text, extract_fn):
    a = {**extract_fn("outlet-a", seed_text, published="2017-06-05"), "source": "a"}
    b = {**extract_fn("outlet-b", seed_text, published="2017-06-06"), "source": "b"}
    old = records_from_result(a)
    first = cluster(old)
    new = records_from_result(b)
    groups = cluster(old + new, existing=[g.record_ids for g in first], new_ids={r.record_id for r in new})
    assert ("outlet-a#0", "outlet-b#0") in {g.record_ids for g in groups}
    assert groups == cluster(old + new)  # here the same as a full re-merge


def test_merge_reviewer_split_and_join_are_kept(seed_text, muc_messages, extract_fn):
    a = extract_fn("outlet-a", seed_text, published="2017-06-05")
    b = extract_fn("outlet-b", seed_text, published="2017-06-06")
    c = extract_fn("muc-0001", muc_messages["DEV-MUC3-0001"])
    recs = records_from_result(a) + records_from_result(b) + records_from_result(c)
    split = cluster(recs, constraints=Constraints(cannot_link=frozenset({("outlet-a#0", "outlet-b#0")})))
    assert all(not {"outlet-a#0", "outlet-b#0"} <= set(g.record_ids) for g in split)
    joined = cluster(recs, constraints=Constraints(must_link=frozenset({("muc-0001#0", "outlet-a#0")})))
    assert any({"muc-0001#0", "outlet-a#0"} <= set(g.record_ids) for g in joined)


def test_merge_rising_toll_is_compatible_a_falling_one_is_not(seed_text, extract_fn):
    rec = records_from_result(extract_fn("a", seed_text, published="2017-06-05"))[0]
    early = dataclasses.replace(rec, record_id="x#0", doc_id="x", killed=(3, 3, 3), report_day=rec.report_day)
    late = dataclasses.replace(rec, record_id="y#0", doc_id="y", killed=(7, 7, 7), report_day=rec.report_day + 2)
    assert SIM.tolls_compatible(early, late)
    fallen = dataclasses.replace(late, killed=(1, 1, 1))
    early_high = dataclasses.replace(early, killed=(9, 9, 9))
    assert not SIM.tolls_compatible(early_high, fallen)


def test_reconcile_figure_rule_and_disagreement():
    def member(doc: str, day: str, fig: dict) -> dict:
        return {"record_id": f"{doc}#0", "doc_id": doc, "index": 0, "published": day, "source": doc + ".example",
                "incident": {"event_type": "Violence against civilians", "killed": {**fig, "claims": [
                    {"kind": "killed", "min": fig["min"], "best": fig["best"], "max": fig["max"],
                     "qualifier": fig.get("q"), "text": fig["text"]}]}}}

    dozens = member("a", "2017-06-03", {"min": 24, "best": 24, "max": None, "q": "dozens", "text": "dozens"})
    at_least = member("b", "2017-06-04", {"min": 250, "best": 250, "max": None, "q": "at least", "text": "At least 250"})
    exact = member("c", "2017-06-05", {"min": 253, "best": 253, "max": 253, "text": "253"})
    m = reconcile("mi-test", [exact, dozens, at_least])
    k = m["killed"]
    assert (k["min"], k["best"], k["max"]) == (253, 253, None)  # highest lower bound; latest specific figure
    assert m["reports"] == ["a", "b", "c"] and len(k["claims"]) == 3
    assert [f["doc_id"] for f in m["disagreement"]["killed"]] == ["a", "b", "c"]
    agree = reconcile("mi-test", [at_least, dict(at_least, record_id="d#0", doc_id="d")])
    assert agree["disagreement"] == {} and agree["killed"]["disagreement"] is False


def test_merge_invariants_hold_for_any_order_and_any_split():
    """Hypothesis: any permutation of the records gives the same groups; no group holds two
    records of one document; every pair of members passes the hard constraints."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from harmwatch.merge.synthetic import synthetic_records

    recs = [r for r, _ in synthetic_records(400, seed=7)]
    base = cluster(recs)
    assert any(len(g.record_ids) > 1 for g in base)
    for g in base:
        docs = [r.split("#")[0] for r in g.record_ids]
        assert len(docs) == len(set(docs))
    by_id = {r.record_id: r for r in recs}
    for g in base:
        for k, a in enumerate(g.record_ids):
            for b in g.record_ids[k + 1:]:
                assert SIM.compatible(by_id[a], by_id[b])

    @settings(max_examples=15, deadline=None)
    @given(st.permutations(recs))
    def same(perm):
        assert cluster(perm) == base

    same()
