"""The composition root: Settings in, wired use cases out. Only entry points import this.

Nothing here opens a connection at import time; `build` creates engines and clients lazily-connecting.
By concern: ``services`` (what is handed out), ``use_cases`` (ports in, use cases out; the
in-memory wiring), ``real_adapters`` (`build`), ``web`` (the web app's dependencies and the
uvicorn factory `bootstrap:asgi_app`), ``processes`` (migrate, worker, beat).
"""

from bootstrap.processes import migrate, run_beat, run_worker
from bootstrap.real_adapters import build
from bootstrap.services import Services
from bootstrap.use_cases import ensure_district_premium, in_memory, wire
from bootstrap.web import asgi_app, web_dependencies

__all__ = [
    "Services",
    "asgi_app",
    "build",
    "ensure_district_premium",
    "in_memory",
    "migrate",
    "run_beat",
    "run_worker",
    "web_dependencies",
    "wire",
]
