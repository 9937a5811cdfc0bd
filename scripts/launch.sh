#!/usr/bin/env bash
# Launches the workbench from the build tree on the default corpus (WordNet glosses).
# While the GUI is not built (MEGATOKEN_GUI=OFF, or a server), it runs the headless default job.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${MEGATOKEN_BUILD_DIR:-build}/bin

if [ -x "$bin/megatoken-workbench" ]; then
  exec "$bin/megatoken-workbench" "$@"
fi

echo "== The default corpus (WordNet glosses and examples)"
"$bin/megatoken" corpus --stats
echo "== A sentencepiece tokenizer trained on it"
"$bin/megatoken" tokenizer train --vocab 4096 --out runs/default-tokenizer
"$bin/megatoken" corpus --stats --tokenizer runs/default-tokenizer/tokenizer.model
