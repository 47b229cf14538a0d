#!/usr/bin/env bash
# CI for the Python package: lint, build the sdist and the wheel from it, and
# test the installed wheel. Works from any directory and can be run again;
# exits non-zero on any failure.
#
# Needs what tests/install-deps.sh installs (a C++17 compiler, CMake,
# clang-format) and python3 with venv. Language packages come from PyPI into
# a virtual environment under $PRESENCE_PY_WORK (default build/python-ci).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="${PRESENCE_PY_WORK:-$repo/build/python-ci}"
python="${PYTHON:-python3}"
venv="$work/venv"
py="$venv/bin/python"

step() { printf '\n== %s\n' "$*"; }

step "virtual environment ($venv)"
if [ ! -x "$py" ]; then
  "$python" -m venv "$venv"
fi
"$py" -m pip install -q --disable-pip-version-check -r "$here/requirements-dev.txt"

step "lint: ruff, mypy, clang-format"
# ruff resolves per-file rules against the working directory: lint from here.
cd "$here"
python_sources=(src tests examples ../../bench/python ../../tests/scenarios/runners/python)
"$venv/bin/ruff" check "${python_sources[@]}"
"$venv/bin/ruff" format --check "${python_sources[@]}"
"$venv/bin/mypy"
clang-format --dry-run --Werror "$here"/src/native/*.cpp "$here"/src/native/*.h
bash -n "$repo/packaging/python/build_wheel.sh"

step "build: sdist, then the wheel from it"
PYTHON="$py" "$repo/packaging/python/build_wheel.sh" "$work/dist"
wheel="$(ls "$work"/dist/presence_engine-*.whl)"
"$py" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "$wheel"

step "stubs: the .pyi against the built extension (mypy.stubtest)"
"$py" -m mypy.stubtest presence._presence --allowlist "$here/stubtest-allowlist.txt"

step "tests (pytest, against the installed wheel)"
status=0
PRESENCE_WHEEL="$wheel" "$py" -m pytest -p no:cacheprovider tests || status=$?
if [ "$status" -eq 5 ]; then
  echo "ci.sh: pytest collected no tests" >&2
  exit 1
elif [ "$status" -ne 0 ]; then
  exit "$status"
fi

step "shared scenarios (tests/scenarios), through the installed wheel"
runner="$repo/tests/scenarios/runners/python/run_scenarios.py"
"$py" "$runner" --expect-failures "$repo/tests/scenarios/malformed/expected-failures.json"
"$py" "$runner"

step "benchmark smoke run (small; figures come from bench/python, see bench/README.md)"
"$py" "$repo/bench/python/bench_heartbeats.py" --sessions 20000 --users 5000 --repeat 1

step "python: all checks passed"
