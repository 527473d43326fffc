"""City parts of US reports ("the South Side", "the North Side") are read as neighbourhoods of a town
nearby, never as the towns of that name in other states. Invented sentences of the usual structure."""

from __future__ import annotations

import pytest

from harmwatch.extract.places.geocode import resolve_location
from harmwatch.extract.places.mentions import find_places


def _resolve(text: str):
    return resolve_location(text, find_places(text))


def test_city_part_next_to_its_city_takes_the_city():
    loc = _resolve("Two men were hurt in a shooting on the South Side of Chicago late Friday, police said.")
    assert loc.country_code == "US" and loc.admin1 == "Illinois"
    assert loc.precision == "neighbourhood"
    assert abs(loc.lat - 41.85) < 0.3 and abs(loc.lon + 87.65) < 0.3


@pytest.mark.parametrize("part", ["North Side", "East Side", "far West Side"])
def test_city_part_alone_is_no_town_elsewhere(part):
    # "North Side" and "East Side" are also towns in other states: a bare city part names none of them
    loc = _resolve(f"Officers said a teenager was wounded on the {part} on Tuesday night.")
    assert loc.lat is None and loc.country_code is None


def test_a_town_with_a_side_word_is_still_a_town():
    loc = _resolve("A man was shot near a gas station in Lexington, Ky., on Sunday, police said.")
    assert loc.admin1 == "Kentucky" and loc.precision != "neighbourhood"
