"""The packaged artifacts: the wheel, and pip install from the source tree, in fresh venvs.

ci.sh builds the wheel once (packaging/python/build_wheel.sh: sdist, then the
wheel from it) and passes it in PRESENCE_WHEEL; run alone, the test builds it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import venv
from pathlib import Path

import pytest

import presence

HERE = Path(__file__).resolve().parent.parent
REPO = HERE.parent.parent

SMOKE = textwrap.dedent(
    """
    import asyncio, pathlib, presence
    root = pathlib.Path(presence.__file__).parent
    assert (root / "py.typed").exists() and (root / "_presence.pyi").exists()
    with presence.Engine(debounce_active_ms=0, debounce_offline_ms=0) as engine:
        assert engine.open("tab-1", user_id="ann").state is presence.State.ACTIVE
        assert engine.heartbeat("tab-1", presence.Activity.ACTIVE) == 15000
        failures = engine.heartbeat_many(["tab-1", "ghost"]).failures
        assert failures == ((1, presence.Status.NOT_FOUND),)
        events = engine.events_since(0).events
        kinds = [e.kind for e in events]
        assert kinds[:2] == [presence.EventKind.SESSION, presence.EventKind.USER], events
        async def first_event():
            stream = engine.stream(engine.stats().last_seq)
            engine.leave("tab-1")
            return await stream.__anext__()
        assert asyncio.run(first_event()).new_state is presence.State.OFFLINE
        try:
            engine.heartbeat("x\\ud800")
        except presence.InvalidArgumentError as error:
            assert isinstance(error, ValueError)
    print("smoke ok", presence.__version__, presence.ENGINE_VERSION, root)
    """
)


def fresh_venv(path: Path) -> Path:
    venv.EnvBuilder(with_pip=True, clear=True).create(path)
    return path / "bin" / "python"


def pip(python: Path, *args: str) -> None:
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", *args],
        check=True,
        timeout=900,
        env={**os.environ, "CMAKE_BUILD_PARALLEL_LEVEL": "2"},
    )


def smoke(python: Path, cwd: Path) -> str:
    run = subprocess.run(
        [str(python), "-c", SMOKE],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,  # the assertion shows stderr
    )
    assert run.returncode == 0, run.stderr
    return run.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("PRESENCE_WHEEL")
    if given:
        return Path(given)
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [str(REPO / "packaging" / "python" / "build_wheel.sh"), str(out)],
        check=True,
        timeout=900,
        env={**os.environ, "PYTHON": sys.executable},
    )
    (built,) = out.glob("presence_engine-*.whl")
    return built


def test_these_tests_run_against_an_installed_package() -> None:
    assert "site-packages" in presence.__file__, presence.__file__


@pytest.mark.timeout(900)
def test_the_wheel_installs_and_works_in_a_fresh_venv(wheel: Path, tmp_path: Path) -> None:
    python = fresh_venv(tmp_path / "venv")
    pip(python, "--no-index", "--no-deps", str(wheel))  # nothing else is needed
    output = smoke(python, tmp_path)
    assert output.startswith("smoke ok 0.1.0 0.1.0 ")
    assert str(tmp_path / "venv") in output


@pytest.mark.timeout(900)
def test_pip_install_from_the_source_tree_works_in_a_fresh_venv(tmp_path: Path) -> None:
    python = fresh_venv(tmp_path / "venv")
    pip(python, str(HERE))
    assert smoke(python, tmp_path).startswith("smoke ok")
