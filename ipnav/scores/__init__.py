"""Explainable patent value indicators, organisation scorecards and third-party evaluation.

Layers (analysis code takes plain data; only :mod:`ipnav.scores.pipeline` reads a store):

- :mod:`.definitions`: what each indicator means (bilingual), which way is better.
- :mod:`.legal`, :mod:`.citations`, :mod:`.cohort`, :mod:`.indicators`: patent-level indicators.
- :mod:`.scorecard`: organisation scorecards; :mod:`.peers`: the peer group.
- :mod:`.scenarios`: weight sets from ``ipnav/data/scenarios.yaml``.
- :mod:`.composite`: percentiles, score, confidence, sensitivity.
- :mod:`.evaluation`: one organisation's evaluation; :mod:`.validation`: scores vs later citations.
"""

from ipnav.scores.composite import confidence, peer_percentiles, sensitivity, weighted_scores
from ipnav.scores.definitions import ORG_INDICATORS, PATENT_INDICATORS, Indicator
from ipnav.scores.evaluation import Evaluation, evaluate_organization
from ipnav.scores.indicators import TopicMap, patent_indicators
from ipnav.scores.peers import select_peers
from ipnav.scores.scenarios import Scenario, ScenarioBook, load_scenarios
from ipnav.scores.scorecard import Focus, org_scorecards

__all__ = [
    "ORG_INDICATORS",
    "PATENT_INDICATORS",
    "Evaluation",
    "Focus",
    "Indicator",
    "Scenario",
    "ScenarioBook",
    "TopicMap",
    "confidence",
    "evaluate_organization",
    "load_scenarios",
    "org_scorecards",
    "patent_indicators",
    "peer_percentiles",
    "select_peers",
    "sensitivity",
    "weighted_scores",
]
