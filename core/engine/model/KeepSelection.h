#pragma once
// gates.keep=quantile (Nugget, Qin & Van Durme 2023; DynamicViT's per-sample ratio): a learned gate
// keeps exactly ceil(rho * n) of the n droppable alive tokens of every row (not EOS, padding or
// tokens an earlier gate dropped), rho = the gate's share of the keep target.
#include <torch/torch.h>

#include <functional>

namespace megatoken {

struct QuantileKeep {
    torch::Tensor keep;  // [B, L] bool: droppable tokens among the row's ceil(rho * n) largest logits
    torch::Tensor tau;   // [B, 1]: the ceil(rho * n)-th largest droppable logit of the row (detached; 0 without any)
    torch::Tensor soft;  // [B, L]: formLogAlpha(logits - tau), 0 where not droppable
    // [B, L]: forward 0 where kept or not droppable, kDroppedLogAlpha where dropped; gradient of soft.
    torch::Tensor logAlpha;
};

// ceil(rho * n) per row for n droppable tokens [B] (long), all n when rho >= 1.
torch::Tensor quantileKeepCount(const torch::Tensor& droppable, double rho);

// logits [B, L]; droppable [B, L] bool; neverDrop [B, L] bool (EOS, padding); formLogAlpha maps a
// logit to ln alpha (log_sigmoid for the post and code forms, k * sigmoid(-z) for mrt5).
// Ties go to the earlier token.
QuantileKeep quantileKeep(const torch::Tensor& logits, const torch::Tensor& droppable, const torch::Tensor& neverDrop,
                          double rho, const std::function<torch::Tensor(const torch::Tensor&)>& formLogAlpha);

// The forward value of a dropped token's ln alpha: below any threshold, finite (soft masks of
// several gates add up without NaN). As FixedRuleGateImpl::kDroppedLogAlpha.
constexpr double kDroppedLogAlpha = -1e4;

}  // namespace megatoken
