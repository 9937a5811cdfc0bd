#include "core/engine/model/RelativePositionBias.h"

#include <cmath>

namespace megatoken {

RelativePositionBiasImpl::RelativePositionBiasImpl(std::int64_t numHeads, std::int64_t numBuckets,
                                                   std::int64_t maxDistance, bool bidirectional)
    : numBuckets_(numBuckets), maxDistance_(maxDistance), bidirectional_(bidirectional)
{
    embedding = register_module("embedding", torch::nn::Embedding(numBuckets, numHeads));
}

// A line-by-line port of T5's _relative_position_bucket (relative = key - query).
torch::Tensor RelativePositionBiasImpl::bucket(const torch::Tensor& relativePosition, bool bidirectional,
                                               std::int64_t numBuckets, std::int64_t maxDistance)
{
    auto buckets = torch::zeros_like(relativePosition);
    auto relative = relativePosition;
    if (bidirectional) {
        numBuckets /= 2;
        buckets = buckets + (relative > 0).to(torch::kLong) * numBuckets;
        relative = relative.abs();
    } else {
        relative = -torch::min(relative, torch::zeros_like(relative));
    }
    const std::int64_t maxExact = numBuckets / 2;
    const auto isSmall = relative < maxExact;
    auto large = maxExact + (torch::log(relative.to(torch::kFloat) / static_cast<double>(maxExact)) /
                             std::log(static_cast<double>(maxDistance) / static_cast<double>(maxExact)) *
                             static_cast<double>(numBuckets - maxExact))
                                .to(torch::kLong);
    large = torch::clamp_max(large, numBuckets - 1);
    return buckets + torch::where(isSmall, relative, large);
}

torch::Tensor RelativePositionBiasImpl::forward(std::int64_t queryLength, std::int64_t keyLength)
{
    const auto device = embedding->weight.device();
    const auto options = torch::TensorOptions().dtype(torch::kLong).device(device);
    const auto query = torch::arange(queryLength, options).unsqueeze(1);
    const auto key = torch::arange(keyLength, options).unsqueeze(0);
    const auto buckets = bucket(key - query, bidirectional_, numBuckets_, maxDistance_);
    return embedding->forward(buckets).permute({2, 0, 1}).unsqueeze(0);  // [1, H, q, k]
}

torch::Tensor RelativePositionBiasImpl::forPositions(const torch::Tensor& queryPositions,
                                                     const torch::Tensor& keyPositions)
{
    const auto relative = keyPositions.unsqueeze(1) - queryPositions.unsqueeze(2);  // [B, q, k]
    const auto buckets = bucket(relative, bidirectional_, numBuckets_, maxDistance_);
    return embedding->forward(buckets).permute({0, 3, 1, 2});  // [B, H, q, k]
}

}  // namespace megatoken
