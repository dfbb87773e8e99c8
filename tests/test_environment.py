"""The locks agree with pyproject.toml and with each other, and every installer uses them.

requirements.txt is the full lock (runtime, book, test, dev); requirements/runtime.txt its
subset for reading and rerunning the notebooks (``make lab``, Binder); binder/requirements.txt
a copy of it; environment.yml installs the full lock. All are refreshed by ``make lock``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
FULL_LOCK = ROOT / "requirements.txt"
RUNTIME_LOCK = ROOT / "requirements" / "runtime.txt"
PIP_LOCK = ROOT / "requirements" / "pip.txt"
BINDER = ROOT / "binder"

#: Tools that only the tests, the book build or development need: never in the runtime lock.
NOT_RUNTIME = [
    "pytest",
    "pytest-xdist",
    "nbval",
    "hypothesis",
    "playwright",
    "axe-playwright-python",
    "mypy",
    "ruff",
    "jupyter-book",
]


@dataclass(frozen=True)
class Pin:
    version: str
    extras: frozenset[str]
    hashes: frozenset[str]


def read_lock(path: Path) -> dict[str, Pin]:
    """The pins of a hashed requirements file, by canonical name; any line that is not an
    exact pin with at least one hash fails, naming the file and the line."""
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    pins: dict[str, Pin] = {}
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        spec, *options = line.split(" --hash=")
        req = Requirement(spec.strip())
        where = f"{path.relative_to(ROOT)}: {spec.strip()!r}"
        specs = list(req.specifier)
        assert len(specs) == 1 and specs[0].operator == "==", f"{where} is not pinned with =="
        assert options and all(h.strip().startswith("sha256:") for h in options), (
            f"{where} has no sha256 hash"
        )
        if req.marker is not None and not req.marker.evaluate():
            # A universal lock pins some packages twice, once per Python range (SciPy and
            # contourpy dropped 3.11): keep the pin this interpreter installs.
            continue
        name = canonicalize_name(req.name)
        assert name not in pins, f"{where}: {name} is pinned twice"
        pins[name] = Pin(
            specs[0].version, frozenset(req.extras), frozenset(h.strip() for h in options)
        )
    assert pins, f"{path} pins nothing"
    return pins


@pytest.fixture(scope="module")
def project() -> dict[str, list[Requirement]]:
    """pyproject.toml's requirements: ``runtime`` (its dependencies) and one list per extra."""
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    groups = {"runtime": meta["dependencies"], **meta["optional-dependencies"]}
    return {group: [Requirement(r) for r in reqs] for group, reqs in groups.items()}


@pytest.fixture(scope="module")
def full() -> dict[str, Pin]:
    return read_lock(FULL_LOCK)


@pytest.fixture(scope="module")
def runtime() -> dict[str, Pin]:
    return read_lock(RUNTIME_LOCK)


def _check_declared(reqs: list[Requirement], lock: dict[str, Pin], lock_name: str) -> None:
    for req in reqs:
        pin = lock.get(canonicalize_name(req.name))
        assert pin is not None, (
            f"{req.name} is declared in pyproject.toml but not pinned in {lock_name}"
        )
        assert req.specifier.contains(pin.version, prereleases=True), (
            f"{lock_name} pins {req.name}=={pin.version}, outside pyproject.toml's {req} (run make lock)"
        )
        assert req.extras <= pin.extras, (
            f"{lock_name} pins {req.name} without its extras {req.extras}"
        )


def test_every_runtime_dependency_is_pinned_in_the_runtime_lock(project, runtime) -> None:
    _check_declared(project["runtime"], runtime, "requirements/runtime.txt")


def test_every_dependency_and_extra_is_pinned_in_the_full_lock(project, full) -> None:
    assert set(project) == {"runtime", "book", "test", "dev"}
    for reqs in project.values():
        _check_declared(reqs, full, "requirements.txt")


def test_the_runtime_lock_is_a_subset_of_the_full_lock_at_the_same_versions(runtime, full) -> None:
    missing = sorted(set(runtime) - set(full))
    assert not missing, f"pinned in requirements/runtime.txt but not in requirements.txt: {missing}"
    differ = {
        name: (pin.version, full[name].version)
        for name, pin in runtime.items()
        if pin != full[name]
    }
    assert not differ, f"runtime lock and full lock differ (version, hashes or extras): {differ}"


def test_no_test_or_development_tool_is_in_the_runtime_lock(runtime, full) -> None:
    for tool in NOT_RUNTIME:
        assert tool in full, f"{tool} is missing from the full lock"
    leaked = [tool for tool in NOT_RUNTIME if tool in runtime]
    assert not leaked, f"the runtime lock holds test or development tools: {leaked}"


def test_the_holds_stay(full) -> None:
    assert full["pytest"].version == "9.1.1"
    assert full["jsonschema"].version == "4.24.1"
    assert Version(full["jupyter-book"].version).major < 2


def test_binder_installs_the_runtime_lock_then_the_package() -> None:
    assert (BINDER / "requirements.txt").read_bytes() == RUNTIME_LOCK.read_bytes(), (
        "binder/requirements.txt must be a copy of requirements/runtime.txt (make lock copies it)"
    )
    assert (BINDER / "runtime.txt").read_text(encoding="utf-8").strip() == "python-3.11"
    post_build = BINDER / "postBuild"
    assert post_build.stat().st_mode & 0o111, "binder/postBuild must be executable"
    assert "pip install --no-cache-dir --no-deps -e ." in post_build.read_text(encoding="utf-8")


def test_the_notebook_pin_accepts_the_jupyterlab_pin(runtime) -> None:
    """Binder's base image has notebook 7.4 (jupyterlab<4.5): the lock must pin a notebook
    that accepts its own JupyterLab, or pip check fails there once JupyterLab is upgraded.
    notebook 7.N requires jupyterlab 4.N; the installed notebook's metadata, when it is the
    pinned one, is checked too."""
    lab = Version(runtime["jupyterlab"].version)
    notebook = Version(runtime["notebook"].version)
    assert (notebook.major, notebook.minor) == (7, lab.minor), (
        f"notebook {notebook} does not go with jupyterlab {lab} (notebook 7.N needs jupyterlab 4.N)"
    )
    try:
        installed = metadata.distribution("notebook")
    except metadata.PackageNotFoundError:
        return
    if Version(installed.version) == notebook:
        wanted = [Requirement(r) for r in installed.requires or []]
        specs = [
            r.specifier
            for r in wanted
            if canonicalize_name(r.name) == "jupyterlab" and not r.marker
        ]
        assert specs and all(s.contains(lab) for s in specs), (
            f"notebook {notebook} requires {specs}"
        )


def test_environment_yml_installs_the_full_lock() -> None:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_sections = [dep["pip"] for dep in env["dependencies"] if isinstance(dep, dict)]
    assert pip_sections == [["-r requirements.txt"]], (
        "environment.yml must install requirements.txt, and nothing beside it in its pip section "
        "(pip refuses an editable requirement in hash-checking mode)"
    )


def test_pip_is_new_enough_for_the_locks() -> None:
    pins = read_lock(PIP_LOCK)
    assert list(pins) == ["pip"]
    assert Version(pins["pip"].version) >= Version("23.3")
