#!/usr/bin/env bash
# Installs every Debian 12 package that the build, the tests and the default corpus need.
# Idempotent and quick when everything is present: apt-get runs only for missing packages.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libtorch-dev libgloo-dev libopenblas0-openmp
  qt6-base-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  libqcustomplot-dev libqcustomplot2.1-qt6
  libsentencepiece-dev
  nlohmann-json3-dev libcli11-dev libicu-dev libzip-dev libboost-math-dev
  wordnet-base python3-doc
  xvfb xauth imagemagick time
  clang clang-format libclang-rt-14-dev
  python3 python3-venv
  locales
)
# Locales the tests run under (run files must not depend on LC_NUMERIC; see tests/core/tst_number_format).
test_locales=(de_DE.UTF-8 ru_RU.UTF-8)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-debian: all ${#packages[@]} packages present."
else
  echo "setup-debian: installing ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
fi

for l in "${test_locales[@]}"; do
  # `locale -a` spells them de_DE.utf8
  if ! locale -a 2>/dev/null | grep -qix "${l%%.*}.utf8"; then
    echo "setup-debian: generating the locale $l"
    "${sudo_cmd[@]}" localedef -i "${l%%.*}" -f UTF-8 "$l"
  fi
done
