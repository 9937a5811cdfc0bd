#!/usr/bin/env bash
# Launches the workbench from the build tree on the default corpus (WordNet glosses).
# While the GUI is not built (MEGATOKEN_GUI=OFF, or a server), it runs the headless default job:
# corpus statistics, then training the tiny preset with live progress (Ctrl-C stops cleanly
# with a checkpoint; `megatoken train --name NAME --resume` continues it).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${MEGATOKEN_BUILD_DIR:-build}/bin

if [ -x "$bin/megatoken-workbench" ]; then
  exec "$bin/megatoken-workbench" "$@"
fi

echo "== The default corpus (WordNet glosses and examples)"
"$bin/megatoken" corpus --stats
echo "== Training the tiny preset on it (runs/)"
exec "$bin/megatoken" train --preset tiny "$@"
