#pragma once
#include <torch/torch.h>

namespace megatoken {

// T5's bucketed relative position bias, one scalar per head and bucket. Computed once per stack
// and shared by its blocks. Positions are explicit so that a hard-removal encoder can keep each
// surviving token's ORIGINAL position after the dropped ones are gathered away.
class RelativePositionBiasImpl : public torch::nn::Module {
public:
    RelativePositionBiasImpl(std::int64_t numHeads, std::int64_t numBuckets, std::int64_t maxDistance,
                             bool bidirectional);

    // [1, H, q, k] for positions 0..q-1 against 0..k-1.
    torch::Tensor forward(std::int64_t queryLength, std::int64_t keyLength);
    // [B, H, q, k] for explicit positions: queryPositions [B, q], keyPositions [B, k].
    torch::Tensor forPositions(const torch::Tensor& queryPositions, const torch::Tensor& keyPositions);

    static torch::Tensor bucket(const torch::Tensor& relativePosition, bool bidirectional, std::int64_t numBuckets,
                                std::int64_t maxDistance);

    torch::nn::Embedding embedding{nullptr};

private:
    std::int64_t numBuckets_;
    std::int64_t maxDistance_;
    bool bidirectional_;
};
TORCH_MODULE(RelativePositionBias);

}  // namespace megatoken
