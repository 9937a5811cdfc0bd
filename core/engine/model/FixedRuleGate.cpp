#include "core/engine/model/FixedRuleGate.h"

#include <limits>

namespace megatoken {

namespace {

// Keeps, in each row, the `count` droppable tokens of highest priority.
torch::Tensor topByPriority(const torch::Tensor& priority, const torch::Tensor& droppable, const torch::Tensor& count)
{
    const auto masked = priority.masked_fill(droppable.logical_not(), -std::numeric_limits<float>::infinity());
    const auto order = std::get<1>(masked.sort(/*dim=*/1, /*descending=*/true));
    const auto rank =
        order.argsort(/*dim=*/static_cast<std::int64_t>(1));  // rank of each token in its row, 0 = highest priority
    return droppable & rank.lt(count.unsqueeze(1));
}

}  // namespace

FixedRuleGateImpl::FixedRuleGateImpl(GateRule rule) : rule_(rule) {}

GateDecision FixedRuleGateImpl::forward(const torch::Tensor& hidden, const torch::Tensor& neverDrop,
                                        const torch::Tensor& alive, const torch::Tensor& attention)
{
    GateDecision decision{torch::zeros(neverDrop.sizes(), hidden.options()), hidden};
    const auto droppable = alive & neverDrop.logical_not();
    const auto available = droppable.sum(1);  // [B]
    // round(f * n), halves up (torch::round rounds them to even), at least one token of a row
    // that has any.
    auto count = (available.to(torch::kFloat) * keepFraction_ + 0.5).floor().to(torch::kLong);
    count = torch::where(available.gt(0), count.clamp_min(1), count);
    if (keepFraction_ >= 1.0) return decision;

    torch::Tensor keep;
    switch (rule_) {
        case GateRule::Learned: return decision;  // not a rule; the encoder uses TokenGate instead
        case GateRule::Random:
            keep =
                topByPriority(torch::rand(neverDrop.sizes(), hidden.options().dtype(torch::kFloat)), droppable, count);
            break;
        case GateRule::FirstK: {
            // Earlier tokens first: priority falls with the index (order is kept by hard removal).
            const auto index = torch::arange(neverDrop.size(1), hidden.options().dtype(torch::kFloat));
            keep = topByPriority((-index).unsqueeze(0).expand(neverDrop.sizes()), droppable, count);
            break;
        }
        case GateRule::AttentionReceived: {
            TORCH_CHECK(attention.defined(), "attention rule: the block before the gate recorded no attention");
            // Attention each key receives, summed over heads and over the live queries.
            const auto queries = alive.to(attention.scalar_type()).unsqueeze(1).unsqueeze(-1);  // [B, 1, L, 1]
            const auto received = (attention.detach() * queries).sum({1, 2});                   // [B, L]
            keep = topByPriority(received.to(torch::kFloat), droppable, count);
            break;
        }
        case GateRule::StridePool: {
            // The droppable tokens of a row, in order, fall into `count` contiguous segments of
            // equal length (+-1); each segment's last token takes the segment's mean and stays.
            const auto denominator = available.clamp_min(1).unsqueeze(1);  // [B, 1]
            const auto rank = droppable.to(torch::kLong).cumsum(1) - 1;    // [B, L]
            const auto countColumn = count.unsqueeze(1);
            auto segment = torch::div(rank * countColumn, denominator, "floor");
            const auto nextSegment = torch::div((rank + 1) * countColumn, denominator, "floor");
            keep = droppable & nextSegment.ne(segment);
            const std::int64_t length = neverDrop.size(1);
            segment = segment.masked_fill(droppable.logical_not(), length);         // a spare slot for the rest
            const auto weights = droppable.to(hidden.scalar_type()).unsqueeze(-1);  // [B, L, 1]
            const auto index = segment.unsqueeze(-1).expand(hidden.sizes());
            const auto sums = torch::zeros({hidden.size(0), length + 1, hidden.size(2)}, hidden.options())
                                  .scatter_add(1, index, hidden * weights);
            const auto counts = torch::zeros({hidden.size(0), length + 1, 1}, hidden.options())
                                    .scatter_add(1, segment.unsqueeze(-1), weights);
            const auto mean = sums.gather(1, index) / counts.gather(1, segment.unsqueeze(-1)).clamp_min(1.0);
            decision.hidden = torch::where(keep.unsqueeze(-1), mean, hidden);
            break;
        }
    }
    decision.logAlpha = decision.logAlpha.masked_fill(droppable & keep.logical_not(), kDroppedLogAlpha);
    return decision;
}

}  // namespace megatoken
