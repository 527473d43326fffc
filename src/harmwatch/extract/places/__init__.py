"""Where: place mentions in the text, the offline gazetteer they are looked up in, and the event place
of an incident (coordinates, admin units, precision).

Modules, in import order: ``index`` (name keys, hashed key index) <- ``build`` (the index built once
from the shipped sources) <- ``gazetteer`` (look-ups, cached index) <- ``mentions`` (toponyms and
country hints in a document) <- ``geocode`` (the incident's place); ``boundaries`` (admin-1 polygons,
point in polygon) is used by ``geocode``.
"""

from harmwatch.extract.places.gazetteer import Gazetteer, get_gazetteer, lookup
from harmwatch.extract.places.geocode import place_name, resolve_in, resolve_location
from harmwatch.extract.places.index import Place
from harmwatch.extract.places.mentions import DocumentPlaces, find_country_hints, find_places, scan_document

__all__ = [
    "DocumentPlaces", "Gazetteer", "Place", "find_country_hints", "find_places", "get_gazetteer", "lookup",
    "place_name", "resolve_in", "resolve_location", "scan_document",
]
