#!/usr/bin/env bash
# Installs the system packages every build and test suite needs (Debian 12).
# Idempotent and quick when everything is present. Language packages (PyPI,
# npm, Maven) are fetched by each suite's own ci.sh.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libgtest-dev googletest nlohmann-json3-dev
  clang clang-format clang-tidy libclang-rt-14-dev valgrind
  python3-dev python3-venv
  swig maven openjdk-17-jdk-headless
  redis-server libhiredis-dev libssl-dev openssl
  chromium
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all system packages present"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
