"""Maps: offline HTML, overlays, year frames, matplotlib PNG with CJK labels."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ipnav.embed.base import FakeEmbedder
from ipnav.landscape.corpus import build_corpus
from ipnav.landscape.figures import (
    landscape_figure,
    map_frame,
    short_label,
    write_html,
    write_png,
)
from ipnav.landscape.model import Landscape
from ipnav.landscape.timeline import timeline_figure


def fitted(records):
    corpus = build_corpus(records)
    emb = FakeEmbedder(32)
    model = Landscape(min_topic_size=5).fit(corpus, emb.encode(corpus["text"].tolist()), embedder=emb)
    return corpus, model


def test_map_layers_overlays_and_labels(records):
    corpus, model = fitted(records)
    scores = pd.Series({"US00001": 0.5, "US10001": 0.9})
    frame = map_frame(corpus, model.assignments(), scores=scores)
    assert frame.loc[frame["id"] == "US00001", "applicant"].item() == "GRIPPER CORP"
    fig = landscape_figure(frame, model.nodes_, compare=["GRIPPER CORP", "ALLOY CORP"])
    names = [t.name for t in fig.data]
    assert names[:2] == ["terrain", "patents"]
    assert "GRIPPER CORP (20)" in names and "ALLOY CORP (20)" in names
    assert "US (39)" in names and "CN (21)" in names and "value score" in names  # i % 3 == 0 -> CN
    labels = [a.text for a in fig.layout.annotations]
    assert len(labels) == 4  # one per topic (none dropped on an empty map) + the caption
    assert labels[-1].startswith("Height = density of 60 patents")
    assert [b.label.split()[0] for b in fig.layout.updatemenus[0].buttons] == [
        "Topics",
        "Applicants",
        "Offices",
        "Value",
    ]
    hover = fig.data[1].text[0]
    assert "GRIPPER CORP" in hover and "2010" in hover


def test_timeline_has_one_frame_per_period(records):
    corpus, model = fitted(records)  # filing years 2010..2019
    fig = timeline_figure(map_frame(corpus, model.assignments()), model.nodes_, period=5)
    assert [f.name for f in fig.frames] == ["2010-2014", "2015-2019"]
    assert len(fig.layout.sliders[0].steps) == 2


def test_html_is_offline_and_png_falls_back_to_matplotlib(records, tmp_path):
    corpus, model = fitted(records)
    frame = map_frame(corpus, model.assignments())
    fig = landscape_figure(frame, model.nodes_)
    html = write_html(fig, tmp_path / "m.html").read_text(encoding="utf-8")
    assert '<script src="http' not in html and len(html) > 3_000_000  # plotly.js inlined
    engine = write_png(fig, tmp_path / "m.png", frame=frame, nodes=model.nodes_, engine="matplotlib")
    assert engine == "matplotlib"
    from PIL import Image

    img = Image.open(tmp_path / "m.png")
    assert img.size == (1400, 950)
    colours = np.asarray(img.convert("RGB")).reshape(-1, 3)
    assert len(np.unique(colours[::97], axis=0)) > 20  # terrain, points and labels drawn


def test_short_label_is_bilingual_when_the_node_has_chinese():
    node = {"id": 3, "label_en": "robot arm / gripper / joint", "label_zh": "机器人 / 减速器"}
    assert short_label(node) == "robot arm\ngripper\n机器人 减速器"
    assert short_label({"id": 4}) == "topic 4"
