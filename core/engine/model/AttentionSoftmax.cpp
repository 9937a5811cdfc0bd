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
    // Keys with M = 0 may lie far above the shift: their exponent is capped so that it stays finite
    // (their forward weight is 0 either way; the cap only bounds their straight-through gradient).
    auto e = torch::exp((scores - shift).clamp_max(60.0));
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
