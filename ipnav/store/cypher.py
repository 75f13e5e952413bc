"""Every Cypher statement of the Neo4j backend, in one place.

Rules (``STYLE.md``): values always travel as ``$parameters``; labels, relationship types and
property keys are literal text written here, checked against the allow-lists of
:mod:`ipnav.store.base` by :func:`check_allow_lists` (run in the tests), never taken from user
input. The one place where a label or type is chosen at run time (:func:`neighbor_query`) picks a
finished statement from a dict keyed by allow-listed names.

Graph model: ``docs/graph-model.md``. Internal bookkeeping nodes that are not part of the model
(alias table, embedding cache, artifacts, topic-map assignments) carry labels from
:data:`INTERNAL_LABELS`.
"""

from __future__ import annotations

import re

from ipnav.store.base import EDGE_TYPES, NODE_LABELS

__all__ = ["CONSTRAINTS", "INDEXES", "INTERNAL_LABELS", "check_allow_lists", "neighbor_query"]

INTERNAL_LABELS = ("Alias", "Embedding", "Artifact", "TopicAssignment")

# --- schema ---------------------------------------------------------------------------------
CONSTRAINTS = (
    "CREATE CONSTRAINT patent_id IF NOT EXISTS FOR (n:Patent) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT organization_key IF NOT EXISTS FOR (n:Organization) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT inventor_key IF NOT EXISTS FOR (n:Inventor) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT code_symbol IF NOT EXISTS FOR (n:Code) REQUIRE n.symbol IS UNIQUE",
    "CREATE CONSTRAINT industry_code IF NOT EXISTS FOR (n:Industry) REQUIRE n.code IS UNIQUE",
    "CREATE CONSTRAINT family_id IF NOT EXISTS FOR (n:Family) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT topic_id IF NOT EXISTS FOR (n:Topic) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT region_key IF NOT EXISTS FOR (n:Region) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT alias_variant IF NOT EXISTS FOR (n:Alias) REQUIRE n.variant IS UNIQUE",
    "CREATE CONSTRAINT embedding_key IF NOT EXISTS FOR (n:Embedding) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT artifact_key IF NOT EXISTS FOR (n:Artifact) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT topic_assignment IF NOT EXISTS FOR (n:TopicAssignment) REQUIRE n.patent_id IS UNIQUE",
)
INDEXES = (
    "CREATE INDEX patent_year IF NOT EXISTS FOR (n:Patent) ON (n.year)",
    "CREATE INDEX patent_jurisdiction IF NOT EXISTS FOR (n:Patent) ON (n.jurisdiction)",
    "CREATE INDEX patent_family IF NOT EXISTS FOR (n:Patent) ON (n.family_id)",
)
AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)"

VECTOR_INDEX_NAME = "patent_embedding"
VECTOR_INDEX_DIM = (
    "SHOW VECTOR INDEXES YIELD name, options WHERE name = $name "
    "RETURN options.indexConfig['vector.dimensions'] AS dim"
)
# Full-precision vectors (quantisation off) so scores equal exact cosine similarity.
CREATE_VECTOR_INDEX = (
    "CREATE VECTOR INDEX patent_embedding IF NOT EXISTS FOR (p:Patent) ON (p.embedding) "
    "OPTIONS {indexConfig: {`vector.dimensions`: $dim, `vector.similarity_function`: 'cosine', "
    "`vector.quantization.enabled`: false}}"
)
DROP_VECTOR_INDEX = "DROP INDEX patent_embedding IF EXISTS"

# --- patent writes ----------------------------------------------------------------------------
FETCH_EXISTING = """
UNWIND $ids AS id
MATCH (p:Patent {id: id})
RETURN p.id AS id, p.doc AS doc, p.content_hash AS hash, p.is_stub AS stub
"""

# Removes the outgoing edges a patent's record implies (they are rewritten from the record) and
# returns the organisations and families that lost an edge, for clean-up.
DETACH_RECORD_EDGES = """
UNWIND $ids AS id
MATCH (p:Patent {id: id})-[r:ASSIGNED_TO|INVENTED_BY|CLASSIFIED_AS|IN_INDUSTRY|IN_FAMILY|CITES]->(x)
WITH r, x, type(r) AS t
DELETE r
RETURN DISTINCT t AS type, CASE t WHEN 'ASSIGNED_TO' THEN x.key WHEN 'IN_FAMILY' THEN x.id END AS key
"""

UPSERT_PATENTS = """
UNWIND $rows AS row
MERGE (p:Patent {id: row.id})
SET p += row.props, p.is_stub = false
"""

MERGE_STUBS = """
UNWIND $rows AS row
MERGE (p:Patent {id: row.id})
ON CREATE SET p.is_stub = true, p.id_scheme = row.id_scheme, p.jurisdiction = row.jurisdiction
"""

MERGE_CODES = """
UNWIND $rows AS row
MERGE (c:Code {symbol: row.symbol})
ON CREATE SET c.level = row.level, c.parent = row.parent
"""

LINK_CODE_PARENTS = """
UNWIND $rows AS row
MATCH (c:Code {symbol: row.symbol}), (parent:Code {symbol: row.parent})
MERGE (c)-[:SUBCLASS_OF]->(parent)
"""

MERGE_ORGANIZATIONS = "UNWIND $keys AS key MERGE (:Organization {key: key})"

CREATE_ASSIGNED = """
UNWIND $rows AS row
MATCH (p:Patent {id: row.patent_id}), (o:Organization {key: row.key})
CREATE (p)-[:ASSIGNED_TO {variant: row.variant, raw_name: row.raw_name, country: row.country,
                          kind: row.kind, position: row.position, region: row.region}]->(o)
"""

MERGE_REGIONS = """
UNWIND $rows AS row
MERGE (r:Region {key: row.key})
ON CREATE SET r.name = row.name, r.level = row.level, r.parent = row.parent
"""

MERGE_INVENTORS = """
UNWIND $rows AS row
MERGE (i:Inventor {key: row.key})
ON CREATE SET i.name = row.name, i.country = row.country
"""

CREATE_INVENTED = """
UNWIND $rows AS row
MATCH (p:Patent {id: row.patent_id}), (i:Inventor {key: row.key})
CREATE (p)-[:INVENTED_BY {position: row.position}]->(i)
"""

CREATE_CLASSIFIED = """
UNWIND $rows AS row
MATCH (p:Patent {id: row.patent_id}), (c:Code {symbol: row.symbol})
CREATE (p)-[:CLASSIFIED_AS {scheme: row.scheme, position: row.position}]->(c)
"""

CREATE_IN_INDUSTRY = """
UNWIND $rows AS row
MATCH (p:Patent {id: row.patent_id})
MERGE (i:Industry {code: row.code})
CREATE (p)-[:IN_INDUSTRY]->(i)
"""

CREATE_IN_FAMILY = """
UNWIND $rows AS row
MATCH (p:Patent {id: row.patent_id})
MERGE (f:Family {id: row.family_id})
CREATE (p)-[:IN_FAMILY]->(f)
"""

CREATE_CITES = """
UNWIND $rows AS row
MATCH (a:Patent {id: row.citing}), (b:Patent {id: row.cited})
CREATE (a)-[:CITES]->(b)
"""

DELETE_EMPTY_FAMILIES = """
UNWIND $ids AS id
MATCH (f:Family {id: id})
WHERE NOT EXISTS { (f)<-[:IN_FAMILY]-() }
DELETE f
"""

# --- organisations and aliases ----------------------------------------------------------------
# Organisations whose edges changed are marked ``dirty`` in the same transaction as the change;
# their names are refreshed (and those left without patents deleted) after each load, and at the
# start of the next one if a crash came in between.
MARK_ORGS_DIRTY = "UNWIND $keys AS key MATCH (o:Organization {key: key}) SET o.dirty = true"
DIRTY_ORG_KEYS = "MATCH (o:Organization) WHERE o.dirty = true RETURN o.key AS key ORDER BY key"

ORG_EDGE_VALUES = """
UNWIND $keys AS key
MATCH (o:Organization {key: key})<-[r:ASSIGNED_TO]-()
RETURN key, r.raw_name AS name, r.country AS country, r.kind AS kind, count(*) AS n
"""

SET_ORG_NAMES = """
UNWIND $rows AS row
MATCH (o:Organization {key: row.key})
SET o.name = row.name, o.country = row.country, o.kind = row.kind
REMOVE o.dirty
"""

# An organisation is LOCATED_IN every region its applicant entries on patents name.
REFRESH_LOCATED = """
UNWIND $keys AS key
MATCH (o:Organization {key: key})
OPTIONAL MATCH (o)-[old:LOCATED_IN]->(:Region)
DELETE old
WITH DISTINCT o
MATCH (o)<-[a:ASSIGNED_TO]-(:Patent)
WHERE a.region IS NOT NULL
WITH DISTINCT o, a.region AS region
MATCH (r:Region {key: region})
CREATE (o)-[:LOCATED_IN]->(r)
"""

ORG_VARIANTS = """
MATCH (p:Patent)-[r:ASSIGNED_TO]->(:Organization)
RETURN r.variant AS variant, count(DISTINCT p) AS patents, collect(r.raw_name) AS names,
       collect(r.kind) AS kinds, collect(r.country) AS countries
"""

DELETE_ORGS = """
UNWIND $keys AS key
MATCH (o:Organization {key: key})
WHERE NOT EXISTS { (o)<-[:ASSIGNED_TO]-() }
DETACH DELETE o
"""

DELETE_ALIASES = "MATCH (a:Alias) DELETE a"
CREATE_ALIASES = "UNWIND $rows AS row CREATE (:Alias {variant: row.variant, canonical: row.canonical})"
READ_ALIASES = "MATCH (a:Alias) RETURN a.variant AS variant, a.canonical AS canonical ORDER BY variant"

# Re-points ASSIGNED_TO edges whose organisation is not the canonical key of their variant.
REKEY_ASSIGNED = """
MATCH (p:Patent)-[r:ASSIGNED_TO]->(o:Organization)
WITH p, r, o, coalesce($aliases[r.variant], r.variant) AS key
WHERE o.key <> key
MERGE (n:Organization {key: key})
CREATE (p)-[r2:ASSIGNED_TO]->(n)
SET r2 = properties(r)
SET o.dirty = true, n.dirty = true
DELETE r
"""

ORGANIZATIONS = """
MATCH (o:Organization)<-[:ASSIGNED_TO]-(p:Patent)
WITH o, count(DISTINCT p) AS n
WHERE $query = '' OR toLower(o.key) CONTAINS $query OR toLower(coalesce(o.name, '')) CONTAINS $query
RETURN o.key AS key, coalesce(o.name, o.key) AS name, n AS patents
ORDER BY patents DESC, key
LIMIT $limit
"""

# --- industries, embeddings, topics, artifacts -------------------------------------------------
UPSERT_INDUSTRIES = """
UNWIND $rows AS row
MERGE (i:Industry {code: row.code})
SET i.name_zh = row.name_zh, i.name_en = row.name_en, i.parent = row.parent
WITH i, row
OPTIONAL MATCH (i)-[old:SUBCLASS_OF]->(:Industry)
DELETE old
WITH DISTINCT i, row
WHERE row.parent IS NOT NULL
MERGE (p:Industry {code: row.parent})
MERGE (i)-[:SUBCLASS_OF]->(p)
"""

UNUSED_INDUSTRIES = """
MATCH (i:Industry)
WHERE NOT i.code IN $keep AND NOT EXISTS { (:Patent)-[:IN_INDUSTRY]->(i) }
  AND NOT EXISTS { MATCH (child:Industry) WHERE child.parent = i.code }
RETURN i.code AS code
"""
DELETE_INDUSTRIES = "UNWIND $codes AS code MATCH (i:Industry {code: code}) DETACH DELETE i"

SET_PATENT_INDUSTRIES = """
UNWIND $rows AS row
MATCH (p:Patent {id: row.id})
SET p.doc = row.doc, p.content_hash = row.hash
WITH p, row
OPTIONAL MATCH (p)-[old:IN_INDUSTRY]->(:Industry)
DELETE old
WITH DISTINCT p, row
UNWIND row.codes AS code
MERGE (i:Industry {code: code})
CREATE (p)-[:IN_INDUSTRY]->(i)
"""

READ_INDUSTRIES = """
MATCH (i:Industry)
RETURN i.code AS code, i.name_zh AS name_zh, i.name_en AS name_en, i.parent AS parent
ORDER BY code
"""

PUT_EMBEDDINGS = """
UNWIND $rows AS row
MERGE (e:Embedding {key: row.key})
SET e.model = row.model, e.text_hash = row.text_hash, e.dim = row.dim, e.vector = row.vector
"""

GET_EMBEDDINGS = """
UNWIND $keys AS key
MATCH (e:Embedding {key: key})
RETURN e.text_hash AS text_hash, e.vector AS vector
"""

ITER_EMBEDDINGS = """
MATCH (e:Embedding)
WHERE ($model IS NULL OR e.model = $model) AND e.key > $after
RETURN e.key AS key, e.model AS model, e.text_hash AS text_hash, e.vector AS vector
ORDER BY e.key
LIMIT $limit
"""

CLEAR_PATENT_VECTORS = """
MATCH (p:Patent) WHERE p.embedding IS NOT NULL
REMOVE p.embedding, p.embedding_model
"""

SET_PATENT_VECTORS = """
UNWIND $rows AS row
MATCH (p:Patent {id: row.id})
WHERE p.is_stub = false
SET p.embedding = row.vector, p.embedding_model = $model
RETURN count(p) AS n
"""

PATENT_VECTOR_MODEL = "MATCH (p:Patent) WHERE p.embedding_model IS NOT NULL RETURN p.embedding_model AS model LIMIT 1"

PATENT_VECTORS = """
MATCH (p:Patent)
WHERE p.embedding IS NOT NULL AND ($ids IS NULL OR p.id IN $ids)
RETURN p.id AS id, p.embedding AS vector
ORDER BY id
"""

# Neo4j's cosine score is (1 + cos) / 2; the store converts it back to the cosine.
SIMILAR_PATENTS = """
MATCH (p:Patent {id: $id})
WHERE p.embedding IS NOT NULL
CALL db.index.vector.queryNodes('patent_embedding', $candidates, p.embedding) YIELD node, score
WITH node, score WHERE node.id <> $id
RETURN node.id AS id, score
"""

DELETE_TOPICS = "MATCH (t:Topic) DETACH DELETE t"
DELETE_TOPIC_ASSIGNMENTS = "MATCH (a:TopicAssignment) DELETE a"
CREATE_TOPICS = "UNWIND $rows AS row CREATE (:Topic {id: row.id, label: row.label, parent: row.parent, doc: row.doc})"
LINK_TOPIC_PARENTS = """
UNWIND $rows AS row
MATCH (t:Topic {id: row.id}), (parent:Topic {id: row.parent})
CREATE (t)-[:SUBCLASS_OF]->(parent)
"""
CREATE_TOPIC_ASSIGNMENTS = """
UNWIND $rows AS row
CREATE (:TopicAssignment {patent_id: row.patent_id, topic: row.topic, probability: row.probability,
                          x: row.x, y: row.y})
WITH row WHERE row.topic IS NOT NULL
MATCH (p:Patent {id: row.patent_id}), (t:Topic {id: row.topic})
CREATE (p)-[:IN_TOPIC {probability: row.probability, x: row.x, y: row.y}]->(t)
"""
READ_TOPICS = "MATCH (t:Topic) RETURN t.doc AS doc ORDER BY t.id"
READ_TOPIC_ASSIGNMENTS = """
MATCH (a:TopicAssignment)
RETURN a.patent_id AS patent_id, a.topic AS topic, a.probability AS probability, a.x AS x, a.y AS y
ORDER BY patent_id
"""

PUT_ARTIFACT = "MERGE (a:Artifact {key: $key}) SET a.value = $value"
GET_ARTIFACT = "MATCH (a:Artifact {key: $key}) RETURN a.value AS value"
ARTIFACT_KEYS = "MATCH (a:Artifact) RETURN a.key AS key ORDER BY key"

# Relationships first, in bounded transactions: detaching a node with 100,000 edges in one
# transaction would exceed the server's transaction memory pool.
DELETE_ALL = (
    "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS",
    "MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 20000 ROWS",
)

# --- reads ------------------------------------------------------------------------------------
GET_DOCS = """
UNWIND $ids AS id
MATCH (p:Patent {id: id})
WHERE p.is_stub = false
RETURN p.id AS id, p.doc AS doc
"""

# ``{where}`` is filled only with fragments from :data:`FILTER_CLAUSES` (constant text).
ITER_PATENTS = """
MATCH (p:Patent)
WHERE p.id > $after AND {where}
RETURN p.id AS id, p.doc AS doc, p.is_stub AS stub, p.jurisdiction AS jurisdiction, p.id_scheme AS id_scheme
ORDER BY p.id
LIMIT $limit
"""

COUNT_PATENTS = "MATCH (p:Patent) WHERE {where} RETURN count(p) AS n"

# One fragment per PatentFilter field; each reads only its own parameter.
FILTER_CLAUSES = {
    "stubs": "p.is_stub = false",
    "ids": "p.id IN $f_ids",
    "jurisdictions": "p.jurisdiction IN $f_jurisdictions",
    "industries": "EXISTS { (p)-[:IN_INDUSTRY]->(i2:Industry) WHERE i2.code IN $f_industries }",
    "codes": (
        "EXISTS { (p)-[:CLASSIFIED_AS]->(c2:Code) WHERE any(prefix IN $f_codes WHERE c2.symbol STARTS WITH prefix) }"
    ),
    "applicants": "EXISTS { (p)-[:ASSIGNED_TO]->(o2:Organization) WHERE o2.key IN $f_applicants }",
    "regions": (
        "EXISTS { (p)-[a2:ASSIGNED_TO]->(:Organization) WHERE a2.region IS NOT NULL AND "
        "any(r IN $f_regions WHERE a2.region = r OR a2.region STARTS WITH r + '/') }"
    ),
    "year_from": "p.year >= $f_year_from",
    "year_to": "p.year <= $f_year_to",
    "text": "p.text_lc CONTAINS $f_text",
}

ITER_CITATIONS = """
MATCH (a:Patent)-[:CITES]->(b:Patent)
WHERE a.id > $after_citing OR (a.id = $after_citing AND b.id > $after_cited)
RETURN a.id AS citing, b.id AS cited
ORDER BY citing, cited
LIMIT $limit
"""

COUNT_NODES = {
    "Patent": "MATCH (n:Patent) RETURN count(n) AS n",
    "Organization": "MATCH (n:Organization) RETURN count(n) AS n",
    "Inventor": "MATCH (n:Inventor) RETURN count(n) AS n",
    "Code": "MATCH (n:Code) RETURN count(n) AS n",
    "Industry": "MATCH (n:Industry) RETURN count(n) AS n",
    "Family": "MATCH (n:Family) RETURN count(n) AS n",
    "Topic": "MATCH (n:Topic) RETURN count(n) AS n",
    "Region": "MATCH (n:Region) RETURN count(n) AS n",
}
COUNT_EDGES = {
    # One ASSIGNED_TO per applicant variant; two variants aliased to one organisation count once.
    "ASSIGNED_TO": "MATCH (p:Patent)-[:ASSIGNED_TO]->(o:Organization) WITH DISTINCT p, o RETURN count(*) AS n",
    "INVENTED_BY": "MATCH ()-[r:INVENTED_BY]->() RETURN count(r) AS n",
    "CLASSIFIED_AS": "MATCH ()-[r:CLASSIFIED_AS]->() RETURN count(r) AS n",
    "SUBCLASS_OF": "MATCH ()-[r:SUBCLASS_OF]->() RETURN count(r) AS n",
    "IN_INDUSTRY": "MATCH ()-[r:IN_INDUSTRY]->() RETURN count(r) AS n",
    "IN_FAMILY": "MATCH ()-[r:IN_FAMILY]->() RETURN count(r) AS n",
    "CITES": "MATCH ()-[r:CITES]->() RETURN count(r) AS n",
    "IN_TOPIC": "MATCH ()-[r:IN_TOPIC]->() RETURN count(r) AS n",
    "LOCATED_IN": "MATCH ()-[r:LOCATED_IN]->() RETURN count(r) AS n",
}

# Facet value expressions and the pattern that reaches them; ``{where}`` as in ITER_PATENTS.
FACET_QUERIES = {
    "year": "MATCH (p:Patent) WHERE {where} WITH toString(p.year) AS v, p",
    "jurisdiction": "MATCH (p:Patent) WHERE {where} WITH p.jurisdiction AS v, p",
    "legal_status": "MATCH (p:Patent) WHERE {where} WITH p.legal_status AS v, p",
    "kind": "MATCH (p:Patent) WHERE {where} WITH p.kind AS v, p",
    "industry": "MATCH (p:Patent)-[:IN_INDUSTRY]->(x:Industry) WHERE {where} WITH x.code AS v, p",
    "applicant": "MATCH (p:Patent)-[:ASSIGNED_TO]->(x:Organization) WHERE {where} WITH x.key AS v, p",
    "subclass": "MATCH (p:Patent)-[:CLASSIFIED_AS]->(x:Code) WHERE {where} WITH substring(x.symbol, 0, 4) AS v, p",
}
FACET_TAIL = """
WHERE v IS NOT NULL
WITH v, count(DISTINCT p) AS n
RETURN v, n ORDER BY n DESC, v
LIMIT $limit
"""

# --- neighbourhoods and graph queries ------------------------------------------------------------
PATENT_EXISTS = "MATCH (p:Patent {id: $id}) RETURN p.is_stub AS stub"

# Neighbours of a patent, in the order the embedded store lists them: (type, label, key, outgoing).
PATENT_NEIGHBORS = """
MATCH (p:Patent {id: $id})
CALL (p) {
  MATCH (p)-[:ASSIGNED_TO]->(o:Organization)
  WITH DISTINCT o ORDER BY o.key
  RETURN 0 AS part, 'ASSIGNED_TO' AS type, 'Organization' AS label, o.key AS key, true AS outgoing, 0 AS ord
  UNION ALL
  MATCH (p)-[r:INVENTED_BY]->(i:Inventor)
  RETURN 1 AS part, 'INVENTED_BY' AS type, 'Inventor' AS label, i.key AS key, true AS outgoing, r.position AS ord
  UNION ALL
  MATCH (p)-[r:CLASSIFIED_AS]->(c:Code)
  RETURN 2 AS part, 'CLASSIFIED_AS' AS type, 'Code' AS label, c.symbol AS key, true AS outgoing, r.position AS ord
  UNION ALL
  MATCH (p)-[:IN_INDUSTRY]->(i:Industry)
  RETURN 3 AS part, 'IN_INDUSTRY' AS type, 'Industry' AS label, i.code AS key, true AS outgoing, 0 AS ord
  UNION ALL
  MATCH (p)-[:IN_FAMILY]->(f:Family)
  RETURN 4 AS part, 'IN_FAMILY' AS type, 'Family' AS label, f.id AS key, true AS outgoing, 0 AS ord
  UNION ALL
  MATCH (p)-[:CITES]->(c:Patent)
  RETURN 5 AS part, 'CITES' AS type, 'Patent' AS label, c.id AS key, true AS outgoing, 0 AS ord
  UNION ALL
  MATCH (p)<-[:CITES]-(c:Patent)
  RETURN 6 AS part, 'CITES' AS type, 'Patent' AS label, c.id AS key, false AS outgoing, 0 AS ord
  UNION ALL
  MATCH (p)-[:IN_TOPIC]->(t:Topic)
  RETURN 7 AS part, 'IN_TOPIC' AS type, 'Topic' AS label, toString(t.id) AS key, true AS outgoing, 0 AS ord
}
RETURN type, label, key, outgoing
ORDER BY part, ord, key
"""

_REVERSE_NEIGHBORS = {
    "Organization": (
        "ASSIGNED_TO",
        "MATCH (x:Organization {key: $key})<-[:ASSIGNED_TO]-(p:Patent) WITH DISTINCT p "
        "RETURN p.id AS id ORDER BY id LIMIT $limit",
    ),
    "Inventor": (
        "INVENTED_BY",
        "MATCH (x:Inventor {key: $key})<-[:INVENTED_BY]-(p:Patent) RETURN p.id AS id ORDER BY id LIMIT $limit",
    ),
    "Code": (
        "CLASSIFIED_AS",
        "MATCH (x:Code {symbol: $key})<-[:CLASSIFIED_AS]-(p:Patent) WITH DISTINCT p "
        "RETURN p.id AS id ORDER BY id LIMIT $limit",
    ),
    "Industry": (
        "IN_INDUSTRY",
        "MATCH (x:Industry {code: $key})<-[:IN_INDUSTRY]-(p:Patent) RETURN p.id AS id ORDER BY id LIMIT $limit",
    ),
    "Family": (
        "IN_FAMILY",
        "MATCH (x:Family {id: $key})<-[:IN_FAMILY]-(p:Patent) RETURN p.id AS id ORDER BY id LIMIT $limit",
    ),
    "Topic": (
        "IN_TOPIC",
        "MATCH (x:Topic)<-[r:IN_TOPIC]-(p:Patent) WHERE toString(x.id) = $key "
        "RETURN p.id AS id ORDER BY r.probability DESC, id LIMIT $limit",
    ),
}


def neighbor_query(label: str) -> tuple[str, str] | None:
    """The (edge type, statement) listing the patents around a non-patent node, or None."""
    return _REVERSE_NEIGHBORS.get(label)


CO_APPLICANTS = """
MATCH (a:Organization)<-[:ASSIGNED_TO]-(p:Patent)-[:ASSIGNED_TO]->(b:Organization)
WHERE a.key < b.key AND {where}
WITH a.key AS a, b.key AS b, count(DISTINCT p) AS n
WHERE n >= $min_patents
RETURN a, b, n ORDER BY n DESC, a, b
LIMIT $limit
"""

# Variable-length bounds cannot be parameters; the fixed ceiling is MAX_PATH_HOPS and the
# caller's bound is applied as a parameter.
MAX_PATH_HOPS = 10
CITATION_PATHS_DIRECTED = """
MATCH (a:Patent {id: $source}), (b:Patent {id: $target})
MATCH path = allShortestPaths((a)-[:CITES*1..10]->(b))
WHERE length(path) <= $max_hops
RETURN [n IN nodes(path) | n.id] AS ids
"""
CITATION_PATHS_UNDIRECTED = """
MATCH (a:Patent {id: $source}), (b:Patent {id: $target})
MATCH path = allShortestPaths((a)-[:CITES*1..10]-(b))
WHERE length(path) <= $max_hops
RETURN [n IN nodes(path) | n.id] AS ids
"""

_LABEL = re.compile(r"\(\w*:(\w+)")
_TYPE = re.compile(r"\[\w*:([\w|]+)")


def check_allow_lists() -> list[str]:
    """Labels and relationship types used in this module that are not allow-listed (empty = fine).

    Example:
        >>> check_allow_lists()
        []
    """
    allowed_labels = set(NODE_LABELS) | set(INTERNAL_LABELS)
    bad: list[str] = []
    for name, value in globals().items():
        texts = [value] if isinstance(value, str) else list(value.values()) if isinstance(value, dict) else (
            list(value) if isinstance(value, tuple) and all(isinstance(v, str) for v in value) else [])
        for text in texts:
            if isinstance(text, tuple):
                text = text[1]
            if not isinstance(text, str) or not name.isupper():
                continue
            bad += [f"{name}: label {m}" for m in _LABEL.findall(text) if m not in allowed_labels]
            for group in _TYPE.findall(text):
                bad += [f"{name}: type {t}" for t in group.split("|") if t not in EDGE_TYPES]
    return bad
