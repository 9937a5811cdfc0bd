#pragma once
#include <torch/torch.h>

namespace megatoken {

// T5 multi-head attention: no biases, no 1/sqrt(d_kv) scaling unless asked (T5 folds it into the
// query initialisation). Self-attention projects Q, K and V with one fused matrix.
class AttentionImpl : public torch::nn::Module {
public:
    AttentionImpl(std::int64_t dModel, std::int64_t numHeads, std::int64_t dKv, bool isCrossAttention,
                  bool scaled, double dropout);

    // x [B, q, D]; memory [B, k, D] for cross-attention (undefined for self-attention);
    // bias broadcastable to [B, H, q, k], added to the logits (positions, padding, gates).
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& memory, const torch::Tensor& bias);

    // When set, forward() keeps its attention probabilities [B, H, q, k] (for the inspector and
    // the attention-received baseline). Off during training.
    void setRecordWeights(bool record) { recordWeights_ = record; }
    const torch::Tensor& lastWeights() const { return lastWeights_; }

    void resetParametersT5(std::int64_t dModel);

    torch::nn::Linear qkv{nullptr};  // self-attention: [3 * H * d_kv, D]
    torch::nn::Linear q{nullptr};    // cross-attention
    torch::nn::Linear kv{nullptr};   // cross-attention: [2 * H * d_kv, D]
    torch::nn::Linear o{nullptr};

private:
    torch::Tensor splitHeads(const torch::Tensor& t) const;  // [B, L, H*dkv] -> [B, H, L, dkv]

    std::int64_t numHeads_;
    std::int64_t dKv_;
    bool isCross_;
    bool scaled_;
    double dropout_;
    bool recordWeights_ = false;
    torch::Tensor lastWeights_;
};
TORCH_MODULE(Attention);

}  // namespace megatoken
