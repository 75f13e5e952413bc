"""Evaluation: placeholder until its back-end lands."""

from __future__ import annotations

from app_pages.frame import header, missing

header("nav.evaluation")
missing("evaluation", "ipnav demo")
