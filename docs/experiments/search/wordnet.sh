#!/usr/bin/env bash
# The search issue's WordNet sweep (docs/experiments.md, "The search"): every point the tiny-search
# preset (the tiny default the search began with) for its 2,000 steps, one thread (two parts side
# by side on the 2 cores), scored by the sweep on 1,000 test texts. Every part writes into one
# sweep folder, EXP/search-wordnet; `megatoken sweep` skips the points already in its tables and
# resumes a stopped point from its checkpoint.
#
# The rows measured so far are kept in the repository (docs/experiments/search/wordnet-runs.csv,
# one row per run): a fresh folder starts from them, so a sweep on a new machine trains only what
# is missing. When a part ends (finished or stopped) its rows are copied back there, to commit.
#
# Usage: docs/experiments/search/wordnet.sh EXP PART [TARGETS]   (TARGETS: 0.5,0.3 unless given)
#   PART: baselines  first-k, random, attention top-k, stride pooling; one seed
#         stride     stride pooling (the strongest fixed rule) with seeds 0-2
#         learned    the learned gates (the tiny preset: segment merging) with seeds 0-2
#         first-k    first-k with seeds 0-2 (its BLEU at 0.5 tops the one-seed baselines)
#         variants   the learned variants (variants.sh); one seed
#         variant:NAME   only the variant NAME of that list, to train it beside the others
#         seeds:NAME     the variant NAME with seeds 0-2
#         window2 | window0   learned and first-k with the decoder window 2 or unlimited (0), in
#                    their own folders (search-wordnet-window2, -window0): the default is 5
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
megatoken="${MEGATOKEN:-$root/build/bin/megatoken}"
exp="${1:?usage: $0 EXP PART}"
part="${2:?usage: $0 EXP PART}"
targets="${3:-0.5,0.3}"

name=search-wordnet
extra=()
case "$part" in
window2 | window0)
    name="search-wordnet-$part"
    extra=(--set "model.decoder_window=${part#window}")
    ;;
esac
source "$here/variants.sh"
source "$here/kept-rows.sh"
kept_rows "$exp/$name" "$here/${name#search-}-runs.csv"

sweep=("$megatoken" sweep --out "$exp" --name "$name" --preset tiny-search --targets "$targets"
    --set run.eval_every=500 --set run.threads=1 "${extra[@]}")
case "$part" in
baselines) "${sweep[@]}" --methods first-k,random,attention,stride ;;
stride) "${sweep[@]}" --methods stride --seeds 3 ;;
learned) "${sweep[@]}" --methods learned --seeds 3 ;;
first-k) "${sweep[@]}" --methods first-k --seeds 3 ;;
variants | variant:* | seeds:*)
    variant_args "$part"
    "${sweep[@]}" --methods '' "${variant_args[@]}"
    ;;
window2 | window0) "${sweep[@]}" --methods learned,first-k ;;
*)
    echo "$0: unknown part '$part' (baselines, stride, learned, first-k, variants, variant:NAME, seeds:NAME, window2, window0)" >&2
    exit 2
    ;;
esac
