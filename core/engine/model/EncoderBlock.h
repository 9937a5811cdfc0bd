#pragma once
#include <torch/torch.h>

#include "core/config/ModelConfig.h"
#include "core/engine/model/Attention.h"
#include "core/engine/model/FeedForward.h"
#include "core/engine/model/RMSNorm.h"

namespace megatoken {

// One pre-norm T5 encoder block: x + SelfAttention(norm(x)), then x + FFN(norm(x)).
// Works on any (possibly gathered, shorter) sequence: all position and mask information
// arrives in the additive bias.
class EncoderBlockImpl : public torch::nn::Module {
public:
    explicit EncoderBlockImpl(const ModelConfig& config);
    // keyScale (optional): the multiplicative gate mask of the self-attention (Attention::forward).
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& bias, const torch::Tensor& keyScale = {});

    RMSNorm attentionNorm{nullptr};
    Attention selfAttention{nullptr};
    RMSNorm feedForwardNorm{nullptr};
    FeedForward feedForward{nullptr};

private:
    double dropout_;
};
TORCH_MODULE(EncoderBlock);

// One pre-norm T5 decoder block: windowed causal self-attention, cross-attention, FFN.
class DecoderBlockImpl : public torch::nn::Module {
public:
    explicit DecoderBlockImpl(const ModelConfig& config);
    // crossScale (optional): the multiplicative gate mask of the memory keys.
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& selfBias, const torch::Tensor& memory,
                          const torch::Tensor& crossBias, const torch::Tensor& crossScale = {});

    RMSNorm selfAttentionNorm{nullptr};
    Attention selfAttention{nullptr};
    RMSNorm crossAttentionNorm{nullptr};
    Attention crossAttention{nullptr};
    RMSNorm feedForwardNorm{nullptr};
    FeedForward feedForward{nullptr};

private:
    double dropout_;
};
TORCH_MODULE(DecoderBlock);

}  // namespace megatoken
