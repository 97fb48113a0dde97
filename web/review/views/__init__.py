"""One module per page kind. Every module here with a module-level ``router``
(``fastapi.APIRouter``) is included by the app, in module-name order: a new page needs no
registration. Name routes (``name=...``): templates link with ``path_for(name)``, and the top
bar shows the links of ``templating.NAV`` whose route exists.
"""

from __future__ import annotations

import importlib
import pkgutil

from fastapi import APIRouter


def routers() -> list[APIRouter]:
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        router = getattr(module, "router", None)
        if isinstance(router, APIRouter):
            found.append(router)
    return found
