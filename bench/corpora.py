"""Real patent texts for the embedding benchmarks, read from ../shared/data (never copied here).

Several of these exports may not be redistributed (WIPS, CNKI, PatSnap, Lens: see
``../shared/data/patents/SOURCES.md``), so the benchmarks read them where they lie and skip
with a reason where that folder is absent. ``IPNAV_SHARED_DATA`` overrides the location.
"""

from __future__ import annotations

import csv
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
EVAL_SET = REPO / "bench" / "data" / "xling_eval.csv"


def shared_patents() -> Path | None:
    """The shared patents folder, or None where it is absent."""
    root = Path(os.environ.get("IPNAV_SHARED_DATA", REPO.parent / "shared" / "data"))
    return root / "patents" if (root / "patents").is_dir() else None


def _tfh(patents: Path) -> dict[str, str]:
    with zipfile.ZipFile(patents / "tfh_thin_film_head_uspto_abstracts" / "TFH_Annotated_Dataset.zip") as z:
        names = sorted(n for n in z.namelist() if n.endswith(".txt"))
        return {n: z.read(n).decode("utf-8").strip() for n in names}


def _kista(patents: Path, landscape: str) -> pd.DataFrame:
    frame = pd.read_csv(patents / "kista_landscapes_us_bigquery" / f"{landscape}.csv.gz")
    frame = frame[frame.abstract_text.notna()].drop_duplicates("publication_number")
    return frame.sort_values("publication_number")


def english_abstracts(patents: Path, n: int = 2000) -> tuple[list[str], dict[str, int]]:
    """``n`` real English patent abstracts and how many came from each source.

    In order: all 312 WIPS 3D-printing abstracts (US originals and machine-translated CN), all
    1,010 USPTO thin-film-head abstracts, then KISTA/Google Patents abstracts (underwater glider,
    radar rain gauge, offshore plant ... by publication number) until ``n`` are taken.
    """
    texts: list[str] = []
    counts: dict[str, int] = {}
    wips = pd.read_csv(patents / "wips_3d_printing_us_cn" / "3d_printing_us_cn_312.csv.gz")
    batches = [
        ("wips_3d_printing_us_cn", wips.abstract.dropna().astype(str).tolist()),
        ("tfh_thin_film_head_uspto_abstracts", list(_tfh(patents).values())),
    ]
    for landscape in ("underwater_glider", "radar_rain_gauge", "offshore_plant", "nighttime_driver_visibility"):
        batches.append((f"kista/{landscape}", _kista(patents, landscape).abstract_text.astype(str).tolist()))
    seen: set[str] = set()
    for source, batch in batches:
        for text in batch:
            if len(texts) == n:
                return texts, counts
            if text.strip() and text not in seen:
                seen.add(text)
                texts.append(text)
                counts[source] = counts.get(source, 0) + 1
    return texts, counts


@dataclass
class Item:
    """One text of the cross-lingual evaluation set."""

    set: str
    key: str
    label: str
    text: str
    title: str = ""
    text_en: str = ""
    title_en: str = ""


def xling_items(patents: Path) -> list[Item]:
    """The cross-lingual evaluation set (``bench/data/xling_eval.csv``) with its texts."""
    with EVAL_SET.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    cnki = pd.read_csv(patents / "cnki_materials_chemistry_cn" / "cnki_material_chemistry_2018_2019.csv")
    cnki = cnki.set_index("publication_number")
    am = pd.read_csv(patents / "am_relevance_gold_bergeaud_verluise" / "eval_processed_additivemanufacturing.csv.gz")
    am = am.drop_duplicates("family_id").set_index("family_id")
    lens = pd.read_csv(patents / "lens_green_concrete_materials" / "patents.csv.gz").set_index("lens_id")
    patsnap = pd.read_csv(patents / "patsnap_green_aviation_cn" / "patsnap_green_aviation_1999.csv.gz")
    patsnap = patsnap.set_index("公开(公告)号")
    tfh = _tfh(patents)
    kista = {}
    items: list[Item] = []
    for row in rows:
        source, key, label = row["source"], row["key"], row["label"]
        if row["set"] == "cnki_zh":
            r = cnki.loc[key]
            items.append(Item("cnki_zh", key, label, f"{r.title}。{r.abstract}", str(r.title)))
        elif row["set"] == "patsnap_pairs":
            r = patsnap.loc[key]
            zh_t, en_t = str(r["标题(译)(简体中文)"]), str(r["标题(译)(English)"])
            items.append(
                Item(
                    "patsnap_pairs",
                    key,
                    label,
                    f"{zh_t}。{r['摘要(译)(简体中文)']}",
                    zh_t,
                    f"{en_t}. {r['摘要(译)(English)']}",
                    en_t,
                )
            )
        elif source.startswith("am_relevance"):
            r = am.loc[int(key)]
            items.append(Item("en_pool", key, label, f"{r.title}. {r.abstract}", str(r.title)))
        elif source.startswith("lens_green"):
            r = lens.loc[key]
            items.append(Item("en_pool", key, label, f"{r.invention_title}. {r.abstract}", str(r.invention_title)))
        elif source.startswith("kista"):
            landscape = source.split("/", 1)[1]
            if landscape not in kista:
                kista[landscape] = _kista(patents, landscape).set_index("publication_number")
            r = kista[landscape].loc[key]
            items.append(Item("en_pool", key, label, f"{r.title_text}. {r.abstract_text}", str(r.title_text)))
        elif source.startswith("tfh"):
            items.append(Item("en_pool", key, label, tfh[key]))
        else:
            raise ValueError(f"{EVAL_SET}: unknown source {source!r} for key {key!r}")
    return items
