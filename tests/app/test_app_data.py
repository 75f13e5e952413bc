"""The Data page: import by path with the summary and quarantine table, store status, switching stores."""

from __future__ import annotations

from pathlib import Path

from ipnav.demo import DEMO_DATA
from ipnav.i18n import tr
from tests.app.helpers import table_with, texts

LENS_HEADER = (
    "Display Key,Jurisdiction,Title,Application Date,Publication Date,Publication Year,Applicants,"
    "IPCR Classifications,Document Type,Legal Status"
)
ROWS = [  # one good row, a bad publication number, an impossible date
    "US 2025/0100135 A1,US,ROBOT CONTROL POLICY,2024-09-19,2025-03-27,2025,MENTEE ROBOTICS LTD,B25J9/16,"
    "Patent Application,PENDING",
    "???,US,BROKEN,2024-10-01,2025-03-27,2025,X LTD,B25J9/16,Patent Application,PENDING",
    "CN 112345678 A,CN,ROBOT GRIPPER,2019-02-30,2021-03-27,2021,UBTECH ROBOTICS CORP LTD,B25J15/00,"
    "Patent Application,PENDING",
]


def test_import_by_path_counts_every_row_and_fills_the_quarantine(app, tmp_path: Path) -> None:
    source = tmp_path / "lens.csv"
    source.write_text("\n".join([LENS_HEADER, *ROWS]) + "\n", encoding="utf-8")
    at = app("data", "en", store=f"sqlite:///{tmp_path / 'ws' / 'ipnav.db'}")
    at.text_input(key="import_path").set_value(str(source))
    at.button(key="run_import").click().run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Rows read": "3", "Patents stored": "1", "Duplicates merged": "0", "Rows quarantined": "2"}
    formats = table_with(at, tr("col.format", "en"), tr("col.read", "en"))
    assert formats.iloc[0].tolist() == ["lens", 1, 3, 1, 0, 2]
    quarantine = table_with(at, tr("col.location", "en"), tr("col.reason", "en"))
    assert sorted(quarantine[tr("col.location", "en")]) == ["row 2", "row 3"]
    assert set(quarantine[tr("col.field", "en")]) == {"Display Key", "Application Date"}
    assert (tmp_path / "ws" / "quarantine.csv").is_file()


def test_reimport_reports_unchanged_patents(app, scratch_uri: str) -> None:
    at = app("data", "en", store=scratch_uri)
    at.text_input(key="import_path").set_value(str(DEMO_DATA / "uspto"))
    at.button(key="run_import").click().run()
    at.button(key="run_import").click().run()  # the first re-import may re-sort merged citation lists
    formats = table_with(at, tr("col.format", "en"), tr("col.read", "en"))
    assert formats.iloc[0].tolist() == ["uspto-xml", 17, 17, 17, 0, 0]
    assert tr("data.store_effect", "en", inserted=0, updated=0, unchanged=17) in texts(at.caption)


def test_missing_path_is_an_error_box_not_a_crash(app, tmp_path: Path) -> None:
    at = app("data", "zh", store=f"sqlite:///{tmp_path / 'ipnav.db'}")
    at.text_input(key="import_path").set_value(str(tmp_path / "nope.csv"))
    at.button(key="run_import").click().run()
    assert not at.exception
    assert any("nope.csv" in e.value for e in at.error)


def test_status_tab_counts_nodes(app, workspace_store) -> None:
    at = app("data", "en")
    nodes = table_with(at, tr("col.label", "en"), tr("col.count", "en"))
    counts = dict(zip(nodes[tr("col.label", "en")], nodes[tr("col.count", "en")], strict=True))
    assert counts["Patent"] == workspace_store.counts()["nodes"]["Patent"]


def test_switching_to_another_embedded_store(app, tmp_path: Path, workspace_uri: str) -> None:
    at = app("data", "en")
    other = f"sqlite:///{tmp_path / 'other.db'}"
    at.text_input(key="sqlite_uri").set_value(other)
    at.button(key="connect").click().run()
    assert not at.exception
    assert other in texts(at.sidebar.code)
    assert tr("store.patents", "en", n=0) in texts(at.sidebar.caption)


def test_neo4j_without_password_is_explained(app, monkeypatch) -> None:
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    at = app("data", "en")
    at.radio(key="backend_kind").set_value(tr("data.backend.neo4j", "en")).run()
    at.text_input(key="neo4j_uri").set_value("bolt://127.0.0.1:1")
    at.button(key="connect").click().run()
    assert not at.exception
    assert any("NEO4J_PASSWORD" in e.value for e in at.error)


def test_alias_tab_counts_rows_in_force_and_pending(app, scratch_uri: str) -> None:
    from ipnav.alias_table import read_alias_table
    from ipnav.demo import SAFE_ALIAS_SCORE
    from ipnav.store import open_store

    rows = read_alias_table(Path(scratch_uri[len("sqlite:///") :]).parent / "aliases.csv")
    with open_store(scratch_uri) as store:
        in_force = store.aliases()
    # the demo build applies exactly the suggestions at or above the safe score
    assert {r.variant for r in rows if r.score >= SAFE_ALIAS_SCORE} == set(in_force)
    at = app("data", "en", store=scratch_uri)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[tr("data.aliases.rows", "en")] == f"{len(rows):,}"
    assert metrics[tr("data.aliases.in_force", "en")] == f"{len(in_force):,}"
    assert metrics[tr("data.aliases.pending", "en")] == f"{sum(1 for r in rows if not r.reviewed):,}"


def test_applying_an_edited_alias_table_changes_the_store(app, scratch_uri: str, tmp_path: Path) -> None:
    from ipnav.alias_table import read_alias_table, write_alias_table
    from ipnav.aliases import AliasRow
    from ipnav.store import open_store

    home = Path(scratch_uri[len("sqlite:///") :]).parent
    rows = read_alias_table(home / "aliases.csv")
    with open_store(scratch_uri) as store:
        orgs = store.organizations(limit=3)
    # a reviewer merges the third-largest organisation into the largest by hand
    rows.append(AliasRow(orgs[2]["key"], orgs[0]["key"], 100.0, orgs[2]["patents"], "yes", "manual"))
    write_alias_table(rows, home / "aliases.csv")
    at = app("data", "en", store=scratch_uri)
    at.button(key="aliases_apply").click().run()
    assert not at.exception
    assert any(tr("data.aliases.applied", "en", n=0, before=0, after=0).split(" ")[0] in s.value for s in at.success)
    with open_store(scratch_uri) as store:
        assert store.aliases()[orgs[2]["key"]] == orgs[0]["key"]
        top = store.organizations(limit=1)[0]
    assert top["key"] == orgs[0]["key"]
    assert top["patents"] > orgs[0]["patents"]


def test_ingest_progress_callback_counts_rows_per_file(tmp_path: Path) -> None:
    from ipnav.ingestion import PROGRESS_EVERY, ingest_paths
    from ipnav.store.sqlite import SqliteStore
    from tests.app.workspace import lens_subset

    lens = lens_subset(tmp_path / "lens.csv.gz")
    sources = [*sorted((DEMO_DATA / "uspto").glob("*.gz"))[:2], lens]
    calls: list[tuple[int, int, str, int]] = []
    with SqliteStore(tmp_path / "ipnav.db") as store:
        summary = ingest_paths(sources, store, progress=lambda *call: calls.append(call)).as_dict()
    starts = [c for c in calls if c[3] == 0]
    assert [(c[0], c[1], c[2]) for c in starts] == [(i, 3, p.name) for i, p in enumerate(sources)]
    last = {c[0]: c[3] for c in calls}
    assert sum(last.values()) == summary["read"]
    lens_rows = last[2]
    assert lens_rows > 2 * PROGRESS_EVERY
    middle = [c[3] for c in calls if c[0] == 2 and 0 < c[3] < lens_rows]
    assert middle == list(range(PROGRESS_EVERY, lens_rows, PROGRESS_EVERY))
