"""A US report that names no state but a county found in one state only is read in that state
(county_state); a county name shared by many states says nothing. Invented sentences."""

from __future__ import annotations

from harmwatch.extract.places.gazetteer import get_gazetteer
from harmwatch.extract.places.geocode import resolve_location
from harmwatch.extract.places.mentions import find_places
from harmwatch.extract.places.uslines import county_state


def test_a_county_of_one_state_names_the_state():
    gz = get_gazetteer()
    assert county_state("Deputies of the Navarro County Sheriff's Office said the man died.", gz) == "US.TX"
    assert county_state("The Catawba County coroner was called to the scene.", gz) == "US.NC"


def test_a_county_of_many_states_says_nothing():
    gz = get_gazetteer()
    assert county_state("The Marshall County Sheriff's Office is investigating.", gz) is None
    assert county_state("No county is named in this sentence at all.", gz) is None


def test_the_bare_town_is_read_in_the_county_s_state():
    text = ("LEXINGTON (WXYZ) -- Two people were shot outside a store in Lexington on Saturday night. "
            "The Lexington County Sheriff's Department said both were taken to a hospital.")
    loc = resolve_location(text, find_places(text))
    assert loc.country_code == "US" and loc.admin1 == "South Carolina"
