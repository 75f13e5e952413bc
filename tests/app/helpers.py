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


def plot_specs(at) -> list[dict]:
    """The Plotly figures on the page, as dicts."""
    import json

    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def array(value) -> list:
    """A Plotly array: plain list, or the typed-array form ``{"dtype", "bdata"}`` plotly.py 6+ writes."""
    import base64

    import numpy as np

    if isinstance(value, dict) and "bdata" in value:
        data = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        return data.reshape(value["shape"]).tolist() if "shape" in value else data.tolist()
    return list(value)
