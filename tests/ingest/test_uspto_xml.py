"""USPTO full-text reader: values per era from the real sample documents, bulk files, safety.

Expected values were read off the documents by hand (the XML/APS text in
shared/data/patents/uspto_xml_samples), not produced by the reader.
"""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

import pytest

from ingest import detect_format, uspto_xml
from ipnav.exceptions import InputFormatError
from ipnav.records import PatentRecord, RowError

FIXTURES = Path(__file__).parent / "fixtures" / "uspto"
D = dt.date


def only_record(path: Path) -> PatentRecord:
    rows = list(uspto_xml.read(path))
    assert len(rows) == 1, rows
    assert isinstance(rows[0], PatentRecord), rows[0]
    return rows[0]


def symbols(codes) -> list[str]:
    return [c.symbol for c in codes]


@pytest.fixture(scope="module")
def samples(patents_dir: Path) -> Path:
    return patents_dir / "uspto_xml_samples"


# ---------------------------------------------------------------------------------------------
# Offline fixtures (cut from the real documents; run without ../shared)


def test_multi_document_xml_file_yields_one_record_per_document_in_order():
    rows = list(uspto_xml.read(FIXTURES / "grants_2014_2004.xml"))
    assert [(r.id, r.kind) for r in rows] == [("US8930553", "B2"), ("US6859910", "B2")]
    assert [r.provenance[0].location for r in rows] == [
        "document 1 (line 1)",
        "document 2 (line 433)",
    ]
    first, second = rows
    assert first.title == {"en": "Managing mid-dialog session initiation protocol (SIP) messages"}
    assert first.applicants[0].name == "International Business Machines Corporation"
    assert [p.name for p in first.inventors] == ["Nitzan Nissim", "Brian Pulito", "Asaf Zinger"]
    assert first.inventors[0].country == "IL" and first.inventors[1].address == "Lexington, KY"
    assert len(first.cited) == 16 and first.extra["npl_count"] == 5
    assert second.grant_date == D(2005, 2, 22) and second.application_date == D(2001, 4, 10)
    assert symbols(second.ipc) == ["G06F15/00", "G06F17/00", "G06F17/21", "G06F17/24"]
    assert second.applicants[0].name == "Bluestreak.com"
    assert [p.name for p in second.inventors] == ["John Charles Croy"]  # an applicant-inventor in v4.0
    assert second.cited == (
        "US5793966",
        "US6205482",
        "US20020055909",
        "US20020069244",
        "US20020078093",
        "US20020095387",
        "US20020152126",
        "US20030208684",
    )
    assert second.priority_date == D(2000, 4, 10)  # the US provisional 60195933
    assert second.first_claim["en"].startswith("A method of executing an electronic transaction, comprising:")


def test_greenbook_weekly_file_skips_header_and_reads_every_patn_record():
    rows = list(uspto_xml.read(FIXTURES / "aps_week_sample.txt"))
    assert [r.id for r in rows] == ["US3937375", "US4347903"]
    boat, balance = rows
    assert boat.provenance[0].location == "document 1 (line 2)"
    assert boat.application_number == "05518454"  # series code 5 + serial 518454 (check digit dropped)
    assert balance.application_number == "06192529"
    assert balance.priority_countries == ("JP",) and balance.priority_date == D(1978, 7, 10)


def test_gzipped_bulk_file_reads_the_same(tmp_path: Path):
    gz = tmp_path / "ipg_sample.xml.gz"
    gz.write_bytes(gzip.compress((FIXTURES / "grants_2014_2004.xml").read_bytes()))
    assert [r.id for r in uspto_xml.read(gz)] == ["US8930553", "US6859910"]


def test_malformed_document_in_a_bulk_file_is_a_row_error_naming_document_and_line(tmp_path: Path):
    text = (FIXTURES / "grants_2014_2004.xml").read_text(encoding="utf-8")
    first, second = text.split('<?xml version="1.0" encoding="UTF-8"?>')[1:]
    broken = first.replace("</invention-title>", "</invention-titel>", 1)
    path = tmp_path / "bulk.xml"
    path.write_text(
        "".join(f'<?xml version="1.0" encoding="UTF-8"?>{d}' for d in (second, broken, second)),
        encoding="utf-8",
    )
    rows = list(uspto_xml.read(path))
    assert [type(r).__name__ for r in rows] == ["PatentRecord", "RowError", "PatentRecord"]
    error = rows[1]
    assert error.source == str(path) and error.location.startswith("document 2 (line ")
    assert "mismatched tag" in error.reason and "file line" in error.reason and "08930553" in error.reason


def test_truncated_last_document_is_reported_not_dropped(tmp_path: Path):
    data = (FIXTURES / "grants_2014_2004.xml").read_bytes()
    path = tmp_path / "cut.xml"
    path.write_bytes(data[: len(data) - 2000])
    rows = list(uspto_xml.read(path))
    assert isinstance(rows[0], PatentRecord)
    assert isinstance(rows[1], RowError) and rows[1].location == "document 2 (line 433)"
    assert "06859910" in rows[1].reason


def test_no_dtd_or_external_entity_is_fetched_and_character_entities_resolve(tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    doc = f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE us-patent-grant SYSTEM "http://127.0.0.1:9/us-patent-grant-v45.dtd" [
<!ENTITY xxe SYSTEM "file://{secret}">
<!ENTITY vendor "Acme &amp; Sons">
]>
<us-patent-grant dtd-version="v4.5 2014-04-03"><us-bibliographic-data-grant>
<publication-reference><document-id><country>US</country><doc-number>09000001</doc-number><kind>B2</kind>
<date>20150106</date></document-id></publication-reference>
<invention-title>Filter of 5 &mgr;m pores &lsquo;&xxe;&rsquo; by &vendor; &Dgr;T &unknownthing;
</invention-title>
</us-bibliographic-data-grant></us-patent-grant>
"""
    path = tmp_path / "xxe.xml"
    path.write_text(doc, encoding="utf-8")
    record = only_record(path)
    title = record.title["en"]
    assert "TOP-SECRET" not in title
    assert title == "Filter of 5 μm pores \u2018&xxe;\u2019 by Acme & Sons ΔT &unknownthing;"
    assert record.extra["parse_warnings"] == ["unknown entities kept as text: unknownthing, xxe"]


def test_sniff_decides_from_content(tmp_path: Path):
    xml = tmp_path / "weekly.dat"
    xml.write_bytes((FIXTURES / "grants_2014_2004.xml").read_bytes())
    aps = tmp_path / "pftaps19760106_wk01.txt"
    aps.write_bytes((FIXTURES / "aps_week_sample.txt").read_bytes())
    other = tmp_path / "patents.xml"
    other.write_text('<?xml version="1.0"?><records><record id="1"/></records>', encoding="utf-8")
    assert detect_format(xml) == "uspto-xml"
    assert detect_format(aps) == "uspto-xml"
    assert not uspto_xml.sniff(other, other.read_text())
    assert not uspto_xml.sniff(tmp_path / "a.csv", "Display Key,Title\nUS 1 A,Gripper\n")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b"   \n\n", "file is empty"),
        (b"Display Key,Jurisdiction,Title\nUS 1 A,US,x\n", "not USPTO full text"),
    ],
)
def test_unreadable_files_raise_input_format_error_naming_the_file(tmp_path: Path, content: bytes, message: str):
    path = tmp_path / "input.xml"
    path.write_bytes(content)
    with pytest.raises(InputFormatError, match=message) as info:
        list(uspto_xml.read(path))
    assert str(path) in str(info.value)


def test_unknown_root_and_missing_number_are_row_errors(tmp_path: Path):
    path = tmp_path / "odd.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<sequence-cwu><x/></sequence-cwu>\n'
        '<?xml version="1.0"?>\n<us-patent-grant><us-bibliographic-data-grant/>'
        "</us-patent-grant>\n",
        encoding="utf-8",
    )
    first, second = uspto_xml.read(path)
    assert isinstance(first, RowError) and "root element <sequence-cwu>" in first.reason
    assert isinstance(second, RowError) and second.location == "document 2 (line 3)"
    assert second.field == "publication_number" and "no publication number" in second.reason


def test_impossible_grant_date_quarantines_the_document(tmp_path: Path):
    path = tmp_path / "date.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<us-patent-grant><us-bibliographic-data-grant>'
        "<publication-reference>"
        "<document-id><country>US</country><doc-number>09000002</doc-number><kind>B1</kind>"
        "<date>20151345</date>"
        "</document-id></publication-reference></us-bibliographic-data-grant></us-patent-grant>\n",
        encoding="utf-8",
    )
    (error,) = uspto_xml.read(path)
    assert isinstance(error, RowError)
    assert error.field == "publication_date" and "20151345" in error.reason and "09000002" in error.reason


# ---------------------------------------------------------------------------------------------
# Real sample documents, one era at a time


@pytest.mark.shared
def test_greenbook_1976_boat_loader(samples: Path):
    r = only_record(samples / "greenbook" / "US03937375.greenbook")
    assert (r.id, r.kind, r.jurisdiction) == ("US3937375", "A", "US")
    assert r.title == {"en": "Bumper support for a boat loader"}
    assert (r.application_date, r.grant_date, r.publication_date) == (
        D(1974, 10, 29),
        D(1976, 2, 10),
        D(1976, 2, 10),
    )
    assert symbols(r.ipc) == ["B60R9/00"]  # ICL "B60R  900"
    assert r.extra["uspc"] == ["224/42.07", "214/450"] and r.extra["uspc_main"] == "224/42.07"
    assert r.cited == ("US2542907", "US2762542", "US2772799", "US3113789", "US3702197")
    assert r.claims_count == 3
    assert r.first_claim["en"].startswith("In a bumper support for a boat loader, the combination of a pair of")
    assert r.abstract["en"].startswith("A unit mountable on a rear bumper of a vehicle, and which does not interfere")
    (inventor,) = r.inventors
    assert (inventor.name, inventor.country, inventor.address, inventor.kind) == (
        "Everette E. Daniels",
        "US",
        "Des Moines, IA",
        "individual",
    )
    assert [p.name for p in r.applicants] == ["Everette E. Daniels"] and r.extra["applicants_from"] == "inventors"


@pytest.mark.shared
def test_greenbook_1976_telephone_assignee_and_citations(samples: Path):
    r = only_record(samples / "greenbook" / "US03932709.greenbook")
    assert (r.id, r.grant_date, r.application_number) == ("US3932709", D(1976, 1, 13), "05449155")
    assert symbols(r.ipc) == ["H04M11/00"]
    assert r.claims_count == 17 and len(r.cited) == 9 and r.cited[0] == "US3518629" and r.cited[-1] == "US3760121"
    (assignee,) = r.applicants
    assert (assignee.name, assignee.normalized, assignee.kind, assignee.address) == (
        "General Teletronics Incorporated",
        "GEN TELETRONICS",
        "company",
        "San Francisco, CA",
    )  # COD 02
    assert [p.name for p in r.inventors] == ["Don G. Hoff", "Patrick Young"]


@pytest.mark.shared
def test_greenbook_1982_foreign_assignee_priority_and_three_ipc(samples: Path):
    r = only_record(samples / "greenbook" / "US04347903.greenbook")
    assert symbols(r.ipc) == ["G01G19/04", "G01G23/10", "G06F7/28"]
    assert r.applicants[0].name == "Shimadzu Corporation" and r.applicants[0].country == "JP"
    assert len(r.inventors) == 8 and r.inventors[0].name == "Shozo Yano"
    assert r.extra["priority_claims"] == [{"country": "JP", "number": "53/84696", "date": "1978-07-10"}]
    assert r.cited == ("US4102421", "US4137568", "US4231439")


@pytest.mark.shared
def test_sgml_2002_grant(samples: Path):
    r = only_record(samples / "sgml" / "US06336130.xml")
    assert (r.id, r.kind, r.grant_date) == ("US6336130", "B1", D(2002, 1, 1))
    assert (r.application_number, r.application_date) == ("09413215", D(1999, 10, 5))
    assert r.priority_date == D(1997, 4, 8) and r.priority_countries == ("NO",)
    assert symbols(r.ipc) == ["G06F15/16", "G06F13/00"]  # B511 "G06F 1516", B512 "G06F 1300"
    assert r.extra["uspc_main"] == "709/202"
    assert r.cited == (
        "US5825759",
        "US5974441",
        "US6049819",
        "US6076099",
        "US6085086",
        "WO1996025012",
    )
    assert r.extra["npl_count"] == 3 and r.extra["examiner_citations"] == 5
    assert (r.applicants[0].name, r.applicants[0].country) == (
        "Telefonaktiebolaget LM Ericsson (publ)",
        "SE",
    )
    assert (r.inventors[0].name, r.inventors[0].address) == ("Thanh Van Do", "Oslo")
    assert r.claims_count == 22
    assert r.first_claim["en"].startswith("An arrangement in a network including a plurality of mobile terminals")


@pytest.mark.shared
def test_sgml_fixed_width_ipc_and_many_priorities(samples: Path):
    r = only_record(samples / "sgml" / "US06337117.xml")
    assert symbols(r.ipc) == ["B32B3/02"]  # "B32B  302": group right-aligned in three columns
    assert [p["number"] for p in r.extra["priority_claims"]] == [
        "10-186098",
        "10-252239",
        "10-261333",
        "10-326339",
    ]
    assert r.priority_date == D(1998, 7, 1)
    assert r.extra["uspc"][0] == "428/64.1"


@pytest.mark.shared
def test_sgml_design_patent(samples: Path):
    r = only_record(samples / "sgml" / "USD435854S1.xml")  # a commented-out DOCTYPE precedes the real one
    assert (r.id, r.kind, r.original_id) == ("USD435854", "S", "USD0435854S")
    assert r.ipc == () and r.extra["locarno"] == "14-02" and r.extra["uspc_main"] == "D14/480"
    assert r.first_claim == {"en": "The ornamental design for a disc cartridge, as shown and described."}
    assert len(r.cited) == 10 and all(c.startswith("USD") for c in r.cited) and r.cited[0] == "USD271298"
    assert [p.normalized for p in r.applicants] == [
        "HITACHI MAXELL",
        "SANYO ELECTRIC",
        "OLYMPUS OPTICAL",
    ]


@pytest.mark.shared
def test_pap_2001_application_publication(samples: Path):
    r = only_record(samples / "pap" / "US20010000943A1.xml")
    assert (r.id, r.kind, r.publication_date, r.grant_date) == (
        "US20010000943",
        "A1",
        D(2001, 5, 10),
        None,
    )
    assert (r.application_number, r.application_date) == ("09727454", D(2000, 12, 4))
    assert r.priority_date == D(1999, 4, 5) and r.priority_countries == ("JP",)
    assert symbols(r.ipc) == ["H01J1/62"]  # "H01J001/62"
    assert r.extra["uspc"] == ["313/503", "313/504"]
    assert r.applicants[0].name == "IDEMITSU KOSAN CO., LTD." and r.applicants[0].kind == "company"
    assert [p.name for p in r.inventors] == ["Kenichi Fukuoka", "Mitsura Eida"]
    assert r.claims_count == 13 and r.cited == ()
    assert "Min\u221220 nm<t<Min+20 nm" in r.abstract["en"]  # &minus; &lt; &plus; resolved


@pytest.mark.shared
def test_pap_without_xml_declaration_and_with_xhtml_doctype(samples: Path):
    r = only_record(samples / "pap" / "US20010000044A1.xml")
    assert r.title["en"] == (
        "Systems and Methods For Transacting Business Over A Global Communications Network Such As The Internet"
    )
    assert (r.inventors[0].name, r.inventors[0].address) == ("Wayne W Lin", "Irvine, CA")
    assert r.extra["uspc_main"] == "705/26" and symbols(r.ipc) == ["G06F17/60"]


@pytest.mark.shared
def test_xml2006_grant_citation_counts(samples: Path):
    r = only_record(samples / "xml2006" / "US07272630B2.xml")
    # SOURCES.md: 116 cited references = 78 patent + 38 non-patent (78 <patcit>, 38 <nplcit>)
    assert r.extra["patent_citations"] + r.extra["npl_count"] == 116
    assert (r.extra["patent_citations"], r.extra["npl_count"], len(r.cited)) == (78, 38, 78)
    assert r.cited[:3] == ("US5202982", "US5317728", "US5371794") and r.cited[-1] == "EP0663640"
    assert r.extra["related_publication"] == "US20050097148A1"
    assert (r.extra["era"], r.extra["dtd_version"]) == ("xml4 grant", "v4.2 2006-08-23")
    assert (r.applicants[0].name, r.applicants[0].address) == (
        "Microsoft Corporation",
        "Redmond, WA",
    )


@pytest.mark.shared
def test_xml2014_grant_with_cpc_and_160_references(samples: Path):
    r = only_record(samples / "xml2014" / "US08926509.xml")
    assert (r.id, r.kind, r.grant_date, r.application_date) == (
        "US8926509",
        "B2",
        D(2015, 1, 6),
        D(2008, 6, 5),
    )
    # 160 references = 130 <patcit> + 30 <nplcit>; 130 patent citations name 121 distinct documents
    # (7 WO numbers are cited twice, and "WO 02/064032" / "WO 02/64032" are one document).
    assert (r.extra["patent_citations"], r.extra["npl_count"], len(r.cited)) == (130, 30, 121)
    assert r.cited[0] == "US4313443"
    assert {"WO1989002682", "WO2002064032", "EP1070479", "KR20050116274"} <= set(r.cited)
    assert "unparsed_citations" not in r.extra
    assert symbols(r.cpc)[:2] == ["A61B5/0205", "A61B5/0024"]  # main-cpc first
    assert "A61B2560/0209" in symbols(r.cpc) and len(r.cpc) == 15
    assert r.extra["ipc_main"] == "A61B5/00" and len(r.ipc) == 14
    assert r.extra["uspc"][-1] == "340/539.12"
    assert r.priority_date == D(2007, 8, 24)  # US provisional 60968023
    assert r.applicants[0].name == "Hmicro, Inc." and len(r.inventors) == 5
    assert r.claims_count == 31
    assert r.first_claim["en"].startswith("A system for measuring physiological signals, comprising:")


@pytest.mark.shared
def test_xml2014_foreign_priority(samples: Path):
    r = only_record(samples / "xml2014" / "US08927118.xml")
    assert r.extra["priority_claims"] == [{"country": "JP", "number": "2008-148514", "date": "2008-06-05"}]
    assert "C09K2211/1029" in symbols(r.cpc)
    assert (r.extra["patent_citations"], r.extra["npl_count"]) == (76, 28)


@pytest.mark.shared
def test_xml2004_application(samples: Path):
    r = only_record(samples / "xmlApp2004" / "US20050004437A1.xml")
    assert (r.id, r.kind, r.publication_date, r.grant_date) == (
        "US20050004437",
        "A1",
        D(2005, 1, 6),
        None,
    )
    assert r.extra["priority_claims"] == [{"country": "CH", "number": "1974/01", "date": "2001-10-26"}]
    assert symbols(r.ipc) == ["A61B5/00"]  # "A61B005/00"
    assert [p.name for p in r.inventors] == ["Heiner Kaufmann", "Thomas Vering"]
    assert r.first_claim["en"].startswith("A simulation device for displaying and evaluating blood sugar readings")
    other = only_record(samples / "xmlApp2004" / "US20050004974A1.xml")
    assert other.applicants[0].name == "Xerox Corporation" and len(other.inventors) == 12


@pytest.mark.shared
def test_every_sample_document_is_read_with_nothing_lost(samples: Path):
    files = sorted(p for p in samples.rglob("*") if p.is_file())
    rows = [row for f in files for row in uspto_xml.read(f)]
    assert len(files) == 17 and len(rows) == 17
    assert all(isinstance(r, PatentRecord) for r in rows)
    assert sum(r.extra.get("patent_citations", 0) for r in rows) == 9 + 5 + 3 + 6 + 2 + 10 + 8 + 11 + 78 + 130 + 76 + 16
    assert sum(r.extra.get("npl_count", 0) for r in rows) == 3 + 38 + 30 + 28 + 5
    assert sorted({r.extra["era"] for r in rows}) == [
        "greenbook",
        "pap",
        "sgml",
        "xml4 application",
        "xml4 grant",
    ]


@pytest.mark.shared
def test_real_documents_concatenated_as_a_weekly_bulk_file(samples: Path, tmp_path: Path):
    parts = [samples / "xml2014" / n for n in ("US08926509.xml", "US08927118.xml", "US08930553.xml")]
    bulk = tmp_path / "ipg150106.xml"
    bulk.write_bytes(b"".join(p.read_bytes().rstrip(b"\r\n") + b"\n" for p in parts))
    rows = list(uspto_xml.read(bulk))
    assert [r.id for r in rows] == ["US8926509", "US8927118", "US8930553"]
    lines = [p.read_bytes().rstrip(b"\r\n").count(b"\n") + 1 for p in parts]
    assert [r.provenance[0].location for r in rows] == [
        "document 1 (line 1)",
        f"document 2 (line {lines[0] + 1})",
        f"document 3 (line {lines[0] + lines[1] + 1})",
    ]


GREENBOOK_KINDS = """PATN
WKU  RE0283431
SRC  5
APN  6543217
APT  2
APD  19740102
TTL  Reissued gear train
ISD  19750218
NCL  1
INVT
NAM  Roe; Jane
CTY  Erie
STA  PA
PATN
WKU  PP0038742
APT  6
TTL  Rose plant
ISD  19760106
INVT
NAM  Meilland; Alain A.
CTY  Antibes
CNT  FRX
PATN
WKU  D02412345
APT  4
TTL  Lathe chuck
ISD  19760420
FREF
PNO  1234567
ISD  19700100
CNT  DEX
FREF
PNO  88/1234
ISD  19710100
PATN
"""


def test_greenbook_reissue_plant_design_and_an_empty_record(tmp_path: Path):
    path = tmp_path / "kinds.txt"
    path.write_text(GREENBOOK_KINDS, encoding="ascii")
    reissue, plant, design, empty = uspto_xml.read(path)
    assert (reissue.id, reissue.kind, reissue.application_number) == ("USRE28343", "E", "05654321")
    assert (plant.id, plant.kind) == ("USPP3874", "P")
    assert (plant.inventors[0].name, plant.inventors[0].country) == ("Alain A. Meilland", "FR")
    assert (design.id, design.kind, design.grant_date) == ("USD241234", "S", D(1976, 4, 20))
    assert design.cited == ("DE1234567",)
    assert design.extra["unparsed_citations"] == ["88/1234"]  # an FREF without country
    assert design.extra["patent_citations"] == 2
    assert isinstance(empty, RowError) and empty.location == "document 4 (line 35)"
    assert empty.field == "publication_number"


def xml4(number: str, kind: str, appl_type: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE us-patent-grant SYSTEM "us-patent-grant-v45-2014-04-03.dtd" [ ]>\n'
        '<us-patent-grant lang="EN" dtd-version="v4.5 2014-04-03">'
        "<us-bibliographic-data-grant><publication-reference><document-id><country>US</country>"
        f"<doc-number>{number}</doc-number><kind>{kind}</kind><date>20150106</date></document-id>"
        f'</publication-reference><application-reference appl-type="{appl_type}"><document-id>'
        "<country>US</country><doc-number>29500001</doc-number><date>20140101</date></document-id>"
        "</application-reference><classification-locarno><edition>10</edition>"
        "<main-classification>0804</main-classification></classification-locarno>"
        "<invention-title>Thing</invention-title></us-bibliographic-data-grant></us-patent-grant>\n"
    )


def test_xml4_design_reissue_and_plant_numbers(tmp_path: Path):
    path = tmp_path / "ipg150106.xml"
    path.write_text(
        xml4("D0720001", "S1", "design") + xml4("RE045123", "E", "reissue") + xml4("PP025123", "P3", "plant"),
        encoding="utf-8",
    )
    rows = list(uspto_xml.read(path))
    assert [(r.id, r.kind, r.extra["application_type"]) for r in rows] == [
        ("USD720001", "S1", "design"),
        ("USRE45123", "E", "reissue"),
        ("USPP25123", "P3", "plant"),
    ]
    assert rows[0].extra["locarno"] == "0804"
