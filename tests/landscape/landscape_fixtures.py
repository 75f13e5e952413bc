"""Tiny hand-built patent sets with known topics (three vocabularies, English and Chinese)."""

from __future__ import annotations

import datetime as dt

from ipnav.codes import parse_code
from ipnav.records import Party, PatentRecord

VOCAB = {
    "gripper": ("robot gripper finger grasping", "B25J15/00"),
    "alloy": ("aluminium alloy casting heat treatment", "C22C21/00"),
    "battery": ("lithium battery electrode electrolyte", "H01M10/00"),
}
ZH_VOCAB = {
    "reducer": ("工业机器人 精密减速器 谐波齿轮", "F16H49/00"),
    "concrete": ("再生混凝土 粉煤灰 水泥 砂浆", "C04B28/00"),
}


def make_records(
    n_per_topic: int = 20, *, vocab: dict = VOCAB, lang: str = "en", start_year: int = 2010
) -> list[PatentRecord]:
    """``n_per_topic`` records per vocabulary; topic k's patents are filed from ``start_year``
    on."""
    recs = []
    for k, (name, (words, code)) in enumerate(vocab.items()):
        for i in range(n_per_topic):
            text = f"{words} variant {i}" if lang == "en" else f"{words} 实施{i}"
            recs.append(
                PatentRecord(
                    id=f"US{k}{i:04d}",
                    jurisdiction="US" if i % 3 else "CN",
                    title={lang: text},
                    ipc=(parse_code(code),),
                    applicants=(Party(name=f"{name.upper()} CORP", normalized=f"{name.upper()} CORP"),),
                    inventors=(Party(name=f"Inventor {name} {i % 2}"),),
                    application_date=dt.date(start_year + i % 10, 3, 1),
                    industries=("robotics",) if name == "gripper" else (),
                )
            )
    return recs
