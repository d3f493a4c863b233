"""The project works from a wheel: built, installed into a fresh virtual environment, then `kg build` and
`kg serve` run from a folder outside the checkout, with the ontology, shapes, saved queries and the curated
mapping read from the installed package.

The fresh environment borrows the dependencies of the running one (a `.pth` naming its site-packages, which
holds no `kg`: the editable install is a `.pth` file there, and `.pth` files of a folder named in a `.pth` are
not read), so nothing is downloaded; the wheel itself is built by pip from the local package indexes.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import httpx
import pytest

from servers import free_port

ROOT = Path(__file__).resolve().parents[1]
BASE = "https://w3id.org/jpow-kg/"
CAMP = "id/camp/camp-99-spassky"
# What a build of the wheel reads (an sdist holds the same, see MANIFEST.in).
BUILD_INPUTS = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "src", "ontology", "shapes", "queries",
                "data/mapping.yaml")


def _run(args: list[str | Path], cwd: Path, env: dict[str, str] | None = None, timeout: float = 120) -> str:
    r = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert r.returncode == 0, f"{' '.join(map(str, args))} exited with {r.returncode}:\n{r.stdout}\n{r.stderr}"
    return r.stdout


def _clean_env(**extra: str) -> dict[str, str]:
    """The environment without the settings (KG_*) and import paths of the caller."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("KG_") and k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built by pip from a copy of what the build reads (so no build/ folder lands in the checkout)."""
    tmp = tmp_path_factory.mktemp("wheel")
    tree = tmp / "tree"
    for name in BUILD_INPUTS:
        src, dst = ROOT / name, tree / name
        if src.is_dir():
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"))
        elif src.is_file():
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    dist = tmp / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", dist, tree], cwd=tmp,
         env=_clean_env(), timeout=180)
    (whl,) = dist.glob("jpow_kg-*.whl")
    return whl


@pytest.mark.slow
def test_the_wheel_holds_the_ontology_shapes_queries_and_mapping(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("ontology", "shapes", "queries"):
        expected = {f"kg/_home/{folder}/{p.name}" for p in (ROOT / folder).iterdir() if p.suffix in (".ttl", ".rq")}
        assert expected and expected <= names, f"missing from the wheel: {sorted(expected - names)}"
    assert "kg/_home/data/mapping.yaml" in names
    assert not [n for n in names if n.endswith(".csv")], "the curated tables are not package data"


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed; the dependencies come from the running environment."""
    venv = tmp_path_factory.mktemp("venv") / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=venv.parent)
    python = venv / "bin" / "python"
    # installed before the dependencies are made visible, so pip sees no other jpow-kg
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "--quiet", wheel],
         cwd=venv.parent, env=_clean_env())
    purelib = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], cwd=venv.parent).strip())
    deps = [p for p in site.getsitepackages() if Path(p).is_dir() and not (Path(p) / "kg").exists()]
    (purelib / "_kg_test_dependencies.pth").write_text("".join(f"{p}\n" for p in deps), encoding="utf-8")
    return venv


@pytest.mark.slow
def test_the_installed_package_is_the_wheel_with_its_packaged_resources(venv: Path, tmp_path: Path) -> None:
    out = _run([venv / "bin" / "python", "-c",
                "import kg, kg.config as c; s = c.Settings(); "
                "print(kg.__file__); print(s.ontology_dir); print(s.shapes_dir); print(s.queries_dir); "
                "print(s.mapping_file)"],
               cwd=tmp_path, env=_clean_env()).split("\n")
    kg_file, *dirs = [Path(line) for line in out if line]
    assert kg_file.resolve().is_relative_to(venv.resolve()), f"kg imported from {kg_file}, not from the wheel"
    for d in dirs:
        assert d.resolve().is_relative_to(venv.resolve()) and d.exists(), d


@pytest.mark.slow
def test_kg_home_overrides_the_packaged_resources(venv: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    for folder in ("ontology", "shapes", "queries"):
        shutil.copytree(ROOT / folder, home / folder)
    out = _run([venv / "bin" / "python", "-c", "import kg.config as c; print(c.Settings().ontology_dir)"],
               cwd=tmp_path, env=_clean_env(KG_HOME=str(home)))
    assert Path(out.strip()) == home / "ontology"


@pytest.mark.slow
def test_kg_build_and_kg_serve_run_from_the_wheel_outside_the_checkout(venv: Path, tmp_path: Path) -> None:
    # the curated tables only: the mapping comes with the package
    work = tmp_path / "work"
    (work / "data").mkdir(parents=True)
    for table in (ROOT / "data").glob("*.csv"):
        shutil.copy2(table, work / "data" / table.name)
    env = _clean_env()
    kg = venv / "bin" / "kg"
    out = _run([kg, "build", "--store", "store", "-q"], cwd=work, env=env)
    assert "Built" in out and (work / "store").exists()

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log = (tmp_path / "server.log").open("wb")
    server = subprocess.Popen([str(kg), "serve", "--store", "store", "--host", "127.0.0.1", "--port", str(port),
                               "--workers", "1"], cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            assert server.poll() is None, f"kg serve exited with {server.returncode}:\n" \
                                          f"{(tmp_path / 'server.log').read_text(errors='replace')}"
            try:
                if httpx.get(url + "healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "kg serve did not answer /healthz within 30 s"
            time.sleep(0.1)

        r = httpx.get(url + "sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"},
                      headers={"Accept": "application/sparql-results+json"}, timeout=30)
        assert r.status_code == 200, r.text
        assert int(r.json()["results"]["bindings"][0]["n"]["value"]) > 0

        ttl = httpx.get(url + CAMP, headers={"Accept": "text/turtle"}, timeout=30)
        assert ttl.status_code == 200 and ttl.headers["content-type"].startswith("text/turtle"), ttl.text
        assert "Spassky camp No. 99" in ttl.text
        page = httpx.get(url + CAMP, headers={"Accept": "text/html"}, timeout=30)
        assert page.status_code == 200 and "Spassky" in page.text

        # the packaged ontology and saved queries are served too
        ontology = httpx.get(url + "ontology.ttl", timeout=30)
        assert ontology.status_code == 200 and ontology.content == (ROOT / "ontology" / "jpow.ttl").read_bytes()
        saved = httpx.get(url + "api/queries", timeout=30)
        assert saved.status_code == 200 and len(saved.json()) >= len(list((ROOT / "queries").glob("*.rq")))
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


# -- in-process, fast: how the resources and the mapping are found ------------------------------------------


def test_in_a_checkout_the_resources_are_the_checkouts_and_kg_home_overrides_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.config import Settings, resource_home

    monkeypatch.delenv("KG_HOME", raising=False)
    assert resource_home() == ROOT and Settings().ontology_dir == ROOT / "ontology"
    assert Settings().mapping_file == ROOT / "data" / "mapping.yaml"
    monkeypatch.setenv("KG_HOME", str(tmp_path))
    s = Settings()
    assert (s.project_root, s.shapes_dir, s.queries_dir) == (tmp_path, tmp_path / "shapes", tmp_path / "queries")


def test_a_folder_without_mapping_yaml_uses_the_curated_one_only_if_it_holds_a_curated_table(tmp_path: Path) -> None:
    from kg.errors import InputError
    from kg.extract.mapping import load_mapping

    curated = ROOT / "data" / "mapping.yaml"
    with pytest.raises(InputError, match="no mapping.yaml"):
        load_mapping(tmp_path, curated)
    (tmp_path / "notes.csv").write_text("id\n", encoding="utf-8")
    with pytest.raises(InputError, match="no mapping.yaml"):
        load_mapping(tmp_path)
    shutil.copy2(ROOT / "data" / "camps.csv", tmp_path / "camps.csv")
    mapping = load_mapping(tmp_path, curated)
    assert mapping.path == curated and mapping.tables["camps"].file == tmp_path / "camps.csv"
