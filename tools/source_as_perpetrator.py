"""How often is a source, investigator or responder (the police) coded as the perpetrator? (issue 15)

Reads the US local shooting reports of ``gva_shootings`` (``docs_dev.jsonl.gz``, straight from the
shared eval folder; GVA data is for internal evaluation only, so nothing from it is ever written to a
file: the counts and the evidence sample go to the terminal only), extracts a seeded sample as a user
would (text, title, publication date), and reports:

* the share of incidents with a state-force perpetrator (category ``state forces`` or ``external
  forces``, or a perpetrator name with police / sheriff / officer / trooper / deputy);
* the share of those perpetrators named as another country's force ("Police Forces of Jordan" in a
  US report);
* a rough automatic split of the flagged incidents: ``force`` when a sentence of the incident says
  the police used force (an officer shot / fired / opened fire, police-involved shooting, was shot by
  police ...), else ``source?`` (the police only speak, investigate, search or respond); the
  automatic split is a screen, the real count is a hand check of the printed sample;
* ``--sample K`` flagged incidents with their perpetrator and evidence sentences, to check by hand.

    PYTHONPATH=src python tools/source_as_perpetrator.py --limit 300 --sample 20 --seed 1
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from pathlib import Path

from harmwatch.types import InputItem

_STATE_NAME = re.compile(r"\b(police|sheriff|officers?|troopers?|deput(?:y|ies)|marshals?|swat|law enforcement|"
                         r"military|army|national guard|state forces)\b", re.IGNORECASE)
#: the text says the police used force (so a police perpetrator may be right)
_FORCE = re.compile(
    r"\b(?:police|officers?|deput(?:y|ies)|troopers?|agents?|sheriff)\s+(?:\w+\s+){0,2}?(?:shot|shoots|opened fire|"
    r"returned fire|fired (?:at|on|into|shots|a shot|his|her|their|several|multiple))\b|"
    r"\b(?:shot|killed|wounded)\s+by\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:police|officers?|deput(?:y|ies)|troopers?|agents?)\b|"
    r"\b(?:officer|police)-involved\b|\bpolice shooting\b", re.IGNORECASE)


def load_docs(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def state_perpetrators(inc: dict) -> list[dict]:
    return [p for p in inc.get("perpetrators") or []
            if p.get("category") in ("state forces", "external forces")
            or _STATE_NAME.search(f"{p.get('name') or ''} {p.get('mention') or ''}")]


def foreign(p: dict, country: str = "US") -> bool:
    """A state force named as another country's ("... of Jordan") in a report from ``country``."""
    name = p.get("name") or ""
    m = re.search(r"\bof ([A-Z][\w .'-]+)$", name)
    if not m:
        return False
    from harmwatch.extract.places import get_gazetteer  # the country-name lookup scoring also uses

    cc = get_gazetteer().country_code_for(m.group(1).strip())
    return bool(cc) and cc != country


def uses_force(inc: dict, text: str) -> bool:
    """One of the incident's sentences says the police used force."""
    return any(_FORCE.search(text[s:e]) for s, e in inc.get("evidence") or [])


def sentence_around(text: str, span: list[int], sentences: list[list[int]]) -> str:
    """The incident sentence holding ``span``, else 150 characters either side."""
    s, e = span
    for a, b in sentences:
        if a <= s and e <= b:
            return " ".join(text[a:b].split())
    return " ".join(text[max(0, s - 150):e + 150].split())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data-dir", type=Path, default=None, help="the shared eval folder (default: as harmwatch eval)")
    ap.add_argument("--limit", type=int, default=300, help="documents drawn with --seed (0 = all)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--sample", type=int, default=20, help="flagged incidents to print with their evidence")
    ap.add_argument("--which", choices=("all", "force", "source"), default="all",
                    help="sample from all flagged incidents, or only those the screen marks force / source")
    args = ap.parse_args()
    from harmwatch.evaluation.base import default_data_dir
    from harmwatch.pipeline import process_item

    docs = load_docs((args.data_dir or default_data_dir()) / "gva_shootings" / "docs_dev.jsonl.gz")
    if args.limit and args.limit < len(docs):
        docs = [docs[i] for i in sorted(random.Random(args.seed).sample(range(len(docs)), args.limit))]
    n_inc = 0
    flagged: list[tuple[dict, dict, str, list[dict]]] = []
    n_foreign = 0
    for d in docs:
        res = process_item(InputItem(ref=d["id"], id=d["id"], text=d.get("text"), title=d.get("title"),
                                     published=d.get("published")))
        text = res.text or ""
        for inc in res.incidents:
            inc = inc.to_dict()
            n_inc += 1
            perps = state_perpetrators(inc)
            if perps:
                flagged.append((d, inc, text, perps))
                n_foreign += any(foreign(p) for p in perps)
    force = [f for f in flagged if uses_force(f[1], f[2])]
    print(f"{len(docs)} documents, {n_inc} incidents; with a state-force perpetrator: {len(flagged)} "
          f"({100 * len(flagged) / max(n_inc, 1):.1f} %)")
    print(f"  named as another country's force: {n_foreign}")
    print(f"  automatic screen: the incident's sentences say police used force: {len(force)}; "
          f"only speak / investigate / respond (likely a source as perpetrator): {len(flagged) - len(force)} "
          f"({100 * (len(flagged) - len(force)) / max(len(flagged), 1):.0f} % of flagged)")
    rng = random.Random(args.seed)
    pool = {"all": flagged, "force": force, "source": [f for f in flagged if f not in force]}[args.which]
    sample = rng.sample(pool, min(args.sample, len(pool)))
    for k, (d, inc, text, perps) in enumerate(sample, 1):
        auto = "force" if uses_force(inc, text) else "source?"
        print(f"\n[{k}] {d['id']} ({auto}) {inc.get('event_type')} / {inc.get('sub_event_type')}; "
              f"perpetrators: {', '.join(p.get('name') or '' for p in inc.get('perpetrators') or [])}")
        for p in perps:
            for span in (p.get("evidence") or [])[:1]:
                print(f"    perpetrator '{p.get('mention')}' <- {sentence_around(text, span, inc.get('evidence') or [])[:400]}")
        for s, e in (inc.get("evidence") or [])[:3]:
            print(f"    | {' '.join(text[s:e].split())[:300]}")


if __name__ == "__main__":
    main()
