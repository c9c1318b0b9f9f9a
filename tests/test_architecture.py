"""The package's import graph: no cycles, and every import points down the declared layer order.

The graph is read from the source with :mod:`ast` (every ``import`` statement, including those
inside functions and ``TYPE_CHECKING`` blocks), so it checks the code as written, not what one
test run happens to import. docs/ARCHITECTURE.md describes the layers.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "src" / "narrascope"

#: Bottom to top. A module may import modules of its own layer or of a lower one, never of a
#: higher one. Keys are the first name under ``narrascope`` (``narrascope.store.core`` → ``store``);
#: ``narrascope`` is the package's own ``__init__`` (the public API facade).
LAYERS: list[tuple[str, ...]] = [
    ("errors", "version"),
    ("document", "settings", "component_settings"),
    ("models",),
    ("store",),
    ("ingest", "dates", "actors"),
    ("quotes", "techniques", "framing"),
    ("corpus",),
    ("export", "exports", "render"),
    ("registry",),
    ("components",),
    ("pipeline",),
    ("runner",),
    ("collect", "scale"),
    ("narrascope",),
    ("web",),
    ("cli",),
]

#: Inside a package: its own bottom-to-top order of modules (same rule as :data:`LAYERS`).
SUBLAYERS: dict[str, list[tuple[str, ...]]] = {
    "web": [
        ("deps", "views", "cache", "corpus_views", "jobs", "guard"),
        ("data",),
        ("api", "pages", "corpus_pages", "collect_api"),
        ("app",),
    ],
}

#: Modules that must not import one another: web routers share code through ``web.deps`` and
#: ``web.data``; components share code through the domain packages below them.
ISOLATED: list[tuple[str, ...]] = [
    ("narrascope.web.api", "narrascope.web.pages", "narrascope.web.corpus_pages", "narrascope.web.collect_api"),
]

#: Known violations, (importer, imported): each one is a debt to pay, and the list only shrinks.
KNOWN: set[tuple[str, str]] = set()


def _modules() -> dict[str, tuple[Path, bool]]:
    out = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        package = parts[-1] == "__init__"
        if package:
            parts.pop()
        out[".".join(parts)] = (path, package)
    return out


MODULES = _modules()
ISOLATED.append(tuple(m for m in MODULES if m.startswith("narrascope.components.")))


def _imports(name: str) -> Iterator[tuple[str, int]]:
    """``(imported module, line)`` for each narrascope import in module ``name``."""
    path, package = MODULES[name]
    here = name if package else name.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "narrascope":
                    yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here.split(".")[: len(here.split(".")) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target.split(".")[0] != "narrascope":
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                yield (sub if sub in MODULES else target), node.lineno


GRAPH: dict[str, dict[str, int]] = {
    name: {target: line for target, line in _imports(name) if target in MODULES and target != name} for name in MODULES
}


def _key(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "narrascope"


def _rank(key: str, layers: list[tuple[str, ...]]) -> int | None:
    return next((i for i, layer in enumerate(layers) if key in layer), None)


def _violations() -> set[tuple[str, str]]:
    """Every (importer, imported) pair that goes up a layer or crosses between isolated modules."""
    found = set()
    for src, targets in GRAPH.items():
        for dst in targets:
            a, b = _key(src), _key(dst)
            ra, rb = _rank(a, LAYERS), _rank(b, LAYERS)
            if ra is not None and rb is not None and rb > ra:
                found.add((src, dst))
            if a == b and a in SUBLAYERS and len(src.split(".")) > 2 and len(dst.split(".")) > 2:
                sa, sb = (_rank(m.split(".")[2], SUBLAYERS[a]) for m in (src, dst))
                if sa is not None and sb is not None and sb > sa:
                    found.add((src, dst))
            if any(src in group and dst in group for group in ISOLATED):
                found.add((src, dst))
    return found


def _cycles(skip: set[tuple[str, str]] | None = None) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), ignoring the ``skip`` edges."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in GRAPH[v]:
            if skip and (v, w) in skip:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    return out


def test_the_graph_sees_the_package() -> None:
    assert "narrascope.store.core" in MODULES
    assert "narrascope.document" in GRAPH["narrascope.store.core"]


def test_every_module_has_a_layer() -> None:
    unplaced = sorted({_key(m) for m in MODULES} - {k for layer in LAYERS for k in layer})
    assert not unplaced, f"add these to LAYERS in tests/test_architecture.py and docs/ARCHITECTURE.md: {unplaced}"
    for package, layers in SUBLAYERS.items():
        named = {k for layer in layers for k in layer}
        subs = sorted({m.split(".")[2] for m in MODULES if _key(m) == package and len(m.split(".")) > 2} - named)
        assert not subs, f"add these modules of {package} to SUBLAYERS: {subs}"


def test_no_import_cycles() -> None:
    cycles = _cycles(skip=KNOWN)
    assert not cycles, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in cycles)


def test_imports_point_down_the_layers() -> None:
    new = sorted(_violations() - KNOWN)
    lines = [f"{src}:{GRAPH[src][dst]} imports {dst}" for src, dst in new]
    assert not new, "imports against the layer order (see LAYERS):\n" + "\n".join(lines)


@pytest.mark.parametrize("pair", sorted(KNOWN))
def test_known_exceptions_still_exist(pair: tuple[str, str]) -> None:
    """A paid-off debt must leave :data:`KNOWN`, so the list cannot hide a new violation."""
    src, dst = pair
    assert dst in GRAPH.get(src, {}), f"{src} no longer imports {dst}: remove it from KNOWN"
    cycle = any(src in c and dst in c for c in _cycles())
    assert pair in _violations() or cycle, f"{src} -> {dst} is allowed now: remove it from KNOWN"


def test_the_version_loads_neither_the_store_nor_the_runner() -> None:
    code = (
        "import sys, narrascope; narrascope.__version__; "
        "print(' '.join(m for m in sys.modules if m.startswith(('narrascope.', 'sqlalchemy'))))"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT.parent), os.environ.get("PYTHONPATH", "")])}
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    names = set(loaded.stdout.split())
    assert not names & {"narrascope.store", "narrascope.runner", "narrascope.pipeline", "sqlalchemy"}, names


def test_the_public_api_still_offers_its_names() -> None:
    import narrascope

    assert narrascope.Store is narrascope.store.Store
    assert callable(narrascope.run) and callable(narrascope.read_inputs) and callable(narrascope.open_store)
    assert set(narrascope.__all__) <= set(dir(narrascope)) | set(narrascope._LAZY)


def test_only_the_store_touches_the_database() -> None:
    """Persistence lives in ``narrascope.store``: no other module imports SQLAlchemy or reaches for an engine."""
    offenders = []
    for name, (path, _package) in MODULES.items():
        if _key(name) == "store":
            continue
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        for node in ast.walk(tree):
            mods = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom) and not node.level
                else []
            )
            if any(m.split(".")[0] == "sqlalchemy" for m in mods):
                offenders.append(f"{name}:{node.lineno} imports sqlalchemy")
            if isinstance(node, ast.Attribute) and node.attr == "engine":
                offenders.append(f"{name}:{node.lineno} uses .engine")
    assert not offenders, "\n".join(offenders)


def test_exceptions_live_in_errors_py() -> None:
    """One exception tree: every exception class is defined in ``narrascope/errors.py``."""
    found = []
    for name, (path, _package) in MODULES.items():
        if name == "narrascope.errors":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = [ast.unparse(b).rsplit(".", 1)[-1] for b in node.bases]
                if any(b.endswith(("Error", "Exception")) for b in bases):
                    found.append(f"{name}:{node.lineno} class {node.name}")
    assert not found, "define these in narrascope/errors.py:\n" + "\n".join(found)


def test_modules_stay_small() -> None:
    """A module a newcomer can read in one sitting: at most 400 lines."""
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, (path, _p) in MODULES.items()}
    long = {name: n for name, n in sizes.items() if n > 400}
    assert not long, f"split these modules: {long}"
