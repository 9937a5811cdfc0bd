#pragma once
// The softmax of attention, with the two variants from the related work that change it (and so
// need the explicit attention path; docs/gate-mechanisms.md):
//   keyScale M (gates.mask=multiplicative; DynamicViT, LTMP): A_ij = M_ij e^{s_ij} / sum_k M_ik e^{s_ik},
//   plusOne (model.softmax1; MrT5):                         A_ij = e^{s_ij} / (1 + sum_k e^{s_ik}).
// Both at once: A_ij = M_ij e^{s_ij} / (1 + sum_k M_ik e^{s_ik}).
#include <torch/torch.h>

namespace megatoken {

// scores [..., k]: the logits with every additive term (positions, padding, masks) included;
// keyScale broadcastable to scores, in [0, 1], or undefined (plain softmax over the keys).
// Numerically safe: the exponent is shifted by the largest logit among the keys with M > 0 (and
// by at least 0 with plusOne), so keys with M = 0 cannot make the sum underflow.
// A key with M = 0 more than kDroppedKeyExponentCap nats above the largest visible logit gets the
// straight-through gradient of one that far above (e^10 = 22026 times a visible key's at most).
inline constexpr double kDroppedKeyExponentCap = 10.0;
torch::Tensor attentionSoftmax(const torch::Tensor& scores, const torch::Tensor& keyScale, bool plusOne);

// MrT5's attention-score regulariser for one layer: mean(clamp(s, min=5)) - 5 over every entry of
// the raw logits s.
torch::Tensor attentionScorePenalty(const torch::Tensor& rawScores);

}  // namespace megatoken
