#pragma once
// The additive terms of the attention logits. Position bias, padding mask and gate mask stay
// separate terms and are only summed at the end (the authors' code zeroed the diagonal of the sum,
// which also wiped T5's position bias on the diagonal).

#include <torch/torch.h>

namespace megatoken::bias {

// Stands in for -inf: finite, so masks of several gates add up without inf - inf = NaN, and
// exp() of it is exactly 0 in float32.
constexpr double kMasked = -1e9;

// [B, 1, 1, L]: kMasked on padding keys, 0 elsewhere. padMask [B, L] is true at padding.
torch::Tensor padding(const torch::Tensor& padMask);

// [B, 1, L, L]: the Megatoken gate mask for accumulated suppression g [B, L]:
// entry (j, k) = g_j + g_k for j != k (row and column of each token), 0 on the diagonal.
torch::Tensor gatePairs(const torch::Tensor& g);

// [B, 1, 1, L]: g as a key (column) bias only, on every query's row (MrT5's delete gate).
torch::Tensor gateColumns(const torch::Tensor& g);

// [B, 1, L, L]: the multiplicative key mask of self-attention from the keys' mask m [B, L]:
// entry (j, k) = m_k for j != k, 1 on the diagonal (a token always reads itself).
torch::Tensor selfKeyScale(const torch::Tensor& m);

// [1, 1, T, T]: query q may read keys q - window .. q (decoder self-attention); window 0: every key
// up to q (full causal attention, as T5 has).
torch::Tensor windowedCausal(std::int64_t length, std::int64_t window, const torch::Device& device);

// ln alpha with every value <= threshold replaced by kMasked (threshold evaluation).
torch::Tensor thresholdLogAlpha(const torch::Tensor& logAlpha, double threshold);

// Straight-through hard mask: the forward value is the hard one (dropped -> hardValue), the
// gradient is the soft one's.
torch::Tensor straightThroughLogAlpha(const torch::Tensor& logAlpha, double threshold, double hardValue = -1e4);

}  // namespace megatoken::bias
