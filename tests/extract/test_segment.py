from harmwatch.extract.segment import split_sentences


def test_abbreviations_do_not_split():
    text = ("Joint Operations Command spokesman Brig. Gen. Yahya Rasul told Diyaruna on Monday. "
            "U.S. Army Col. Rafael Torres said the attack began at 3 a.m. Tuesday. It ended at 10 a.m.")
    got = [text[s.start:s.end] for s in split_sentences(text)]
    assert got == [
        "Joint Operations Command spokesman Brig. Gen. Yahya Rasul told Diyaruna on Monday.",
        "U.S. Army Col. Rafael Torres said the attack began at 3 a.m. Tuesday.",
        "It ended at 10 a.m.",
    ]


def test_quotes_and_paragraphs(seed_text):
    sents = split_sentences(seed_text)
    texts = [seed_text[s.start:s.end] for s in sents]
    assert texts[0].startswith('The "Islamic State of Iraq and Syria" (ISIS) on Saturday')
    assert '"At least 250 civilians, including women, children and old people, were killed in these attacks.' in texts
    assert 'The number may still rise," he said.' in texts
    # headings stay their own sentence; offsets are exact
    assert "A sign of desperation" in texts
    for s in sents:
        assert seed_text[s.start:s.end] == seed_text[s.start:s.end].strip()


def test_all_caps_muc():
    text = "SAN SALVADOR, 3 JAN 90 -- [TEXT] THREE SUBVERSIVES WERE KILLED. THE ARMY REPORTED IT."
    got = [text[s.start:s.end] for s in split_sentences(text)]
    assert got == ["SAN SALVADOR, 3 JAN 90 -- [TEXT] THREE SUBVERSIVES WERE KILLED.", "THE ARMY REPORTED IT."]
