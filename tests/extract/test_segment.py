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


def test_hard_wrapped_muc_message_keeps_sentences_whole():
    # DEV-MUC3-0001 (public domain): lines wrapped at ~70 columns, paragraphs split by blank lines
    text = ("SAN SALVADOR, 3 JAN 90 -- [REPORT] [ARMED FORCES PRESS COMMITTEE,\n"
            "COPREFA] [TEXT] THE ARCE BATTALION COMMAND HAS REPORTED THAT ABOUT 50\n"
            "PEASANTS OF VARIOUS AGES HAVE BEEN KIDNAPPED BY TERRORISTS OF THE\n"
            "FARABUNDO MARTI NATIONAL LIBERATION FRONT [FMLN] IN SAN MIGUEL\n"
            "DEPARTMENT.  ACCORDING TO THAT GARRISON, THE MASS KIDNAPPING TOOK PLACE ON\n"
            "30 DECEMBER IN SAN LUIS DE LA REINA.\n\n"
            "   MEANWHILE, THREE SUBVERSIVES WERE KILLED AND SEVEN OTHERS WERE WOUNDED\n"
            "DURING CLASHES YESTERDAY IN USULUTAN AND MORAZAN.\n")
    sents = split_sentences(text)
    got = [text[s.start:s.end] for s in sents]
    assert len(got) == 3
    assert got[0].startswith("SAN SALVADOR") and got[0].endswith("SAN MIGUEL\nDEPARTMENT.")
    assert got[1] == "ACCORDING TO THAT GARRISON, THE MASS KIDNAPPING TOOK PLACE ON\n30 DECEMBER IN SAN LUIS DE LA REINA."
    assert got[2].startswith("MEANWHILE") and sents[2].paragraph == 1


def test_short_lines_are_not_hard_wrapping(seed_text):
    from harmwatch.extract.segment import is_hard_wrapped

    assert not is_hard_wrapped(seed_text)


def test_run_on_text_is_cut_into_bounded_pieces():
    from harmwatch.extract.segment import MAX_SENTENCE

    text = "gunmen killed dozens of civilians in Mosul on Saturday and " * 300
    sents = split_sentences(text)
    assert len(sents) > 20
    assert all(s.end - s.start <= MAX_SENTENCE for s in sents)
    # pieces tile the text: nothing lost but the spaces between them
    assert "".join(text[s.start:s.end] for s in sents).replace(" ", "") == text.replace(" ", "")
