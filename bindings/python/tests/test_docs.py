"""The README's quickstart is examples/quickstart.py, and it runs as written."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
README = (HERE / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = README.index(f"## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def test_the_quickstart_is_the_example_file() -> None:
    blocks = re.findall(r"```python\n(.*?)```", section("Quickstart"), re.S)
    assert blocks, "no python block in the Quickstart section"
    assert blocks[0] == (HERE / "examples" / "quickstart.py").read_text(encoding="utf-8")
    assert len(blocks[0].splitlines()) <= 16


def test_the_quickstart_prints_what_the_readme_says(tmp_path: Path) -> None:
    expected = re.findall(r"```text\n(.*?)```", section("Quickstart"), re.S)[0]
    run = subprocess.run(
        [sys.executable, str(HERE / "examples" / "quickstart.py")],
        capture_output=True,
        text=True,
        cwd=tmp_path,  # away from the source tree: the installed package runs
        timeout=60,
        check=True,
    )
    assert run.stdout == expected


def test_the_reference_names_every_public_method() -> None:
    import presence

    reference = section("API reference")
    for name in dir(presence.Engine):
        if not name.startswith("_"):
            assert f"`{name}" in reference, name
    for name in presence.__all__:
        assert name in README, name
