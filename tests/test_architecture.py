"""The house rules of the code, checked on the source tree: arrows point one way (no import cycle), no module
reaches into another's private names, and a module past ~400 lines says in its docstring why it is one module.

Imports are read with `ast`, as written (also those inside functions): an import inside a function is still an
arrow between two modules."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
LONG_MODULE = 400
WHY_LONG = "one module because"
NAMEDTUPLE_API = {"_fields", "_asdict", "_replace", "_make"}  # public, underscored so as not to clash with fields  # the phrase a long module's docstring uses to give its reason


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted((SRC / "kg").rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> list[tuple[str, str, int]]:
    """(module imported, name imported or "", line) for every import of a kg module in `path`."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            for alias in node.names:
                whole = f"{target}.{alias.name}"
                found.append((whole, "", node.lineno) if whole in known else (target, alias.name, node.lineno))
        elif isinstance(node, ast.Import):
            found += [(alias.name, "", node.lineno) for alias in node.names]
    return [(m, n, line) for m, n, line in found if m in known]


def test_no_import_cycle() -> None:
    known = modules()
    graph = {m: {t for t, _, _ in imports(m, p, known) if t != m} for m, p in known.items()}
    # a package's __init__ importing its own submodules is how a package exposes them, not an upward arrow
    graph = {m: {t for t in ts if not t.startswith(m + ".")} for m, ts in graph.items()}
    cycles, state, stack = [], {}, []

    def visit(m: str) -> None:
        state[m] = "open"
        stack.append(m)
        for t in sorted(graph[m]):
            if state.get(t) == "open":
                cycles.append(" -> ".join(stack[stack.index(t):] + [t]))
            elif t not in state:
                visit(t)
        stack.pop()
        state[m] = "done"

    for m in sorted(graph):
        if m not in state:
            visit(m)
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_no_module_imports_a_private_name_of_another() -> None:
    known = modules()
    private = [f"{p.relative_to(SRC)}:{line} imports {n} from {m}"
               for name, p in known.items() for m, n, line in imports(name, p, known)
               if n.startswith("_") and not n.startswith("__") and m != name]
    assert not private, "\n".join(private)


def package_of(module: str) -> str:
    """The package a module belongs to for these rules: kg's first level (`kg.store`, `kg.extract`, `kg.cli`)."""
    return ".".join(module.split(".")[:2])


def defined_names(tree: ast.AST) -> set[str]:
    """Names a module defines: functions, classes, module variables and attributes it assigns."""
    names = {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                if isinstance(target, ast.Attribute):
                    names.add(target.attr)
                elif isinstance(target, ast.Name):
                    names.add(target.id)
    return names


def test_no_module_uses_a_private_attribute_of_another_package() -> None:
    """`remote._send(...)` from serve couples the server to the store client's insides (as it did): a module
    touches only underscore names its own package defines (the text reader's mixins share theirs)."""
    trees = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in modules().items()}
    defined: dict[str, set[str]] = {}
    for name, tree in trees.items():
        defined.setdefault(package_of(name), set()).update(defined_names(tree))
    offenders = [f"{name}:{node.lineno} uses .{node.attr}"
                 for name, tree in trees.items() for node in ast.walk(tree)
                 if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
                 and node.attr not in defined[package_of(name)]
                 and not (isinstance(node.value, ast.Name) and node.value.id == "os")  # os._exit: the documented way
                 and node.attr not in NAMEDTUPLE_API]
    assert not offenders, "\n".join(offenders)


def test_a_long_module_says_why_it_is_one_module() -> None:
    long = []
    for path in modules().values():
        lines = path.read_text(encoding="utf-8").count("\n")
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        if lines > LONG_MODULE and WHY_LONG not in " ".join(doc.split()):
            long.append(f"{path.relative_to(SRC)}: {lines} lines, and its docstring does not say why ('{WHY_LONG} …')")
    assert not long, "\n".join(long)


def test_every_package_says_what_lives_in_it() -> None:
    bare = [str(p.relative_to(SRC)) for p in (SRC / "kg").rglob("__init__.py")
            if len((ast.get_docstring(ast.parse(p.read_text(encoding="utf-8"))) or "").split()) < 5]
    assert not bare, "packages without a docstring saying what they hold:\n" + "\n".join(bare)
