"""Data and figures for the app's pages, with no Streamlit in them.

The Streamlit pages (``pages/*.py``) only lay out what these functions return, so everything a
page shows can be tested without a browser and reused from notebooks:

- :mod:`.workspace`: the workspace folder of a store, the quarantine table, import summaries,
  store status tables.
- :mod:`.charts`: small Plotly charts in the house style (years, offices, rankings).
- :mod:`.graphview`: a :class:`~ipnav.store.base.Subgraph` as a table and as a Plotly network.
"""
