"""``harmwatch eval``: score the extractor against third-party gold data, beside trivial baselines.

One loader module per dataset (gtd, acled, ucdp, isaf, airwars, muc, wikievents, case2021,
india_police, article_benchmark, trafilatura_eval, negatives), ``calibration`` (reliability of
``confidence``), ``mappings`` (label mappings, leading-date
rule), ``scoring`` (metrics and matching rules), ``baselines``, ``runner`` and ``report``.
See docs/EVALUATION.md. GTD, ACLED and Airwars are read from the shared folder at run time only.
"""

from harmwatch.evaluation.runner import DATASETS, DEFAULT_LIMITS, run  # noqa: F401
