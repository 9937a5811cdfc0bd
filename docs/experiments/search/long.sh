#!/usr/bin/env bash
# The search issue's long-text sweep (docs/experiments.md, "Long texts"): the `long` preset (the
# Python documentation's paragraphs, up to 256 pieces) on one thread. From scratch the tiny model
# does not learn to copy 70-piece paragraphs within a point's budget, so every point starts from
# one shared warm start, made in two stages without gates (a plain autoencoder): 600 steps on
# texts cut to 32 pieces, where it learns to copy, then 1,000 steps at the preset's 256. Each point
# then adds its gates (open), warms up 50 steps, ramps to its target over 300 and trains 800 steps
# in all. Every method starts from the same weights and data order.
#
# The rows measured so far are kept in docs/experiments/search/long-runs.csv; a fresh sweep folder
# starts from them, and when a part ends (finished or stopped) its rows are copied back there.
#
# Usage: docs/experiments/search/long.sh EXP PART [TARGETS]   (TARGETS: 0.5,0.3 unless given)
#   PART: warm        the two warm-start stages (EXP/long-warm/copy32, EXP/long-warm/copy256)
#         baselines   first-k, random, attention top-k, stride pooling; one seed
#         stride      stride pooling with seeds 0-2
#         learned     the learned gates (segment merging) with seeds 0-2
#         first-k     first-k with seeds 0-2
#         variants    the learned variants (variants.sh); one seed
#         variant:NAME  only the variant NAME, to train it beside the others
#         seeds:NAME    the variant NAME with seeds 0-2
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
megatoken="${MEGATOKEN:-$root/build/bin/megatoken}"
exp="${1:?usage: $0 EXP PART}"
part="${2:?usage: $0 EXP PART}"
targets="${3:-0.5,0.3}"
warm="$exp/long-warm"

# A stage: skipped once completed, resumed from its checkpoint when it was stopped.
stage() {
    local name="$1"
    shift
    if [[ -f "$warm/$name/status.json" ]] && grep -q '"completed"' "$warm/$name/status.json"; then return; fi
    if [[ -d "$warm/$name" ]]; then
        "$megatoken" train --out "$warm" --name "$name" --resume
    else
        "$megatoken" train --preset long --out "$warm" --name "$name" --set gates.every=0 \
            --set run.eval_every=200 --set run.threads=1 "$@"
    fi
}
if [[ "$part" == warm ]]; then
    stage copy32 --steps 600 --set data.max_tokens=32
    stage copy256 --steps 1000 --init-from "$warm/copy32"
    exit 0
fi
[[ -d "$warm/copy256" ]] || { echo "$0: no warm start in $warm/copy256; run the part 'warm' first" >&2; exit 2; }

source "$here/kept-rows.sh"
source "$here/variants.sh"
kept_rows "$exp/search-long" "$here/long-runs.csv"
sweep=("$megatoken" sweep --out "$exp" --name search-long --preset long --targets "$targets" --steps 800
    --set "run.init_from=$warm/copy256" --set loss.warmup_steps=50 --set loss.target_ramp_steps=300
    --set run.eval_every=200 --set run.threads=1)
case "$part" in
baselines) "${sweep[@]}" --methods first-k,random,attention,stride ;;
stride) "${sweep[@]}" --methods stride --seeds 3 ;;
learned) "${sweep[@]}" --methods learned --seeds 3 ;;
first-k) "${sweep[@]}" --methods first-k --seeds 3 ;;
variants | variant:* | seeds:*)
    variant_args "$part"
    "${sweep[@]}" --methods '' "${variant_args[@]}"
    ;;
*)
    echo "$0: unknown part '$part' (warm, baselines, stride, learned, first-k, variants, variant:NAME, seeds:NAME)" >&2
    exit 2
    ;;
esac
