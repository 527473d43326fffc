"""language.py: lingua on real Wikinews reports (English and French)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from harmwatch.ingest import detect_language, ingest
from harmwatch.types import InputItem


@pytest.fixture(scope="module")
def wikinews(shared: Path) -> list[dict]:
    path = shared / "data/corpus/wikinews_violence/wikinews_violence.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_wikinews_languages(wikinews: list[dict]) -> None:
    langs = {r["id"][3:5] for r in wikinews}
    assert langs == {"en", "fr"}
    for rec in wikinews:
        expected = rec["id"][3:5]  # wn-en-... / wn-fr-...
        assert detect_language(rec["text"]) == expected, rec["id"]
        # and through ingest, without the language field
        doc = ingest(InputItem(ref=rec["id"], id=rec["id"], text=rec["text"]))
        assert doc.language == expected


def test_first_sentences_are_enough(wikinews: list[dict]) -> None:
    """The lead sentence alone identifies the language (even when full of foreign names)."""
    for rec in wikinews:
        first = rec["text"].split(". ")[0]
        if len(first) > 60:
            assert detect_language(first) == rec["id"][3:5], first
    # the short lead that lingua alone calls Tagalog (place names) stays English with the priors
    assert detect_language("Twin bombings yesterday struck the Jolo Cathedral in Mindanao, Philippines") == "en"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Hombres armados mataron a cinco personas en un ataque contra una aldea del norte, dijo la policía.", "es"),
        ("Homens armados mataram cinco pessoas num ataque a uma aldeia no norte, disse a polícia.", "pt"),
        ("قتل خمسة أشخاص في هجوم شنه مسلحون على قرية في شمال البلاد، بحسب الشرطة.", "ar"),
        ("Вооруженные люди убили пять человек при нападении на деревню на севере страны, сообщила полиция.", "ru"),
        ("Озброєні люди вбили п'ятьох людей під час нападу на село на півночі країни, повідомила поліція.", "uk"),
        ("Watu wenye silaha waliwaua watu watano katika shambulio dhidi ya kijiji kaskazini mwa nchi, polisi walisema.", "sw"),
        ("Ragg hubaysan ayaa dilay shan qof weerar ay ku qaadeen tuulo ku taala waqooyiga dalka, ayay tiri booliska.", "so"),
        ("Orang bersenjata menewaskan lima orang dalam serangan terhadap sebuah desa di utara negara itu, kata polisi.", "id"),
        ("Silahlı kişiler ülkenin kuzeyindeki bir köye düzenlenen saldırıda beş kişiyi öldürdü, dedi polis.", "tr"),
    ],
)
def test_other_languages(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["", "OK", "12 34 56 !!", "Mosul"])
def test_too_short_is_none(text: str) -> None:
    assert detect_language(text) is None




def test_english_full_of_foreign_names_is_english():
    from harmwatch.ingest.language import detect_language

    text = ("Members of Samahang Manggagawa ng Pilipinas gathered outside the regional office of the "
            "Department of Labor and Employment in Quezon City, and they said that the workers had been "
            "laid off by their employers after the lockdown.")
    assert detect_language(text) == "en"
    fr = ("Des hommes armés ont tué trois soldats à Kidal, a déclaré l'armée malienne, qui a précisé que "
          "l'attaque avait eu lieu dans la nuit de samedi à dimanche.")
    assert detect_language(fr) == "fr"
    de = "Bewaffnete haben in der Nacht drei Soldaten getötet, teilte die Armee mit, was die Lage verschärft."
    assert detect_language(de) == "de"


def test_a_long_sample_never_loads_the_large_models(wikinews: list[dict]) -> None:
    """Two sentences and more are read by lingua's low-accuracy models (about 25 MB); the
    high-accuracy ones (about 380 MB, seconds to load) are built only for short or unsure text."""
    from harmwatch.ingest import language

    language._detector.cache_clear()
    try:
        french = [r["text"] for r in wikinews if r["id"].startswith("wn-fr") and len(r["text"]) > 400]
        assert french and all(detect_language(t) == "fr" for t in french)
        assert language._detector.cache_info().currsize == 1  # the fast detector only
        assert detect_language("Twin bombings yesterday struck the Jolo Cathedral in Mindanao, Philippines") == "en"
        assert language._detector.cache_info().currsize == 2
    finally:
        language._detector.cache_clear()
