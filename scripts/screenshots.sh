#!/usr/bin/env bash
# Regenerates docs/screenshots/ with real training data, under Xvfb:
#   1. two short tiny-preset runs with different keep targets (the comparison), trained by the CLI;
#   2. the workbench trains a live run and photographs itself mid-training, then overlays the two
#      runs, then shows the export dialog and exports the dashboard as SVG.
# Usage: scripts/screenshots.sh [build dir, default build]
# COMPARE=dirA,dirB skips step 1 and compares those run directories instead; INSPECT=dir picks
# the run the inspector shots use (default: the first compared run).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
bin="$build/bin"
out=docs/screenshots
[ -x "$bin/megatoken-workbench" ] || { echo "no $bin/megatoken-workbench: build first (cmake --workflow --preset default)" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "xvfb-run is missing: sudo apt-get install xvfb xauth" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
compare=${COMPARE:-}
if [ -z "$compare" ]; then
  echo "training two comparison runs (about 8 minutes on 2 cores)..."
  for target in 0.5 0.7; do
    "$bin/megatoken" train --preset tiny --steps 500 --out "$work/runs" --name "keep-$target" \
      --set loss.target_keep=$target --set run.eval_every=50 --set run.threads=1 > "$work/keep-$target.log" 2>&1 &
  done
  wait
  compare="$work/runs/keep-0.5,$work/runs/keep-0.7"
fi

mkdir -p "$out"
xvfb-run -a -s '-screen 0 1600x1000x24' \
  "$bin/megatoken-workbench" --screenshots "$out" --runs "$work/live" --compare "$compare" ${INSPECT:+--inspect "$INSPECT"} --language en
echo "screenshots in $out:"
ls -l "$out"
