"""The ``narrascope`` command line: a thin adapter over the core library.

``main`` lives in :mod:`narrascope.cli.main`; each module of this package adds its
commands to it (or to the ``train``/``eval``/``predict`` groups) on import.
"""

from __future__ import annotations

import importlib
import pkgutil

from .main import main

for _mod in pkgutil.iter_modules(__path__):
    if _mod.name != "main":
        importlib.import_module(f"{__name__}.{_mod.name}")

__all__ = ["main"]
