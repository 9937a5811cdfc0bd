#!/usr/bin/env bash
# Run HERE (the development machine), before scripts/device-check.sh is sent to a lent GPU machine.
# The GPU machine has PyTorch (with LibTorch's CMake package), CMake, ninja and nvcc, but none of the
# Debian packages the headless build and the tests need, and it cannot fetch anything. This script
# downloads them as .deb files into .devdeps/ (git-ignored; about 22 MB, under the device tool's
# 64 MiB limit); device-check.sh unpacks them with `dpkg -x` into a folder of their own, never into /.
# Idempotent: files already downloaded are kept.
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(
  # Qt 6 Core + Test, and the moc that CMake's AUTOMOC runs (headless tests need nothing else of Qt)
  qt6-base-dev qt6-base-dev-tools qmake6 qmake6-bin libqt6core6 libqt6test6 libicu72 libdouble-conversion3 libpcre2-16-0 libb2-1
  # the tokenizer module (sentencepiece, with its own protobuf-lite) and the header-only libraries
  libsentencepiece-dev libsentencepiece0 libprotobuf-lite32 nlohmann-json3-dev libcli11-dev
  # the default corpus, so the trainer tests and the throughput benchmark run on real sentences
  wordnet-base
)
mkdir -p .devdeps
cd .devdeps
missing=()
for p in "${packages[@]}"; do compgen -G "${p}_*.deb" >/dev/null || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get download "${missing[@]}"
fi
du -sh . | sed 's/^/device-deps: /'
