"""Terms and labels: stop words, jieba, c-TF-IDF, MMR, bilingual labels from known texts."""

from __future__ import annotations

import numpy as np
import pytest

from ipnav.embed.base import FakeEmbedder
from ipnav.landscape.corpus import build_corpus
from ipnav.landscape.label import ctfidf, label_topics, mmr
from ipnav.landscape.terms import tokenize_en, tokenize_zh

EMB = FakeEmbedder(32)


def test_english_tokens_drop_patent_boilerplate_and_fold_plurals():
    tokens = tokenize_en("Method, system and non-transitory computer-readable medium for controlling robots")
    assert tokens == ["robot"]
    assert tokenize_en("Batteries and electrode assemblies") == ["battery", "electrode"]


def test_technical_compounds_with_a_stop_word_stay_one_term():
    assert tokenize_en("Internet of Things gateway") == [
        "internet-of-things",
        "gateway",
        "internet-of-things gateway",
    ]
    tokens = tokenize_en("Robot arm with degrees of freedom")
    assert "degree-of-freedom" in tokens and "freedom" not in tokens
    # "of" elsewhere is still a stop word
    assert tokenize_en("Control of things") == ["control", "thing"]


def test_label_shows_a_word_as_its_phrase_only_when_the_phrase_names_it():
    from ipnav.landscape.label import _prune

    counts = {"end": 10, "end effector": 9, "false": 6, "reducing false": 6, "gripper": 8, "robot gripper": 3}
    terms = ["end", "false", "gripper", "end effector", "reducing false", "robot gripper"]
    # "end" is nearly always "end effector"; "reducing false" is the middle of "reducing false
    # positives", not a name; "gripper" is mostly on its own (3 of 8 < 0.8)
    assert _prune(terms, 3, counts) == ["end effector", "false", "gripper"]
    # without counts the words stay as they are
    assert _prune(terms, 3) == ["end", "false", "gripper"]


def test_plural_fold_keeps_series():
    tokens = tokenize_en("Series elastic actuators")
    assert tokens == ["series", "elastic", "series elastic", "actuator", "elastic actuator"]


def test_chinese_tokens_use_jieba_and_drop_boilerplate():
    tokens = tokenize_zh("一种工业机器人的控制方法及其装置，所述机器人包括减速器")
    assert "机器人" in tokens and "减速器" in tokens and "工业" in tokens
    assert not {"一种", "所述", "方法", "装置", "包括", "及其"} & set(tokens)


def test_ctfidf_by_hand():
    weights, vocab = ctfidf([["a", "b"], ["a", "c"], ["c"]], [[0, 1], [2]], min_df=1)
    # class 0 terms a:2 b:1 c:1 (4 terms); class 1 c:1. A = mean terms per class = 2.5
    # w(a, 0) = 2/4 * log(1 + 2.5/2); w(c, 1) = 1/1 * log(1 + 2.5/2)
    a, c = vocab.index("a"), vocab.index("c")
    assert np.isclose(weights[0, a], 0.5 * np.log(1 + 2.5 / 2))
    assert np.isclose(weights[1, c], np.log(1 + 2.5 / 2))


def test_mmr_trades_relevance_for_diversity():
    topic = np.array([1.0, 0.0])
    cands = np.array([[1.0, 0.0], [0.995, 0.0998], [0.8, 0.6]])
    assert mmr(topic, cands, k=2, diversity=0.0) == [0, 1]
    assert mmr(topic, cands, k=2, diversity=0.7) == [0, 2]


def test_labels_from_known_english_texts(records):
    corpus = build_corpus(records)
    groups = [list(range(k * 20, (k + 1) * 20)) for k in range(3)]
    emb = FakeEmbedder(32)
    labels = label_topics(corpus, groups, embedder=emb, doc_vectors=emb.encode(corpus["text"].tolist()))
    words = [set(" ".join(lab["terms_en"][:4]).split()) for lab in labels]
    assert {"gripper", "grasping"} & words[0] and "robot" in " ".join(labels[0]["terms_en"])
    assert {"alloy", "casting", "aluminium"} & words[1]
    assert {"battery", "lithium", "electrode"} & words[2]
    assert labels[0]["codes"] == [("B25J", 20)]
    assert labels[0]["label"].endswith("[B25J]")
    assert "variant" not in labels[0]["terms_en"][:5]  # the word is in every topic: c-TF-IDF pushes it down


def test_labels_from_known_chinese_texts(records_factory):
    from landscape_fixtures import ZH_VOCAB

    corpus = build_corpus(records_factory(15, vocab=ZH_VOCAB, lang="zh"))
    labels = label_topics(corpus, [list(range(15)), list(range(15, 30))])
    assert {"减速器", "谐波", "齿轮", "机器人", "工业", "精密"} & set(labels[0]["terms_zh"][:3])
    assert {"混凝土", "粉煤灰", "水泥", "砂浆", "再生"} & set(labels[1]["terms_zh"][:3])
    assert labels[0]["label_en"] == "" and labels[0]["label"].startswith(labels[0]["label_zh"])


def test_bilingual_topic_gets_both_labels(records_factory):
    from ipnav.records import PatentRecord

    recs = [
        PatentRecord(id=f"CN{i}", title={"zh": f"机器人 夹爪 抓取 {i}", "en": f"robot gripper grasping {i}"})
        for i in range(10)
    ] + [PatentRecord(id=f"US{i}", title={"en": f"lithium battery electrode {i}"}) for i in range(10)]
    labels = label_topics(build_corpus(recs), [list(range(10)), list(range(10, 20))])
    assert labels[0]["label_en"] and labels[0]["label_zh"]
    assert " · " in labels[0]["label"]
    assert labels[1]["label_zh"] == ""  # no Chinese text in that topic


def test_ctfidf_of_merged_nodes_uses_the_fine_topics_idf():
    docs = [["a", "b"], ["a", "c"], ["c"]]
    weights, vocab = ctfidf(docs, [[0, 1], [2], [0, 1, 2]], min_df=1, n_classes=2)
    a, c = vocab.index("a"), vocab.index("c")
    # A and f(t) from the 2 classes only: A = (4 + 1) / 2 = 2.5, f(a) = 2, f(c) = 2
    # merged node: 5 terms, a twice -> 2/5 * log(1 + 2.5/2); c twice -> same
    assert np.isclose(weights[2, a], 0.4 * np.log(1 + 2.5 / 2))
    assert np.isclose(weights[2, c], 0.4 * np.log(1 + 2.5 / 2))
    # the classes themselves are unchanged by the extra row
    assert np.isclose(weights[0, a], 0.5 * np.log(1 + 2.5 / 2))
    # with every row a class, f(a) would count the merged node too: 2/5 * log(1 + (10/3)/4)
    all_rows, _ = ctfidf(docs, [[0, 1], [2], [0, 1, 2]], min_df=1)
    assert np.isclose(all_rows[2, a], 0.4 * np.log(1 + (10 / 3) / 4))


def test_context_term_vectors_make_mmr_skip_words_that_always_come_together():
    from ipnav.records import PatentRecord

    # "laser" and "welding" always appear together: identical context vectors, so MMR takes one
    # of them and then prefers a word with other patents behind it; c-TF-IDF alone ranks them 1-2.
    titles = [f"laser welding seam {i}" for i in range(4)] + [f"laser welding torch nozzle {i}" for i in range(4)]
    titles += [f"battery electrode {i}" for i in range(8)]
    corpus = build_corpus([PatentRecord(id=f"US{i}", title={"en": t}) for i, t in enumerate(titles)])
    X = EMB.encode(corpus["text"].tolist())
    groups = [list(range(8)), list(range(8, 16))]
    plain = label_topics(corpus, groups)
    ranked = label_topics(corpus, groups, doc_vectors=X, diversity=0.7)
    together = {"laser", "welding", "laser welding"}
    # c-TF-IDF: the three words of every patent tie first, then the words of half the patents
    assert set(plain[0]["terms_en"][:3]) == together
    # MMR: one of them (all three have the topic's own mean vector), then the others are
    # near-copies of it, so words with other patents behind them come next
    assert ranked[0]["terms_en"][0] in together
    assert ranked[0]["terms_en"][1:3] == ["seam", "nozzle"]
    # the label shows a word as its phrase when the topic uses it only inside that phrase
    assert plain[0]["label_en"] == "laser welding / torch nozzle / seam" != ranked[0]["label_en"]


def test_embedder_term_vectors_need_an_embedder():
    from ipnav.exceptions import AnalysisError
    from ipnav.records import PatentRecord

    corpus = build_corpus([PatentRecord(id=f"US{i}", title={"en": "robot arm"}) for i in range(3)])
    with pytest.raises(AnalysisError, match="needs an embedder"):
        label_topics(corpus, [[0, 1, 2]], doc_vectors=np.ones((3, 4)), term_vectors="embedder")
    with pytest.raises(AnalysisError, match="'term_vectors' parameter"):
        label_topics(corpus, [[0, 1, 2]], term_vectors="words")
