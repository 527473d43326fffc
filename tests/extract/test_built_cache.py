"""The start-up caches (extract/built_cache.py): what loads from them equals a fresh build, and a
change of source builds a new file and removes the old one."""

from __future__ import annotations

import pickle

from harmwatch.extract import built_cache
from harmwatch.extract.actors import dictionary


def test_cached_actor_dictionary_equals_a_fresh_build(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("HARMWATCH_CACHE_DIR", str(tmp_path))
    dictionary.get_actor_dictionary.cache_clear()
    try:
        text = "ISIS gunmen and Iraqi forces clashed near Mosul; the Taliban denied it."
        built = dictionary.get_actor_dictionary()  # builds and stores
        found_built = dictionary.find_actors(text)
        files = list(tmp_path.glob("actors-*.pickle"))
        assert len(files) == 1
        dictionary.get_actor_dictionary.cache_clear()
        loaded = dictionary.get_actor_dictionary()  # loads the file
        assert loaded is not built
        assert pickle.dumps(loaded.entries) == pickle.dumps(built.entries)
        assert loaded.by_key == built.by_key and loaded.country_names == built.country_names
        assert loaded.groups.root == built.groups.root and loaded.alias_count == built.alias_count
        found = dictionary.find_actors(text)
        assert found == found_built and {m.name for m in found} >= {"Islamic State", "Taliban"}
    finally:
        dictionary.get_actor_dictionary.cache_clear()


def test_a_new_signature_replaces_the_old_file_and_a_torn_file_is_rebuilt(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("HARMWATCH_CACHE_DIR", str(tmp_path))
    calls = []

    def build() -> dict:
        calls.append(1)
        return {"a": len(calls)}

    sig1 = built_cache.digest(["x", b"1"])
    assert built_cache.load_or_build("t", sig1, build) == {"a": 1}
    assert built_cache.load_or_build("t", sig1, build) == {"a": 1} and len(calls) == 1  # from the file
    sig2 = built_cache.digest(["x", b"2"])
    assert sig2 != sig1
    assert built_cache.load_or_build("t", sig2, build) == {"a": 2}
    assert [p.name for p in tmp_path.glob("t-*.pickle")] == [f"t-{sig2}.pickle"]
    (tmp_path / f"t-{sig2}.pickle").write_bytes(b"torn")
    assert built_cache.load_or_build("t", sig2, build) == {"a": 3}


def test_a_remembered_digest_is_computed_again_when_a_file_changes(tmp_path, monkeypatch) -> None:
    import os

    monkeypatch.setenv("HARMWATCH_CACHE_DIR", str(tmp_path / "cache"))
    src = tmp_path / "source.txt"
    src.write_text("one")
    calls = []

    def compute() -> str:
        calls.append(1)
        return built_cache.digest([src])

    first = built_cache.memo_by_stat("s", [src], compute)
    assert built_cache.memo_by_stat("s", [src], compute) == first and len(calls) == 1
    src.write_text("two")
    st = src.stat()
    os.utime(src, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # a later mtime, whatever the clock
    second = built_cache.memo_by_stat("s", [src], compute)
    assert second != first and len(calls) == 2


def test_the_gazetteer_signature_is_the_content_signature(tmp_path, monkeypatch) -> None:
    from harmwatch.extract.places import gazetteer
    from harmwatch.extract.places.build import source_signature
    from harmwatch.extract.places.index import DATA_DIR

    monkeypatch.setenv("HARMWATCH_CACHE_DIR", str(tmp_path))
    assert gazetteer._signature(DATA_DIR) == source_signature(DATA_DIR)  # computed
    assert gazetteer._signature(DATA_DIR) == source_signature(DATA_DIR)  # remembered
    assert len(list(tmp_path.glob("gazetteer-signature-memo-*.pickle"))) == 1
