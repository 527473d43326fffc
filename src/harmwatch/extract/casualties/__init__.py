"""How many: killed and injured figures as claims (number phrases, counted victims, lists), who said
them, and their reconciliation into an incident's min / best / max.

Modules, in import order (each imports only those before it): ``numbers`` (number phrases, vague
quantities) <- ``rules`` (shared casualty vocabulary and claim building) <- ``lists`` (victims listed
one by one) <- ``victims`` (single victims, companions) <- ``claims`` (all claims of a sentence, and
the reconciliation rule); ``plausibility`` (figures no incident has, flagged) is imported by ``claims``
alone; ``speakers`` (who a sentence quotes) stands apart.
"""

from harmwatch.extract.casualties.claims import find_casualty_claims, reconcile, specificity
from harmwatch.extract.casualties.numbers import NumberPhrase, find_numbers, parse_number_words
from harmwatch.extract.casualties.speakers import attribute

__all__ = ["NumberPhrase", "attribute", "find_casualty_claims", "find_numbers", "parse_number_words",
           "reconcile", "specificity"]
