"""Finding things in an AppTest run (dataframes carry no key there, so they are found by columns)."""

from __future__ import annotations

import pandas as pd


def table_with(at, *columns: str) -> pd.DataFrame:
    """The first dataframe on the page that has all these (display) columns."""
    for element in at.dataframe:
        frame = element.value
        if all(c in frame.columns for c in columns):
            return frame
    shown = [list(e.value.columns) for e in at.dataframe]
    raise AssertionError(f"no table with columns {columns}; tables: {shown}")


def texts(elements) -> list[str]:
    return [e.value for e in elements]
