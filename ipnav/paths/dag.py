"""The citation DAG: arcs from the cited to the citing patent (the direction knowledge flows).

Main-path analysis needs an acyclic network. Real citation data has a few cycles: two members
of one family citing each other, examiner citations added to both documents of a pair, data
errors, or (in networks whose direction was taken from dates) pairs published on the same day.
:func:`make_acyclic` removes them by one of two documented rules and says what it did:

``condense`` (the default, Batagelj 2003, section 4)
    Every strongly connected component of two or more patents becomes ONE vertex. Its id is the
    members' ids, sorted, joined by ``" + "`` (``"US1 + US2"``); its ``members`` attribute lists
    them. Arcs into or out of any member become arcs into or out of the component. Nothing is
    lost, and main paths through a component show all of its members.
``break``
    Arcs are removed until no cycle is left. Inside each component, arcs that run against time
    (the cited patent's date is later than the citing one's) go first; what is still cyclic is
    broken by removing the back arcs of a depth-first search that visits vertices in sorted id
    order, so the result does not depend on input order. Every removed arc is reported.

Self-citations (an arc from a patent to itself) are always removed and reported.
"""

from __future__ import annotations

import logging
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ipnav.exceptions import AnalysisError, ConfigError

__all__ = ["CycleReport", "citation_dag", "make_acyclic"]

log = logging.getLogger(__name__)

CYCLE_RULES = ("condense", "break")
COMPONENT_JOIN = " + "


@dataclass
class CycleReport:
    """What :func:`make_acyclic` changed.

    Attributes:
        rule: ``condense`` or ``break``.
        self_loops: Arcs ``(u, u)`` that were removed.
        components: The strongly connected components of two or more vertices (sorted member lists).
        removed_arcs: Arcs removed by the ``break`` rule, in removal order.
        condensed: New vertex id -> members, for the ``condense`` rule.
    """

    rule: str
    self_loops: list[tuple[Hashable, Hashable]] = field(default_factory=list)
    components: list[list[Hashable]] = field(default_factory=list)
    removed_arcs: list[tuple[Hashable, Hashable]] = field(default_factory=list)
    condensed: dict[str, list[Hashable]] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        """True when the input was not already acyclic."""
        return bool(self.self_loops or self.components)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly summary (ids as strings)."""
        return {
            "rule": self.rule,
            "self_loops": [str(u) for u, _ in self.self_loops],
            "cyclic_components": [[str(m) for m in c] for c in self.components],
            "removed_arcs": [[str(u), str(v)] for u, v in self.removed_arcs],
            "condensed": {k: [str(m) for m in v] for k, v in self.condensed.items()},
        }


def citation_dag(
    arcs: Iterable[tuple[Hashable, Hashable]],
    *,
    nodes: Iterable[Hashable] = (),
    values: Iterable[float] | None = None,
    direction: str = "cited->citing",
) -> nx.DiGraph:
    """Build the citation network from arcs (not yet checked for cycles).

    Args:
        arcs: ``(u, v)`` pairs.
        nodes: Extra vertices without arcs (kept, e.g. uncited patents).
        values: Arc values (citation multiplicity), parallel to ``arcs``; stored as ``value``.
            Repeated arcs add their values.
        direction: ``"cited->citing"`` (the default: arcs as knowledge flows, the Pajek convention)
            or ``"citing->cited"`` (as patents list their references, the store's CITES edges):
            the latter are reversed.

    Returns:
        A ``nx.DiGraph`` with arcs cited -> citing and the arc attribute ``value``.

    Raises:
        ConfigError: Unknown direction.

    Example:
        >>> G = citation_dag([("US1", "US2"), ("US1", "US2")])
        >>> G["US1"]["US2"]["value"]
        2.0
    """
    if direction not in ("cited->citing", "citing->cited"):
        raise ConfigError(
            "The 'direction' parameter of citation_dag must be 'cited->citing' or "
            "'citing->cited'. "
            f"Got {direction!r} instead."
        )
    G = nx.DiGraph()
    G.add_nodes_from(nodes)
    value_iter = iter(values) if values is not None else None
    flip = direction == "citing->cited"
    for u, v in arcs:
        value = float(next(value_iter)) if value_iter is not None else 1.0
        if flip:
            u, v = v, u
        if G.has_edge(u, v):
            G[u][v]["value"] += value
        else:
            G.add_edge(u, v, value=value)
    return G


def make_acyclic(
    G: nx.DiGraph,
    *,
    rule: str = "condense",
    dates: Mapping[Hashable, Any] | None = None,
) -> tuple[nx.DiGraph, CycleReport]:
    """Return an acyclic copy of a citation network and a report of what was changed.

    Args:
        G: Arcs cited -> citing.
        rule: ``"condense"`` or ``"break"`` (see the module docstring).
        dates: Vertex -> comparable date (year, ``datetime.date``, ISO text), used by ``break`` to
            remove arcs that run against time first.

    Returns:
        ``(dag, report)``. ``dag`` is a new graph; ``G`` is not modified. Vertex and arc
        attributes are kept (a condensed vertex gets ``members``; arcs merged into one add their
        ``value``).

    Raises:
        ConfigError: Unknown rule.

    Example:
        >>> G = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c")])
        >>> dag, report = make_acyclic(G)
        >>> sorted(dag.edges()), report.components
        ([('a + b', 'c')], [['a', 'b']])
    """
    if rule not in CYCLE_RULES:
        raise ConfigError(
            f"The 'rule' parameter of make_acyclic must be one of {', '.join(CYCLE_RULES)}. "
            f"Got {rule!r} instead."
        )
    dag = G.copy()
    report = CycleReport(rule=rule)
    report.self_loops = sorted(nx.selfloop_edges(dag), key=lambda e: str(e[0]))
    dag.remove_edges_from(report.self_loops)
    components = [sorted(c, key=str) for c in nx.strongly_connected_components(dag) if len(c) > 1]
    report.components = sorted(components, key=lambda c: str(c[0]))
    if report.components:
        if rule == "condense":
            dag = _condense(dag, report)
        else:
            _break_cycles(dag, report, dates or {})
    if report.changed:
        log.info(
            "citation cycles: %d self-citation(s), %d cyclic component(s) (%s)",
            len(report.self_loops),
            len(report.components),
            rule,
        )
    return dag, report


def _condense(G: nx.DiGraph, report: CycleReport) -> nx.DiGraph:
    owner: dict[Hashable, str] = {}
    for members in report.components:
        name = COMPONENT_JOIN.join(str(m) for m in members)
        if name in G:
            raise AnalysisError(f"cannot condense: a vertex is already named {name!r}")
        report.condensed[name] = list(members)
        for m in members:
            owner[m] = name
    out = nx.DiGraph()
    for v, data in G.nodes(data=True):
        if v in owner:
            name = owner[v]
            if name not in out:
                out.add_node(name, members=report.condensed[name])
        else:
            out.add_node(v, **data)
    for u, v, data in G.edges(data=True):
        a, b = owner.get(u, u), owner.get(v, v)
        if a == b:
            continue
        if out.has_edge(a, b):
            out[a][b]["value"] = out[a][b].get("value", 1.0) + data.get("value", 1.0)
        else:
            out.add_edge(a, b, **data)
    return out


def _later(date_u: Any, date_v: Any) -> bool:
    try:
        return bool(date_u is not None and date_v is not None and date_u > date_v)
    except TypeError:
        return str(date_u) > str(date_v)


def _break_cycles(G: nx.DiGraph, report: CycleReport, dates: Mapping[Hashable, Any]) -> None:
    for members in report.components:
        inside = set(members)
        against_time = sorted(
            (
                (u, v)
                for u in members
                for v in G.successors(u)
                if v in inside and _later(dates.get(u), dates.get(v))
            ),
            key=lambda e: (str(e[0]), str(e[1])),
        )
        G.remove_edges_from(against_time)
        report.removed_arcs.extend(against_time)
        sub = G.subgraph(members).copy()
        while True:
            back = _back_arcs(sub)
            if not back:
                break
            G.remove_edges_from(back)
            sub.remove_edges_from(back)
            report.removed_arcs.extend(back)


def _back_arcs(G: nx.DiGraph) -> list[tuple[Hashable, Hashable]]:
    """Back arcs of a depth-first search visiting vertices and successors in sorted id order."""
    state: dict[Hashable, int] = {}  # 1 = on the stack, 2 = done
    back: list[tuple[Hashable, Hashable]] = []
    for root in sorted(G, key=str):
        if root in state:
            continue
        stack = [(root, iter(sorted(G.successors(root), key=str)))]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            for child in children:
                if state.get(child) == 1:
                    back.append((node, child))
                elif child not in state:
                    state[child] = 1
                    stack.append((child, iter(sorted(G.successors(child), key=str))))
                    break
            else:
                state[node] = 2
                stack.pop()
    return back
