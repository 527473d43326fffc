"""Stable incident ids through the store: a full re-merge passes the stored ids to
merge.cluster(previous=...), so a report dated earlier that arrives late joins the incident without
renaming it, and the reviewer's splits and joins still hold. (Invented reports.)"""

from __future__ import annotations

import json

from sqlalchemy import select

from harmwatch.api import run
from harmwatch.review.actions import set_status
from harmwatch.store import open_store
from harmwatch.store.merged import iter_merged, join, merge_store, split_off
from harmwatch.store.review_models import ReviewState

LATER = {"id": "z-later", "published": "2023-06-12", "source": "Valley Herald",
         "text": "DAYTON, Ohio - Two men were shot and killed outside the Blue Lantern tavern on Kettering Avenue "
                 "early Saturday, police said. Officers found Marcus Ellery, 31, and a second man, 27, near the "
                 "tavern's door. No arrests have been made."}
# the same shooting, reported two days earlier by another outlet, ingested last; its doc id sorts first
EARLIER = {"id": "a-earlier", "published": "2023-06-10", "source": "Dayton Courier",
           "text": "DAYTON, Ohio - Two men died after a shooting outside the Blue Lantern tavern on Kettering "
                   "Avenue early Saturday, police said. Marcus Ellery, 31, was one of the victims, police said. "
                   "Detectives are looking for a gunman who fled on foot."}
# a different shooting on the same street that the merge joins to it (a reviewer splits it off)
WOUNDED = {"id": "m-wounded", "published": "2023-06-13", "source": "Dayton Courier",
           "text": "DAYTON, Ohio - A woman was wounded in a shooting on Kettering Avenue on Saturday night, police "
                   "said. Medics treated her leg wound at the corner and drove her to Grandview clinic."}


def _ingest(tmp_path, name, rows, db):
    path = tmp_path / f"{name}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    run([path], db=db)


def _owners(store) -> dict[str, str]:
    return {doc: m["incident_id"] for m in iter_merged(store) for doc in m["reports"]}


def test_a_late_earlier_report_keeps_the_incident_id_and_hand_decisions_hold(tmp_path, databases):
    db = databases.new("merge")
    _ingest(tmp_path, "one", [LATER, WOUNDED], db)
    with open_store(db) as st:
        merge_store(st)
        first = _owners(st)
        assert first["z-later"] == first["m-wounded"]  # the automatic (wrong) merge the reviewer undoes
        mid = first["z-later"]
        split_off(st, ["m-wounded#0"], ["z-later#0"], note="another shooting")
        after_split = _owners(st)
        assert after_split["z-later"] == mid != after_split["m-wounded"]  # the first-reported half keeps it
        with st._read() as s:  # noqa: SLF001
            version = s.scalars(select(ReviewState.version).where(ReviewState.incident_id == mid)).one()
        set_status(st, mid, user="rita", version=version, status="approved")
    _ingest(tmp_path, "two", [EARLIER], db)
    with open_store(db) as st:
        merge_store(st)  # a full re-merge
        now = _owners(st)
        # the earlier report joined, named after it the incident would be renamed; it keeps its id
        assert now["a-earlier"] == now["z-later"] == mid
        assert now["m-wounded"] != mid  # the split holds
        assert next(m for m in iter_merged(st) if m["incident_id"] == mid)["review_status"] == "approved"
        join(st, [mid, now["m-wounded"]], note="the reviewer changes their mind")
        merge_store(st)
        joined = _owners(st)
        assert joined["a-earlier"] == joined["z-later"] == joined["m-wounded"] == mid  # the join holds, same id
