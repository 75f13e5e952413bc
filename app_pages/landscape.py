"""Landscape: placeholder until its back-end lands."""

from __future__ import annotations

from app_pages.frame import header, missing

header("nav.landscape")
missing("landscape", "ipnav demo")
