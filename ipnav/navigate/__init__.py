"""Patent navigation for a focus (a company, a region, a list of patents) against the world.

Plain-data analysis: :func:`patent_frame` / :func:`topic_frames` build the tables, a
:class:`Focus` selects the focus, :func:`topic_indicators` / :func:`branch_indicators` position it
(shares, RTA, growth, relatedness), :func:`find_gaps` finds white space on the map against a
permutation null model, :func:`rank_gaps` / :func:`rank_opportunities` score targets by a
transparent formula, :func:`topic_graph` / :func:`find_routes` give routes from strengths to a
target, :func:`topic_profile` names key patents, companies, inventors and partners, and
:func:`navigation_report` assembles all of it (GB/T 39551: direction -> positioning -> paths);
:func:`render_html` renders it. See ``docs/navigation.md``.
"""

from ipnav.navigate.actors import key_patents, topic_profile
from ipnav.navigate.focus import Focus, focus_by_applicant, focus_by_ids, focus_by_region
from ipnav.navigate.frame import patent_frame, topic_frames
from ipnav.navigate.gaps import GapMap, find_gaps
from ipnav.navigate.indicators import branch_indicators, topic_indicators
from ipnav.navigate.ranking import rank_gaps, rank_opportunities, score_terms
from ipnav.navigate.render import render_html
from ipnav.navigate.report import navigation_report
from ipnav.navigate.routes import find_routes, topic_graph

__all__ = [
    "Focus",
    "GapMap",
    "branch_indicators",
    "find_gaps",
    "find_routes",
    "focus_by_applicant",
    "focus_by_ids",
    "focus_by_region",
    "key_patents",
    "navigation_report",
    "patent_frame",
    "rank_gaps",
    "rank_opportunities",
    "render_html",
    "score_terms",
    "topic_frames",
    "topic_graph",
    "topic_indicators",
    "topic_profile",
]
