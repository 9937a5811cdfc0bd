#include "core/engine/model/KeepSelection.h"

#include <limits>

namespace megatoken {

torch::Tensor quantileKeepCount(const torch::Tensor& droppable, double rho)
{
    const auto available = droppable.sum(1);  // [B]
    if (rho >= 1.0) return available;
    // ceil, minus a hair so that a product that is an integer in exact arithmetic (0.3 * 10) stays it.
    auto count = torch::ceil(available.to(torch::kDouble) * std::max(rho, 0.0) - 1e-9).to(torch::kLong);
    return torch::minimum(count.clamp_min(0), available);
}

QuantileKeep quantileKeep(const torch::Tensor& logits, const torch::Tensor& droppable, const torch::Tensor& neverDrop,
                          double rho, const std::function<torch::Tensor(const torch::Tensor&)>& formLogAlpha)
{
    QuantileKeep out;
    const auto count = quantileKeepCount(droppable, rho);  // [B]
    {
        torch::NoGradGuard noGrad;
        const auto masked =
            logits.detach().masked_fill(droppable.logical_not(), -std::numeric_limits<float>::infinity());
        // A stable sort, so equal logits keep their order and ties go to the earlier token.
        const auto sorted = masked.sort(/*stable=*/true, /*dim=*/1, /*descending=*/true);
        const auto& values = std::get<0>(sorted);
        const auto rank = std::get<1>(sorted).argsort(/*dim=*/static_cast<std::int64_t>(1));
        out.keep = droppable & rank.lt(count.unsqueeze(1));
        const auto at = (count - 1).clamp_min(0).unsqueeze(1);
        out.tau = torch::where(count.gt(0).unsqueeze(1), values.gather(1, at), torch::zeros_like(at, values.options()));
    }
    out.soft = formLogAlpha(logits - out.tau).masked_fill(droppable.logical_not(), 0.0);
    auto hard = torch::zeros_like(out.soft).masked_fill(droppable & out.keep.logical_not(), kDroppedLogAlpha);
    out.logAlpha = (out.soft + (hard - out.soft).detach()).masked_fill(neverDrop, 0.0);
    return out;
}

}  // namespace megatoken
