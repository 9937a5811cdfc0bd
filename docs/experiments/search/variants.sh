# Sourced by the search scripts: the learned variants, one list for both corpora.
# Each is NAME:KEYS, the script's preset with those keys changed: left merging and the binomial
# prior (with and without segment merging) from the gate-mechanisms issue; quantile keep with
# segment merging; calibration-only, where no loss term pushes the keep ratio (lambda 0) and the
# calibration offset alone holds it, so the gates learn only from the reconstruction loss; and
# controller-droppable, whose controller holds the droppable share the calibration aims at, not
# the overall keep ratio with EOS (docs/experiments.md, "Why the learned gates lose at 0.3").
search_variants=(
    left:gates.merge=left
    segment-binomial:loss.prior=binomial
    prior-binomial:gates.merge=none,loss.prior=binomial
    segment-quantile:gates.keep=quantile
    calibration-only:loss.schedule=constant,loss.lambda=0
    controller-droppable:loss.controller_measure=droppable
)

# variant_args PART: the sweep's --variant arguments for PART, into the array variant_args:
# `variants` all of them, `variant:NAME` only NAME (to train it beside the others), `seeds:NAME`
# NAME with --seeds 3. Exits 2 on a name not in the list.
variant_args() {
    variant_args=()
    local v
    for v in "${search_variants[@]}"; do
        if [[ "$1" == variants || "${v%%:*}" == "${1#*:}" ]]; then variant_args+=(--variant "$v"); fi
    done
    if [[ "$1" == seeds:* && ${#variant_args[@]} -gt 0 ]]; then variant_args+=(--seeds 3); fi
    if [[ ${#variant_args[@]} -eq 0 ]]; then
        echo "$0: no variant '${1#*:}' (${search_variants[*]%%:*})" >&2
        exit 2
    fi
}
