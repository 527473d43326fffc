"""Merging at scale: the streamed, component-by-component merge gives the groups of one greedy over
all pairs (the algorithm before it, kept here as the reference), read from memory or from its
temporary file, in any input order; a dense block of near-identical reports costs a bounded number
of scores per record and still never joins two incidents of one document or two incompatible
reports."""

from __future__ import annotations

import importlib
import random

from harmwatch.merge import blocking as B
from harmwatch.merge import records_from_result
from harmwatch.merge import similarity as SIM
from harmwatch.merge.synthetic import dense_block, synthetic_records

C = importlib.import_module("harmwatch.merge.cluster")  # the module (the package exports its function)


def reference_cluster(records: list) -> list[C.Group]:
    """One greedy over every candidate pair of the corpus, sorted together (the merge before it was
    split by connected component), with no cap on a record's candidates."""
    recs = {r.record_id: r for r in records}
    uf = C._UF()
    for rid in sorted(recs):
        uf.add(rid)
    stats = SIM.TextStats.of(recs.values())
    scorer = SIM.Scorer(stats)
    edges, cache = [], {}
    for route in (B.candidate_pairs(recs.values()), B.text_candidate_pairs(recs.values(), stats.df),
                  B.name_candidate_pairs(recs.values(), stats.name_df)):
        for a, b in route:
            s = scorer.score(a, b)
            if s >= SIM.THRESHOLD:
                edges.append((-s, a.record_id, b.record_id))
                cache[(a.record_id, b.record_id)] = s
    edges.sort()
    cons = C.Constraints()
    for _, x, y in edges:
        rx, ry = uf.find(x), uf.find(y)
        if rx != ry and C._can_join(uf.members[rx], uf.members[ry], recs, cons, SIM.THRESHOLD, cache, scorer):
            uf.union(rx, ry)
    sets = sorted((tuple(sorted(m)) for m in uf.members.values()), key=lambda ids: ids[0])
    return [C.Group(i, ids) for i, ids in zip(C.assign_ids(sets, recs), sets)]


def _check_streamed(recs: list, monkeypatch) -> list[C.Group]:
    with monkeypatch.context() as m:
        m.setattr(B, "MAX_CANDIDATES", 10**9)
        m.setattr(B, "SCAN", 10**9)
        want = reference_cluster(recs)
    assert any(len(g.record_ids) > 1 for g in want)
    assert C.cluster(recs) == want  # in memory
    monkeypatch.setattr(C, "SPILL_RECORDS", 5)  # from the temporary file
    assert C.cluster(iter(recs)) == want
    for seed in (1, 2):
        shuffled = list(recs)
        random.Random(seed).shuffle(shuffled)
        assert C.cluster(iter(shuffled)) == want
    return want


def test_streamed_merge_gives_the_reference_groups_on_real_reports(gva_results, monkeypatch):
    recs = [r for res in gva_results for r in records_from_result(res)]
    want = _check_streamed(recs, monkeypatch)
    # the real reports' blocks are far below the caps: capped or not, the same groups
    assert C.cluster(recs) == want


def test_streamed_merge_gives_the_reference_groups_on_synthetic_records(monkeypatch):
    recs = [r for r, _ in synthetic_records(3000, seed=5)]
    _check_streamed(recs, monkeypatch)


def test_a_record_id_read_twice_keeps_the_last_one(monkeypatch):
    recs = [r for r, _ in synthetic_records(300, seed=2)]
    moved = [r.__class__(**{**{k: getattr(r, k) for k in r.__slots__}, "lo": r.lo + 300, "hi": r.hi + 300})
             for r in recs[:40]]
    want = C.cluster(moved + recs[40:])
    monkeypatch.setattr(C, "SPILL_RECORDS", 10)
    assert C.cluster(iter(recs + moved)) == want


def test_dense_block_scores_a_bounded_number_of_pairs_per_record(monkeypatch):
    recs = dense_block(1500, seed=4)
    by_id = {r.record_id: r for r in recs}
    scored = [0]
    real = SIM.Scorer.score

    def counting(self, a, b):
        scored[0] += 1
        return real(self, a, b)

    monkeypatch.setattr(SIM.Scorer, "score", counting)
    groups = C.cluster(recs)
    n = len(recs)
    # without the caps every pair is a candidate (by place or by the shared words): n (n - 1) / 2
    assert scored[0] <= 3 * B.MAX_CANDIDATES * n < n * (n - 1) / 4
    assert any(len(g.record_ids) >= 5 for g in groups)
    for g in groups:
        docs = [by_id[x].doc_id for x in g.record_ids]
        assert len(docs) == len(set(docs))  # never two incidents of one document
        for k, a in enumerate(g.record_ids):
            for b in g.record_ids[k + 1:]:  # no chain: every pair of members is compatible
                assert SIM.compatible(by_id[a], by_id[b]) and SIM.places_compatible(by_id[a], by_id[b])
    shuffled = list(recs)
    random.Random(3).shuffle(shuffled)
    monkeypatch.setattr(C, "SPILL_RECORDS", 100)
    assert C.cluster(iter(shuffled)) == groups
