"""Navigation: placeholder until its back-end lands."""

from __future__ import annotations

from app_pages.frame import header, missing

header("nav.navigation")
missing("navigation", "ipnav demo")
