"""Label: c-TF-IDF terms per topic, refined by MMR, plus the topic's top IPC subclasses.

c-TF-IDF (as in BERTopic): the documents of a topic are one class; a term's weight in class
``c`` is ``tf(t, c) * log(1 + A / f(t))``, where ``tf`` is the term's share of the class's terms,
``A`` the mean number of terms per class and ``f(t)`` the term's count over all classes. The top
``n_candidates`` terms are then re-ranked by maximal marginal relevance (MMR) against the topic's
mean embedding, so the label is on-topic and not three variants of one word. English and Chinese
are tokenised separately (:mod:`ipnav.landscape.terms`); a topic with enough documents in both
languages gets a bilingual label.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import CountVectorizer

from ipnav.embed.base import Embedder
from ipnav.landscape.terms import tokenize, top_items

__all__ = ["ctfidf", "label_topics", "mmr"]


def ctfidf(
    tokens: Sequence[Sequence[str]], groups: Sequence[Sequence[int]], *, min_df: int = 2
) -> tuple[np.ndarray, list[str]]:
    """c-TF-IDF weights of each group of documents.

    Args:
        tokens: Terms of each document.
        groups: Document row indices of each class (topic).
        min_df: Ignore terms found in fewer documents.

    Returns:
        ``(weights, vocabulary)``: weights has one row per group.

    Example:
        >>> docs = [["robot", "arm"], ["robot", "gripper"], ["alloy"], ["alloy", "steel"]]
        >>> w, vocab = ctfidf(docs,
        ...                   [[0, 1], [2, 3]], min_df=1)
        >>> vocab[int(w[0].argmax())], vocab[int(w[1].argmax())]
        ('robot', 'alloy')
    """
    vec = CountVectorizer(analyzer=lambda doc: doc, min_df=min(min_df, max(1, len(tokens))))
    try:
        counts = vec.fit_transform(tokens)
    except ValueError:  # empty vocabulary
        return np.zeros((len(groups), 0)), []
    rows = [np.asarray(counts[list(g)].sum(axis=0)).ravel() if len(g) else np.zeros(counts.shape[1]) for g in groups]
    tf = np.vstack(rows).astype(np.float64)
    totals = tf.sum(axis=1, keepdims=True)
    avg = max(float(totals.mean()), 1.0)
    freq = np.maximum(tf.sum(axis=0), 1.0)
    idf = np.log(1.0 + avg / freq)
    weights = tf / np.where(totals == 0, 1, totals) * idf
    return weights, list(vec.get_feature_names_out())


def mmr(topic_vec: np.ndarray, cand_vecs: np.ndarray, *, k: int, diversity: float = 0.3) -> list[int]:
    """Maximal marginal relevance: pick ``k`` candidates similar to the topic, unlike each other.

    Score of a candidate = ``(1 - diversity) * sim(candidate, topic) - diversity * max
    sim(candidate,
    already picked)``. Vectors are unit rows.

    Example:
        >>> t = np.array([1.0, 0.0]); c = np.array([[1.0, 0.0], [0.99, 0.14], [0.6, 0.8]])
        >>> mmr(t, c / np.linalg.norm(c, axis=1, keepdims=True), k=2, diversity=0.7)
        [0, 2]
    """
    if len(cand_vecs) == 0:
        return []
    rel = cand_vecs @ topic_vec
    sim = cand_vecs @ cand_vecs.T
    picked = [int(np.argmax(rel))]
    while len(picked) < min(k, len(cand_vecs)):
        rest = [i for i in range(len(cand_vecs)) if i not in picked]
        scores = [(1 - diversity) * rel[i] - diversity * sim[i, picked].max() for i in rest]
        picked.append(rest[int(np.argmax(scores))])
    return picked


def _stems(term: str) -> set[str]:
    return {w[:5] for w in term.split()}


def _prune(terms: list[str], n: int) -> list[str]:
    """Keep ``n`` terms, skipping one that shares a word stem with a term already kept.

    Example:
        >>> _prune(["legged robot", "multi-legged robot", "gait", "robotic arm", "terrain"], 3)
        ['legged robot', 'gait', 'terrain']
    """
    out: list[str] = []
    for term in terms:
        if any(_stems(term) & _stems(p) for p in out):
            continue
        out.append(term)
        if len(out) == n:
            break
    return out


def label_topics(
    corpus: pd.DataFrame,
    groups: Sequence[Sequence[int]],
    *,
    embedder: Embedder | None = None,
    doc_vectors: np.ndarray | None = None,
    n_terms: int = 10,
    n_label_terms: int = 3,
    n_candidates: int = 10,
    diversity: float = 0.3,
    mmr_langs: Sequence[str] = ("en",),
    min_lang_share: float = 0.2,
    n_codes: int = 2,
) -> list[dict[str, Any]]:
    """Labels of topics given as groups of corpus rows.

    Args:
        corpus: Frame from :func:`ipnav.landscape.corpus.build_corpus` (``text_en``, ``text_zh``,
            ``subclasses``).
        groups: Corpus rows of each topic (leaves and merged nodes alike).
        embedder: Embeds candidate terms for MMR; None keeps the c-TF-IDF order.
        doc_vectors: Document embeddings (same embedder), for the topic's mean vector.
        n_terms: Terms kept per topic and language (``terms_en`` / ``terms_zh``).
        n_label_terms: Terms in the label.
        n_candidates: c-TF-IDF candidates re-ranked by MMR.
        diversity: MMR diversity (0 = pure relevance).
        mmr_langs: Languages whose candidates are re-ranked (the packaged models are English).
        min_lang_share: A language enters the label when at least this share of the topic's
            documents has text in it.
        n_codes: IPC/CPC subclasses shown in the label.

    Returns:
        One dict per group: ``terms_en``, ``terms_zh``, ``label_en``, ``label_zh``, ``codes``
        (``[(subclass, count)]``) and ``label`` (terms of each present language, then codes).
    """
    out: list[dict[str, Any]] = [{"terms_en": [], "terms_zh": [], "label_en": "", "label_zh": ""} for _ in groups]
    for lang in ("en", "zh"):
        texts = corpus[f"text_{lang}"].tolist()
        has = np.array([bool(t) for t in texts])
        tokens = [tokenize(t, lang) if t else [] for t in texts]
        weights, vocab = ctfidf(tokens, groups)
        if not vocab:
            continue
        picks = _pick_terms(
            weights,
            vocab,
            groups,
            embedder if lang in mmr_langs else None,
            doc_vectors,
            n_terms=n_terms,
            n_candidates=n_candidates,
            diversity=diversity,
        )
        for g, (group, terms) in enumerate(zip(groups, picks, strict=True)):
            share = has[list(group)].mean() if len(group) else 0.0
            out[g][f"terms_{lang}"] = terms
            if share >= min_lang_share or lang == "en":
                out[g][f"label_{lang}"] = " / ".join(_prune(terms, n_label_terms))
    subclasses = corpus["subclasses"].tolist()
    for g, group in enumerate(groups):
        codes = top_items((s for i in group for s in subclasses[i]), n_codes)
        out[g]["codes"] = codes
        words = " · ".join(x for x in (out[g]["label_en"], out[g]["label_zh"]) if x) or "(no text)"
        out[g]["label"] = f"{words} [{', '.join(c for c, _ in codes)}]" if codes else words
    return out


def _pick_terms(
    weights: np.ndarray,
    vocab: list[str],
    groups: Sequence[Sequence[int]],
    embedder: Embedder | None,
    doc_vectors: np.ndarray | None,
    *,
    n_terms: int,
    n_candidates: int,
    diversity: float,
) -> list[list[str]]:
    cands = []
    for row in weights:
        order = np.lexsort((np.arange(len(row)), -row))  # weight desc, then vocabulary order
        cands.append([vocab[i] for i in order[:n_candidates] if row[i] > 0])
    if embedder is None or doc_vectors is None:
        return [c[:n_terms] for c in cands]
    unique = sorted({t for c in cands for t in c})
    if not unique:
        return [[] for _ in cands]
    vecs = dict(zip(unique, embedder.encode(unique), strict=True))
    picked = []
    for group, cand in zip(groups, cands, strict=True):
        if not cand or not len(group):
            picked.append(cand[:n_terms])
            continue
        centre = np.asarray(doc_vectors[list(group)].mean(axis=0), dtype=np.float64)
        centre /= np.linalg.norm(centre) or 1.0
        picks = mmr(
            centre,
            np.vstack([vecs[t] for t in cand]).astype(np.float64),
            k=n_terms,
            diversity=diversity,
        )
        picked.append([cand[i] for i in picks])
    return picked
