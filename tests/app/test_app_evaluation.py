"""The Evaluation page on the fixture workspace's precomputed evaluations."""

from __future__ import annotations

import math

import pytest

from ipnav.i18n import tr
from ipnav.ui import evaluation as view
from tests.app.helpers import table_with


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _hand_score(artifact: dict, weights: dict[str, float]) -> float:
    """sum(w p) / sum(w) over the weighted indicators the evaluated organisation has a percentile for."""
    pct = artifact["percentiles"]
    row = pct["data"][pct["index"].index(artifact["applicant"])]
    values = dict(zip(pct["columns"], row, strict=True))
    used = {k: w for k, w in weights.items() if w > 0 and values.get(k) is not None and not math.isnan(values[k])}
    return sum(w * values[k] for k, w in used.items()) / sum(used.values())


def test_default_organisation_is_the_demo_focus_and_metrics_match_the_artifact(app, workspace_store) -> None:
    at = app("evaluation", "en")
    assert at.title[0].value == tr("evaluation.header", "en")
    defaults = workspace_store.get_artifact("demo.defaults")
    assert at.selectbox(key="eval_org").value == defaults["applicant"] == "UBTECH ROBOTICS"
    artifact = view.load_evaluation(workspace_store, "investment", "UBTECH ROBOTICS")
    ev = artifact["evaluation"]
    metrics = _metrics(at)
    assert metrics["Score"] == f"{ev['score']:.1f}"
    assert metrics["Peer rank"] == f"{ev['rank']} of {ev['group_size']}"
    assert metrics["Patents"] == f"{ev['portfolio_size']:,}"
    assert ev["score"] == pytest.approx(_hand_score(artifact, ev["parameters"]["weights"]), abs=1e-4)


def test_choosing_another_organisation_changes_the_scorecard(app, workspace_store) -> None:
    at = app("evaluation", "en")
    first = table_with(at, "Indicator", "Peer percentile").iloc[0].tolist()
    others = [o for o in at.selectbox(key="eval_org").options if "UBTECH" not in o]
    at.selectbox(key="eval_org").select_index(at.selectbox(key="eval_org").options.index(others[0])).run()
    assert not at.exception
    applicant = at.selectbox(key="eval_org").value
    assert applicant != "UBTECH ROBOTICS"
    artifact = view.load_evaluation(workspace_store, "investment", applicant)
    assert _metrics(at)["Score"] == f"{artifact['evaluation']['score']:.1f}"
    assert table_with(at, "Indicator", "Peer percentile").iloc[0].tolist() != first


def test_moving_a_weight_rescores_live(app, workspace_store) -> None:
    at = app("evaluation", "en")
    artifact = view.load_evaluation(workspace_store, "investment", "UBTECH ROBOTICS")
    weights = dict(artifact["evaluation"]["parameters"]["weights"])
    pct = dict(
        zip(
            artifact["percentiles"]["columns"],
            artifact["percentiles"]["data"][artifact["percentiles"]["index"].index("UBTECH ROBOTICS")],
            strict=True,
        )
    )
    # put all weight on the indicator where UBTECH stands best: the score becomes that percentile
    best = max((k for k in weights if pct.get(k) is not None), key=lambda k: pct[k])
    for key in weights:
        at.slider(key=f"w_investment_{key}").set_value(0.5 if key == best else 0.0)
    at.run()
    assert not at.exception
    assert _metrics(at)["Score"] == f"{pct[best]:.1f}"
    assert at.markdown and any(tr("evaluation.changed", "en") in m.value for m in at.markdown)


def test_reset_restores_the_scenario_weights(app, workspace_store) -> None:
    at = app("evaluation", "en")
    before = _metrics(at)["Score"]
    key = next(s.key for s in at.slider if s.key.startswith("w_investment_"))
    at.slider(key=key).set_value(0.0).run()
    at.button(key="reset_investment").click().run()
    assert _metrics(at)["Score"] == before


def test_switching_scenario_and_language(app, workspace_store) -> None:
    at = app("evaluation", "zh")
    at.radio(key="eval_scenario").set_value("talent").run()
    artifact = view.load_evaluation(workspace_store, "talent", "UBTECH ROBOTICS")
    assert any(artifact["scenario_name"]["zh"] in h.value for h in at.subheader)
    assert _metrics(at)[tr("evaluation.score", "zh")] == f"{artifact['evaluation']['score']:.1f}"
    at.sidebar.radio[0].set_value("English").run()
    assert at.title[0].value == "Third-party evaluation"
    assert any(artifact["scenario_name"]["en"] in h.value for h in at.subheader)


def test_rescore_matches_the_hand_formula_for_any_weights(workspace_store) -> None:
    artifact = view.load_evaluation(workspace_store, "talent", "UBTECH ROBOTICS")
    weights = {k: (i % 3) * 0.1 for i, k in enumerate(artifact["evaluation"]["parameters"]["weights"])}
    assert view.rescore(artifact, weights)["score"] == pytest.approx(_hand_score(artifact, weights))


def test_html_report_carries_the_weights_given(workspace_store) -> None:
    artifact = view.load_evaluation(workspace_store, "investment", "UBTECH ROBOTICS")
    weights = dict(artifact["evaluation"]["parameters"]["weights"])
    html = view.report_bytes(workspace_store, artifact, weights=weights, lang="en", fmt="html").decode("utf-8")
    assert "UBTECH ROBOTICS" in html and artifact["appendix"]["content_hash"][:16] in html
    changed = {**weights, next(iter(weights)): 0.0}
    other = view.report_bytes(workspace_store, artifact, weights=changed, lang="en", fmt="html").decode("utf-8")
    assert artifact["appendix"]["content_hash"][:16] not in other


@pytest.mark.slow
def test_pdf_report_is_a_pdf_with_chinese_font(workspace_store) -> None:
    artifact = view.load_evaluation(workspace_store, "investment", "UBTECH ROBOTICS")
    pdf = view.report_bytes(workspace_store, artifact, lang="zh", fmt="pdf")
    assert pdf.startswith(b"%PDF") and b"NotoSansCJK" in pdf
