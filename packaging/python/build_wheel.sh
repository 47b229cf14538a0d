#!/usr/bin/env bash
# Builds the presence-engine Python distributions: the sdist first, then the
# wheel from that sdist (python -m build does exactly this), so every wheel
# proves that the sdist builds on its own, outside the repository.
#
# Usage: packaging/python/build_wheel.sh [OUT_DIR]   (default: <repo>/dist/python)
# Environment: PYTHON, the interpreter to build for (default: python3); it
# needs the 'build' package (pip install build). The build backend
# (scikit-build-core) and pybind11 come from PyPI into an isolated
# environment; the C++ engine is compiled into the wheel.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-$repo/dist/python}"
python="${PYTHON:-python3}"

if ! "$python" -c "import build" 2>/dev/null; then
  echo "build_wheel.sh: $python lacks the 'build' package: $python -m pip install build" >&2
  exit 2
fi

# The machine is shared: two compile jobs at most, at low priority.
export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-2}"
mkdir -p "$out"
rm -f "$out"/presence_engine-*.whl "$out"/presence_engine-*.tar.gz
nice "$python" -m build --outdir "$out" "$repo/bindings/python"
ls "$out"/presence_engine-*.tar.gz "$out"/presence_engine-*.whl
