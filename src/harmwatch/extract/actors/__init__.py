"""Who a name is: the actor dictionary (canonical names, aliases, categories; ISIS = IS = ISIL = Daesh
= Islamic State) and the matching of actor mentions in text. Who did what to whom in an incident is
decided one level up, in :mod:`harmwatch.extract.roles`, which combines these mentions with the
event triggers.
"""

from harmwatch.extract.actors.dictionary import (
    ActorDictionary,
    canonical,
    country_code,
    find_actors,
    get_actor_dictionary,
    subgroup,
    unidentified_armed_group,
)

__all__ = [
    "ActorDictionary", "canonical", "country_code", "find_actors", "get_actor_dictionary", "subgroup",
    "unidentified_armed_group",
]
