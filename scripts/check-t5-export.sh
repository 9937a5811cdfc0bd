#!/usr/bin/env bash
# Checks `megatoken export-hf` with transformers itself, on the v1.1 (Flan-T5-style) fixture after
# gates were trained on top: import, train --init-from with the flan-t5-small preset's gates, export
# with the outputs transformers should compute, then load the folder with
# T5ForConditionalGeneration.from_pretrained and compare (scripts/make-t5-fixture.py --check-export).
# Writes tests/data/t5/export-check.json (committed; see docs/pretrained.md).
#
#   scripts/check-t5-export.sh [BUILD_DIR]     # default build/; Python: the torch2 venv with transformers
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
python="${PYTHON:-$HOME/.cache/megatoken/torch2-venv/bin/python}"
# A fixed work folder, so the committed report's paths do not change from one run to the next.
work="${TMPDIR:-/tmp}/megatoken-t5-export-check"
rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
megatoken="$build/bin/megatoken"
fixture="$root/tests/data/t5/t5-v1_1"

"$megatoken" import-hf "$fixture" --name fixture --out "$work/runs"
"$megatoken" train --preset flan-t5-small --init-from "$work/runs/fixture" --out "$work/runs" --name gated \
  --steps 20 --set data.max_texts=300 --set data.max_tokens=32 --set data.batch_size=8 \
  --set data.validation_texts=16 --set run.eval_every=10 --set run.threads=2
"$megatoken" export-hf --run "$work/runs/gated" --out "$work/exported" \
  --reference-inputs "$fixture/parity.safetensors" --reference-out "$work/reference.safetensors"
"$python" "$root/scripts/make-t5-fixture.py" --check-export "$work/exported" \
  --reference "$work/reference.safetensors" --out "$root/tests/data/t5/export-check.json"
