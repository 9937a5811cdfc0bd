#!/usr/bin/env bash
# Launches the workbench from the build tree on the default corpus (WordNet glosses).
# Without the GUI (MEGATOKEN_GUI=OFF) or without a display (a server), it runs the headless default job:
# corpus statistics, then training the tiny preset with live progress (Ctrl-C stops cleanly
# with a checkpoint; `megatoken train --name NAME --resume` continues it).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${MEGATOKEN_BUILD_DIR:-build}/bin

if [ -x "$bin/megatoken-workbench" ]; then
  if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || [ -n "${QT_QPA_PLATFORM:-}" ]; then
    exec "$bin/megatoken-workbench" "$@"
  fi
  echo "No display (DISPLAY / WAYLAND_DISPLAY unset): running the headless default job instead." >&2
  echo "On a desktop, run $bin/megatoken-workbench; over SSH, use ssh -X or xvfb-run." >&2
fi

echo "== The default corpus (WordNet glosses and examples)"
"$bin/megatoken" corpus --stats
echo "== Training the tiny preset on it (runs/)"
exec "$bin/megatoken" train --preset tiny "$@"
