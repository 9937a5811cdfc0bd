#include "core/engine/model/TokenMerge.h"

#include <limits>

namespace megatoken {

namespace {

// [B, L] long: the position of the nearest kept token at or before each position; -1 where none.
torch::Tensor lastKeptAtOrBefore(const torch::Tensor& kept)
{
    const auto index =
        torch::arange(kept.size(1), kept.options().dtype(torch::kLong)).unsqueeze(0).expand(kept.sizes());
    return std::get<0>(torch::where(kept, index, torch::full_like(index, -1)).cummax(1));
}

// [B, L] long: the position of the nearest kept token at or after each position; L where none.
torch::Tensor nextKeptAtOrAfter(const torch::Tensor& kept)
{
    const std::int64_t length = kept.size(1);
    const auto index = torch::arange(length, kept.options().dtype(torch::kLong)).unsqueeze(0).expand(kept.sizes());
    const auto candidates = torch::where(kept, index, torch::full_like(index, length)).flip({1});
    return std::get<0>(candidates.cummin(1)).flip({1});
}

// [B, 1] long: the first kept position of each row (0 when the row keeps nothing).
torch::Tensor firstKept(const torch::Tensor& kept)
{
    return kept.to(torch::kLong).argmax(1, /*keepdim=*/true);
}

}  // namespace

MergeResult mergeDropped(GateMerge mode, const torch::Tensor& hidden, const torch::Tensor& sizes,
                         const torch::Tensor& alive, const torch::Tensor& kept)
{
    const std::int64_t length = kept.size(1);
    const auto positions = torch::arange(length, kept.options().dtype(torch::kLong)).unsqueeze(0).expand(kept.sizes());
    const auto dropped = alive & kept.logical_not();
    MergeResult out{hidden, sizes, torch::where(kept, positions, torch::full_like(positions, -1))};
    if (mode == GateMerge::None) return out;

    torch::Tensor destination;  // [B, L]: where each token would go, were it dropped here
    const auto left = lastKeptAtOrBefore(kept);
    const auto leftOrFirst = torch::where(left.ge(0), left, firstKept(kept).expand(kept.sizes()));
    switch (mode) {
        case GateMerge::None: return out;
        case GateMerge::Left: destination = leftOrFirst; break;
        case GateMerge::Segment: {
            const auto next = nextKeptAtOrAfter(kept);
            destination = torch::where(next.lt(length), next, leftOrFirst);
            break;
        }
        case GateMerge::Similar: {
            torch::NoGradGuard noGrad;  // a hard choice, as the gate's own decision is
            const auto unit = torch::nn::functional::normalize(
                hidden.detach(), torch::nn::functional::NormalizeFuncOptions().dim(-1).eps(1e-12));
            auto similarity = torch::matmul(unit, unit.transpose(1, 2));  // [B, L, L]
            similarity =
                similarity.masked_fill(kept.logical_not().unsqueeze(1), -std::numeric_limits<float>::infinity());
            destination = similarity.argmax(-1);
            break;
        }
    }
    out.target = torch::where(dropped, destination, out.target);

    // Size-weighted sums into the destinations; tokens that move nowhere go to a spare slot L.
    const auto moving = dropped | kept;
    const auto slot = torch::where(moving, out.target, torch::full_like(positions, length));
    const auto weights = (sizes * moving.to(sizes.scalar_type())).to(hidden.scalar_type());  // [B, L]
    const auto index = slot.unsqueeze(-1).expand(hidden.sizes());
    const auto sums = torch::zeros({hidden.size(0), length + 1, hidden.size(2)}, hidden.options())
                          .scatter_add(1, index, hidden * weights.unsqueeze(-1))
                          .narrow(1, 0, length);
    const auto total = torch::zeros({hidden.size(0), length + 1}, weights.options())
                           .scatter_add(1, slot, weights)
                           .narrow(1, 0, length);
    out.hidden = torch::where(kept.unsqueeze(-1), sums / total.clamp_min(1e-12).unsqueeze(-1), hidden);
    out.sizes = torch::where(kept, total.to(sizes.scalar_type()), sizes);
    return out;
}

torch::Tensor proportionalAttentionBias(const torch::Tensor& sizes)
{
    const auto positive = sizes.gt(0);
    return torch::where(positive, torch::log(sizes.clamp_min(1e-12)), torch::zeros_like(sizes))
        .unsqueeze(1)
        .unsqueeze(1);
}

}  // namespace megatoken
