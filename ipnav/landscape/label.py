"""Label: c-TF-IDF terms per topic, refined by MMR, plus the topic's top IPC subclasses.

c-TF-IDF (as in BERTopic): the documents of a topic are one class; a term's weight in class
``c`` is ``tf(t, c) * log(1 + A / f(t))``, where ``tf`` is the term's share of the class's terms,
``A`` the mean number of terms per class and ``f(t)`` the term's count over all classes. For a
merge tree, the classes are the fine topics (``n_classes``); a merged node is weighted with the
same ``A`` and ``f(t)`` (its ``tf`` is that of its patents), as BERTopic's hierarchical topics do.
Everything is sparse matrix algebra (patents x terms, groups x patents), so labelling 800 tree
nodes costs about as much as labelling 80.

The top ``n_candidates`` terms are then re-ranked by maximal marginal relevance (MMR) against the
topic's mean embedding, so the label is on-topic and not three variants of one word. A candidate
term's vector is, by default, the mean embedding of the patents that use it (``term_vectors=
"context"``: no model call, and it works for any language the document embeddings cover); with
``term_vectors="embedder"`` the term itself is embedded (one model call for all candidates). English
and Chinese are tokenised separately (:mod:`ipnav.landscape.terms`); a topic with enough documents
in both languages gets a bilingual label.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer

from ipnav.embed.base import Embedder
from ipnav.exceptions import AnalysisError
from ipnav.landscape.counts import group_matrix, incidence, top_per_row
from ipnav.landscape.terms import tokenize

__all__ = ["CorpusTerms", "corpus_terms", "ctfidf", "label_topics", "mmr"]


def _term_counts(tokens: Sequence[Sequence[str]], min_df: int) -> tuple[sparse.csr_matrix, list[str]]:
    vec = CountVectorizer(analyzer=lambda doc: doc, min_df=min(min_df, max(1, len(tokens))))
    try:
        counts = vec.fit_transform(tokens)
    except ValueError:  # empty vocabulary
        return sparse.csr_matrix((len(tokens), 0), dtype=np.int64), []
    return counts.tocsr(), list(vec.get_feature_names_out())


@dataclass(frozen=True)
class CorpusTerms:
    """What labelling needs from a corpus whatever the groups: term counts per language
    (patents x terms, and the vocabulary), which patents have text in each language, and the
    IPC/CPC subclass incidence. Computed once by :func:`corpus_terms`."""

    counts: dict[str, tuple[sparse.csr_matrix, list[str]]]
    has_text: dict[str, np.ndarray]
    codes: tuple[sparse.csr_matrix, list[str]]


def corpus_terms(corpus: pd.DataFrame, *, min_df: int = 2) -> CorpusTerms:
    """Tokenise the corpus (English and Chinese) and count terms and subclasses, once.

    Example:
        >>> frame = pd.DataFrame({"text_en": ["robot arm", "robot hand"], "text_zh": ["", ""],
        ...                       "subclasses": [["B25J"], ["B25J"]]})
        >>> t = corpus_terms(frame)
        >>> t.counts["en"][1], t.counts["zh"][1], t.codes[1]
        (['robot'], [], ['B25J'])
    """
    counts, has_text = {}, {}
    for lang in ("en", "zh"):
        texts = corpus[f"text_{lang}"].tolist()
        counts[lang] = _term_counts([tokenize(t, lang) if t else [] for t in texts], min_df)
        has_text[lang] = np.array([bool(t) for t in texts], dtype=np.float64)
    return CorpusTerms(counts, has_text, incidence(corpus["subclasses"].tolist()))


def _weights(tf: sparse.csr_matrix, n_classes: int) -> sparse.csr_matrix:
    """c-TF-IDF of every row of ``tf`` (groups x terms), with A and f(t) from its first rows."""
    tf = tf.astype(np.float64)
    totals = np.asarray(tf.sum(axis=1)).ravel()
    avg = max(float(totals[:n_classes].mean()), 1.0) if n_classes else 1.0
    freq = np.maximum(np.asarray(tf[:n_classes].sum(axis=0)).ravel(), 1.0)
    idf = np.log(1.0 + avg / freq)
    scale = sparse.diags(1.0 / np.where(totals == 0, 1.0, totals))
    return sparse.csr_matrix(scale @ tf @ sparse.diags(idf))


def ctfidf(
    tokens: Sequence[Sequence[str]],
    groups: Sequence[Sequence[int]],
    *,
    min_df: int = 2,
    n_classes: int | None = None,
) -> tuple[np.ndarray, list[str]]:
    """c-TF-IDF weights of each group of documents.

    Args:
        tokens: Terms of each document.
        groups: Document row indices of each class (topic).
        min_df: Ignore terms found in fewer documents.
        n_classes: The first ``n_classes`` groups are the classes that ``A`` and ``f(t)`` come
            from (the fine topics); later groups (merged tree nodes) are weighted with them.
            None: every group is a class.

    Returns:
        ``(weights, vocabulary)``: weights has one row per group.

    Example:
        >>> docs = [["robot", "arm"], ["robot", "gripper"], ["alloy"], ["alloy", "steel"]]
        >>> w, vocab = ctfidf(docs,
        ...                   [[0, 1], [2, 3]], min_df=1)
        >>> vocab[int(w[0].argmax())], vocab[int(w[1].argmax())]
        ('robot', 'alloy')
    """
    counts, vocab = _term_counts(tokens, min_df)
    if not vocab:
        return np.zeros((len(groups), 0)), []
    tf = group_matrix(groups, len(tokens)) @ counts
    return _weights(tf, len(groups) if n_classes is None else n_classes).toarray(), vocab


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


def _phrase_for(word: str, terms: Sequence[str], counts: Mapping[str, float], share: float) -> str | None:
    """The phrase of ``terms`` that holds most uses of ``word`` in the topic, when it holds at
    least ``share`` of them; a phrase whose other word is a verb or adverb form placed before the
    word ("reducing false", "actively collecting") does not count: it is the middle of a longer
    phrase, not a name."""
    best, best_count = None, 0.0
    for phrase in terms:
        words = phrase.split()
        if len(words) != 2 or word not in words:
            continue
        if words[1] == word and words[0].endswith(("ing", "ly", "ed")):
            continue
        if counts.get(phrase, 0.0) > best_count:
            best, best_count = phrase, counts.get(phrase, 0.0)
    word_count = counts.get(word, 0.0)
    return best if best is not None and word_count > 0 and best_count >= share * word_count else None


def _prune(
    terms: list[str], n: int, counts: Mapping[str, float] | None = None, *, share: float = 0.8
) -> list[str]:
    """Keep ``n`` terms, skipping one that shares a word stem with a term already kept.

    With ``counts`` (the topic's term counts) a single word that occurs in the topic mostly
    (``share``) inside one phrase of ``terms`` is shown as that phrase ("end" in "end effector"),
    unless the phrase clashes with a term already kept; then the word itself is tried.

    Example:
        >>> _prune(["legged robot", "multi-legged robot", "gait", "robotic arm", "terrain"], 3)
        ['legged robot', 'gait', 'terrain']
        >>> counts = {"actuator": 9, "end": 5, "soft": 4, "end effector": 5}
        >>> _prune(["actuator", "end", "soft", "end effector"], 3, counts)
        ['actuator', 'end effector', 'soft']
    """
    out: list[str] = []
    for term in terms:
        phrase = _phrase_for(term, terms, counts, share) if counts is not None and " " not in term else None
        for option in (phrase, term):
            if option is None or option in out or any(_stems(option) & _stems(p) for p in out):
                continue
            out.append(option)
            break
        if len(out) == n:
            break
    return out


def label_topics(
    corpus: pd.DataFrame,
    groups: Sequence[Sequence[int]],
    *,
    embedder: Embedder | None = None,
    doc_vectors: np.ndarray | None = None,
    term_vectors: str = "context",
    n_classes: int | None = None,
    n_terms: int = 10,
    n_label_terms: int = 3,
    n_candidates: int = 10,
    diversity: float = 0.3,
    mmr_langs: Sequence[str] = ("en",),
    min_lang_share: float = 0.2,
    n_codes: int = 2,
    terms: CorpusTerms | None = None,
) -> list[dict[str, Any]]:
    """Labels of topics given as groups of corpus rows.

    Args:
        corpus: Frame from :func:`ipnav.landscape.corpus.build_corpus` (``text_en``, ``text_zh``,
            ``subclasses``).
        groups: Corpus rows of each topic (leaves and merged nodes alike).
        embedder: Embeds candidate terms when ``term_vectors="embedder"``.
        doc_vectors: Document embeddings, for the topic's mean vector (and the context term
            vectors); None keeps the c-TF-IDF order (no MMR).
        term_vectors: ``context`` (a term's vector = mean embedding of the patents that use it) or
            ``embedder`` (embed the term itself). Measured on the Lens set: docs/landscape.md.
        n_classes: The first ``n_classes`` groups are the fine topics that c-TF-IDF's ``A`` and
            ``f(t)`` come from (None: all groups), see :func:`ctfidf`.
        n_terms: Terms kept per topic and language (``terms_en`` / ``terms_zh``).
        n_label_terms: Terms in the label.
        n_candidates: c-TF-IDF candidates re-ranked by MMR.
        diversity: MMR diversity (0 = pure relevance).
        mmr_langs: Languages whose candidates are re-ranked.
        min_lang_share: A language enters the label when at least this share of the topic's
            documents has text in it.
        n_codes: IPC/CPC subclasses shown in the label.
        terms: :func:`corpus_terms` of ``corpus``, when already computed.

    Returns:
        One dict per group: ``terms_en``, ``terms_zh``, ``label_en``, ``label_zh``, ``codes``
        (``[(subclass, count)]``) and ``label`` (terms of each present language, then codes).

    Raises:
        AnalysisError: ``term_vectors`` is unknown, or ``embedder`` is missing for it.

    Example:
        >>> from ipnav.landscape.corpus import build_corpus
        >>> from ipnav.records import PatentRecord
        >>> titles = ["robot gripper finger", "robot gripper jaw", "lithium battery anode", "lithium battery cell"]
        >>> corpus = build_corpus([PatentRecord(id=f"US{i}", title={"en": t}) for i, t in enumerate(titles)])
        >>> [lab["label"] for lab in label_topics(corpus, [[0, 1], [2, 3]])]
        ['robot gripper', 'lithium battery']
    """
    if term_vectors not in ("context", "embedder"):
        raise AnalysisError(
            f"The 'term_vectors' parameter must be 'context' or 'embedder'. Got {term_vectors!r} instead."
        )
    if term_vectors == "embedder" and doc_vectors is not None and embedder is None:
        raise AnalysisError("term_vectors='embedder' needs an embedder")
    members = group_matrix(groups, len(corpus))
    sizes = np.asarray(members.sum(axis=1), dtype=np.float64).ravel()
    n_cls = len(groups) if n_classes is None else n_classes
    vectors = None if doc_vectors is None else np.asarray(doc_vectors, dtype=np.float64)
    centres = None if vectors is None else _unit(np.asarray(members @ vectors))
    out: list[dict[str, Any]] = [{"terms_en": [], "terms_zh": [], "label_en": "", "label_zh": ""} for _ in groups]
    terms = terms if terms is not None else corpus_terms(corpus)
    for lang in ("en", "zh"):
        counts, vocab = terms.counts[lang]
        if not vocab:
            continue
        tf = (members @ counts).tocsr()
        cands = _candidates(_weights(tf, n_cls), n_candidates)
        if lang in mmr_langs and centres is not None:
            cands = _rerank(cands, centres, counts, vocab, vectors, embedder, term_vectors, n_terms, diversity)
        share = (members @ terms.has_text[lang]) / np.maximum(sizes, 1.0)
        for g, picked in enumerate(cands):
            words = [vocab[i] for i in picked[:n_terms]]
            out[g][f"terms_{lang}"] = words
            if share[g] >= min_lang_share or lang == "en":
                row = {vocab[i]: tf[g, i] for i in picked[:n_terms]}
                out[g][f"label_{lang}"] = " / ".join(_prune(words, n_label_terms, row))
    codes, names = terms.codes
    for g, top in enumerate(top_per_row(members @ codes, names, n_codes)):
        out[g]["codes"] = top
        text = " · ".join(x for x in (out[g]["label_en"], out[g]["label_zh"]) if x) or "(no text)"
        out[g]["label"] = f"{text} [{', '.join(c for c, _ in top)}]" if top else text
    return out


def _unit(M: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(M, axis=1, keepdims=True)
    return M / np.where(norms == 0, 1.0, norms)


def _candidates(weights: sparse.csr_matrix, n: int) -> list[np.ndarray]:
    """Vocabulary indices of each row's ``n`` heaviest terms: weight descending, then vocabulary
    order."""
    out = []
    for g in range(weights.shape[0]):
        lo, hi = weights.indptr[g], weights.indptr[g + 1]
        data, cols = weights.data[lo:hi], weights.indices[lo:hi]
        keep = data > 0
        out.append(cols[keep][np.lexsort((cols[keep], -data[keep]))[:n]])
    return out


def _rerank(
    cands: list[np.ndarray],
    centres: np.ndarray,
    counts: sparse.csr_matrix,
    vocab: list[str],
    vectors: np.ndarray | None,
    embedder: Embedder | None,
    term_vectors: str,
    n_terms: int,
    diversity: float,
) -> list[np.ndarray]:
    """MMR re-ranking of each group's candidates against its centre (one vector per distinct
    candidate)."""
    unique = np.unique(np.concatenate(cands)) if cands else np.zeros(0, dtype=np.int64)
    if not len(unique):
        return cands
    if term_vectors == "context":
        used = (counts[:, unique] > 0).astype(np.float64)
        T = _unit(np.asarray(used.T @ vectors))
    else:
        assert embedder is not None
        T = _unit(np.asarray(embedder.encode([vocab[i] for i in unique]), dtype=np.float64))
    pos = {int(t): j for j, t in enumerate(unique)}
    picked = []
    for g, cand in enumerate(cands):
        if not len(cand) or not centres[g].any():
            picked.append(cand)
            continue
        order = mmr(centres[g], T[[pos[int(t)] for t in cand]], k=n_terms, diversity=diversity)
        picked.append(cand[order])
    return picked
