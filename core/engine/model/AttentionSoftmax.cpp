#include "core/engine/model/AttentionSoftmax.h"

#include <limits>

namespace megatoken {

torch::Tensor attentionSoftmax(const torch::Tensor& scores, const torch::Tensor& keyScale, bool plusOne)
{
    if (!keyScale.defined() && !plusOne) return torch::softmax(scores, -1);
    torch::Tensor shift;
    {
        torch::NoGradGuard noGrad;  // any constant shift cancels; it needs no gradient
        auto visible = scores.detach();
        if (keyScale.defined())
            visible = visible.masked_fill(keyScale.detach().le(0.0), -std::numeric_limits<float>::infinity());
        shift = visible.amax(-1, /*keepdim=*/true);
        shift = shift.masked_fill(torch::isinf(shift), 0.0);
        if (plusOne) shift = shift.clamp_min(0.0);
    }
    // Keys with M = 0 may lie far above the shift. Their forward weight is 0 either way, but their
    // straight-through gradient d o_i / d m_j = e^{s_ij - shift} (v_j - o_i) / Z_i grows with e^{s_ij}:
    // a dropped key 60 nats above the kept ones gave gradients near 1e26 whose squares overflowed the
    // float32 gradient norm (the first-look run diverged at step 655). The exponent is capped at
    // kDroppedKeyExponentCap nats above the largest visible logit: it bounds that gradient (like
    // clipping) and changes no forward value while the largest key has M > 0.
    auto e = torch::exp((scores - shift).clamp_max(kDroppedKeyExponentCap));
    if (keyScale.defined()) e = e * keyScale;
    auto denominator = e.sum(-1, /*keepdim=*/true);
    if (plusOne) denominator = denominator + torch::exp(-shift);
    return e / denominator.clamp_min(std::numeric_limits<float>::min());
}

torch::Tensor attentionScorePenalty(const torch::Tensor& rawScores)
{
    return rawScores.clamp_min(5.0).mean() - 5.0;
}

}  // namespace megatoken
