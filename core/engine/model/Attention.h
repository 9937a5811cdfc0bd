#pragma once
#include <torch/torch.h>

#include "core/config/ModelConfig.h"

namespace megatoken {

// T5 multi-head attention: no biases, no 1/sqrt(d_kv) scaling unless asked (T5 folds it into the
// query initialisation; Raffel et al. 2020, section 2.1). Self-attention projects Q, K and V with one
// fused matrix. The kernel (model.attention_kernel) is fused scaled_dot_product_attention where the
// LibTorch has it, else explicit; recording the weights always takes the explicit path.
class AttentionImpl : public torch::nn::Module {
public:
    AttentionImpl(std::int64_t dModel, std::int64_t numHeads, std::int64_t dKv, bool isCrossAttention, bool scaled,
                  double dropout, AttentionKernel kernel = AttentionKernel::Fused);

    // x [B, q, D]; memory [B, k, D] for cross-attention (undefined for self-attention);
    // bias broadcastable to [B, H, q, k], added to the logits (positions, padding, gates); it may
    // require grad (relative bias, soft gate masks) and both kernels return its gradient.
    // keyScale (optional) broadcastable to [B, H, q, k] in [0, 1]: the multiplicative gate mask
    // inside the softmax (gates.mask=multiplicative); it takes the explicit path.
    // Returns [B, q, D].
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& memory, const torch::Tensor& bias,
                          const torch::Tensor& keyScale = {});

    // When set, forward() keeps its attention probabilities [B, H, q, k] (for the inspector and
    // the attention-received baseline). Off during training.
    void setRecordWeights(bool record) { recordWeights_ = record; }
    const torch::Tensor& lastWeights() const { return lastWeights_; }

    void resetParametersT5(std::int64_t dModel);

    void setKernel(AttentionKernel kernel) { kernel_ = kernel; }
    // softmax1 (model.softmax1): +1 in the softmax's denominator. Explicit path.
    void setSoftmax1(bool on) { softmax1_ = on; }
    // When set, forward() keeps MrT5's attention-score penalty of its raw logits
    // (attentionScorePenalty, with gradient) in lastScorePenalty(). Explicit path.
    void setTrackScorePenalty(bool on) { trackScorePenalty_ = on; }
    const torch::Tensor& lastScorePenalty() const { return lastScorePenalty_; }
    // Whether forward() runs the fused kernel now (fused asked, available, weights not recorded,
    // no softmax1, no score penalty; a call with a keyScale takes the explicit path regardless).
    bool usesFusedKernel() const;

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
    AttentionKernel kernel_;
    bool recordWeights_ = false;
    bool softmax1_ = false;
    bool trackScorePenalty_ = false;
    torch::Tensor lastWeights_;
    torch::Tensor lastScorePenalty_;
};
TORCH_MODULE(Attention);

}  // namespace megatoken
