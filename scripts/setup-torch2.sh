#!/usr/bin/env bash
# Installs LibTorch 2.x (PyPI's torch wheel, CUDA 13.0 build) into a virtual environment OUTSIDE the
# repository, for the `torch2` CMake presets. Idempotent and quick when present: a stamp file records the
# pinned version, and nothing is downloaded when it matches.
#
#   scripts/setup-torch2.sh            # installs into ${MEGATOKEN_TORCH2_VENV:-~/.cache/megatoken/torch2-venv}
#   scripts/setup-torch2.sh --print    # prints the path to give CMake as CMAKE_PREFIX_PATH, and exits
#
# Why this torch: 2.11.0 is the PyTorch of the lent GPU machines (2.11 + cu130), and its default PyPI
# wheel is built for CUDA 13.0, the toolkit installed on the development machines (nvcc 13.0).
# The wheel's CMake package (Caffe2Config.cmake) is a CUDA build's: it fails to configure unless it finds
# the CUDA toolkit (nvcc, cudart), even for CPU-only use. CMakeLists.txt sets CUDAToolkit_ROOT to
# /usr/local/cuda when that exists.
set -euo pipefail

TORCH_VERSION="${MEGATOKEN_TORCH2_VERSION:-2.11.0}"
VENV="${MEGATOKEN_TORCH2_VENV:-$HOME/.cache/megatoken/torch2-venv}"
STAMP="$VENV/.megatoken-torch-$TORCH_VERSION"

prefix_path() { echo "$VENV/lib/python3*/site-packages/torch/share/cmake" | { read -r p; echo $p; }; }

if [ "${1:-}" = "--print" ]; then
  [ -f "$STAMP" ] || { echo "setup-torch2: no torch $TORCH_VERSION in $VENV; run MEGATOKEN_TORCH2_VENV=$VENV scripts/setup-torch2.sh" >&2; exit 1; }
  dirname "$(dirname "$(prefix_path)")"
  exit 0
fi

if [ -f "$STAMP" ]; then
  echo "setup-torch2: torch $TORCH_VERSION present in $VENV"
else
  PY="${PYTHON:-python3}"
  command -v "$PY" >/dev/null || { echo "setup-torch2: $PY not found (apt-get install python3 python3-venv)" >&2; exit 1; }
  if [ ! -x "$VENV/bin/python" ]; then
    mkdir -p "$(dirname "$VENV")"
    "$PY" -m venv "$VENV" || {
      echo "setup-torch2: '$PY -m venv' failed; on Debian install python3-venv (scripts/setup-debian.sh does)" >&2
      exit 1; }
  fi
  echo "setup-torch2: installing torch==$TORCH_VERSION into $VENV (about 4 GB with its CUDA libraries; once)"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade "torch==$TORCH_VERSION"
  "$VENV/bin/python" -c "import torch, sys; v=torch.__version__; sys.exit(0 if v.startswith('$TORCH_VERSION') else 1)" 2>/dev/null || {
    echo "setup-torch2: torch in $VENV is not $TORCH_VERSION" >&2; exit 1; }
  touch "$STAMP"
fi

# The presets read the prefix through this stable link, so no Python minor version is spelled in them.
ln -sfn "$(dirname "$(dirname "$(prefix_path)")")" "$VENV/torch-prefix"; rm -f "$VENV/torch-cmake"
echo "setup-torch2: LibTorch $TORCH_VERSION at $VENV/torch-prefix (CMAKE_PREFIX_PATH)"
