"""The CLI's one door to the composition root. The CLI is an entry point: every command that needs
the product's services, its schema or its processes comes through here, and no other module of
the service imports `bootstrap` (an import-linter contract says so)."""

from __future__ import annotations

import bootstrap
from adapters.cli.context import load_settings
from adapters.settings import Settings
from bootstrap import Services

ASGI_APP = "bootstrap:asgi_app"  # uvicorn's factory, started by import string
ensure_district_premium = bootstrap.ensure_district_premium
migrate = bootstrap.migrate
run_beat = bootstrap.run_beat
run_worker = bootstrap.run_worker

__all__ = [
    "ASGI_APP",
    "Services",
    "ensure_district_premium",
    "migrate",
    "run_beat",
    "run_worker",
    "services",
]


def services(settings: Settings | None = None) -> Services:
    """The product wired from the ROSTERSYNC_ settings (call inside `friendly_errors`)."""
    return bootstrap.build(settings or load_settings())
