#include "core/engine/model/AttentionBias.h"

namespace megatoken::bias {

torch::Tensor padding(const torch::Tensor& padMask)
{
    auto b = torch::zeros(padMask.sizes(), torch::TensorOptions().dtype(torch::kFloat).device(padMask.device()));
    return b.masked_fill(padMask, kMasked).unsqueeze(1).unsqueeze(1);
}

torch::Tensor gatePairs(const torch::Tensor& g)
{
    const std::int64_t length = g.size(1);
    auto pairs = g.unsqueeze(2) + g.unsqueeze(1);  // [B, L, L]: g_j + g_k
    auto diagonal = torch::eye(length, torch::TensorOptions().dtype(torch::kBool).device(g.device()));
    return pairs.masked_fill(diagonal, 0.0).unsqueeze(1);
}

torch::Tensor gateColumns(const torch::Tensor& g)
{
    return g.unsqueeze(1).unsqueeze(1);
}

torch::Tensor selfKeyScale(const torch::Tensor& m)
{
    const std::int64_t length = m.size(1);
    auto diagonal = torch::eye(length, torch::TensorOptions().dtype(torch::kBool).device(m.device()));
    return m.unsqueeze(1).expand({m.size(0), length, length}).masked_fill(diagonal, 1.0).unsqueeze(1);
}

torch::Tensor windowedCausal(std::int64_t length, std::int64_t window, const torch::Device& device)
{
    const auto options = torch::TensorOptions().dtype(torch::kLong).device(device);
    const auto query = torch::arange(length, options).unsqueeze(1);
    const auto key = torch::arange(length, options).unsqueeze(0);
    const auto visible = window > 0 ? (key <= query) & (key >= query - window) : key <= query;
    auto b = torch::zeros({length, length}, torch::TensorOptions().dtype(torch::kFloat).device(device));
    return b.masked_fill(visible.logical_not(), kMasked).unsqueeze(0).unsqueeze(0);
}

torch::Tensor thresholdLogAlpha(const torch::Tensor& logAlpha, double threshold)
{
    return logAlpha.masked_fill(logAlpha <= threshold, kMasked);
}

torch::Tensor straightThroughLogAlpha(const torch::Tensor& logAlpha, double threshold, double hardValue)
{
    const auto hard = logAlpha.masked_fill(logAlpha <= threshold, hardValue);
    return logAlpha + (hard - logAlpha).detach();
}

}  // namespace megatoken::bias
