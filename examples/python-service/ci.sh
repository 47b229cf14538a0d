#!/usr/bin/env bash
# CI for the Python who's-online service: a virtual environment with the
# local presence-engine package (rebuilt only when the engine or binding
# sources changed), the service and its test tools; ruff; pytest.
# Works from any directory and can be run again; exits non-zero on failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="${PRESENCE_SERVICE_WORK:-$repo/build/python-service}"
venv="$work/venv"
py="$venv/bin/python"
pip=("$py" -m pip install -q --disable-pip-version-check)

step() { printf '\n== python-service: %s\n' "$*"; }

step "virtual environment ($venv)"
if [ ! -x "$py" ]; then
  "${PYTHON:-python3}" -m venv "$venv"
fi

step "the presence-engine package from bindings/python"
# Building the native engine takes minutes on a shared machine, so it is
# redone only when what goes into the wheel changed since the last install.
stamp="$venv/presence-engine.sources"
sources="$(
  cd "$repo"
  find CMakeLists.txt LICENSE core capi packaging/CMakeLists.txt packaging/presence.pc.in \
    packaging/presenceConfig.cmake.in bindings/python/CMakeLists.txt \
    bindings/python/pyproject.toml bindings/python/src \
    -type f -not -name '*.pyc' -print0 | sort -z | xargs -0 sha1sum | sha1sum
)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$sources" ] || ! "$py" -c "import presence" 2>/dev/null; then
  CMAKE_BUILD_PARALLEL_LEVEL=2 nice "${pip[@]}" --force-reinstall --no-deps "$repo/bindings/python"
  printf '%s\n' "$sources" >"$stamp"
else
  echo "up to date"
fi

step "the service and its test tools"
# Editable: nothing is built into the source folder but the (ignored) egg-info.
"${pip[@]}" -e "$here[test]"

step "lint: ruff"
cd "$here"
"$venv/bin/ruff" check --no-cache .
"$venv/bin/ruff" format --no-cache --check .

step "tests (pytest)"
status=0
"$py" -m pytest -p no:cacheprovider "$here/tests" || status=$?
if [ "$status" -eq 5 ]; then
  echo "python-service: pytest collected no tests" >&2
  exit 1
elif [ "$status" -ne 0 ]; then
  exit "$status"
fi

step "all checks passed"
