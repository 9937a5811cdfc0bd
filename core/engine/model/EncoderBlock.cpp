#include "core/engine/model/EncoderBlock.h"
#include "core/engine/model/Dropout.h"

namespace megatoken {

EncoderBlockImpl::EncoderBlockImpl(const ModelConfig& c) : dropout_(c.dropout)
{
    attentionNorm = register_module("attention_norm", RMSNorm(c.dModel, c.layerNormEpsilon));
    selfAttention = register_module("self_attention", Attention(c.dModel, c.numHeads, c.dKv, /*cross=*/false,
                                                                c.scaledAttention, c.dropout, c.attentionKernel));
    selfAttention->setSoftmax1(c.softmax1);
    feedForwardNorm = register_module("ffn_norm", RMSNorm(c.dModel, c.layerNormEpsilon));
    feedForward = register_module("ffn", FeedForward(c.dModel, c.dFf, c.feedForward, c.dropout));
}

torch::Tensor EncoderBlockImpl::forward(const torch::Tensor& x, const torch::Tensor& bias,
                                        const torch::Tensor& keyScale)
{
    auto h = x + megatoken::dropout(selfAttention->forward(attentionNorm->forward(x), {}, bias, keyScale), dropout_,
                                    is_training());
    return h + megatoken::dropout(feedForward->forward(feedForwardNorm->forward(h)), dropout_, is_training());
}

DecoderBlockImpl::DecoderBlockImpl(const ModelConfig& c) : dropout_(c.dropout)
{
    selfAttentionNorm = register_module("self_attention_norm", RMSNorm(c.dModel, c.layerNormEpsilon));
    selfAttention = register_module("self_attention", Attention(c.dModel, c.numHeads, c.dKv, /*cross=*/false,
                                                                c.scaledAttention, c.dropout, c.attentionKernel));
    selfAttention->setSoftmax1(c.softmax1);
    crossAttentionNorm = register_module("cross_attention_norm", RMSNorm(c.dModel, c.layerNormEpsilon));
    crossAttention = register_module("cross_attention", Attention(c.dModel, c.numHeads, c.dKv, /*cross=*/true,
                                                                  c.scaledAttention, c.dropout, c.attentionKernel));
    crossAttention->setSoftmax1(c.softmax1);
    feedForwardNorm = register_module("ffn_norm", RMSNorm(c.dModel, c.layerNormEpsilon));
    feedForward = register_module("ffn", FeedForward(c.dModel, c.dFf, c.feedForward, c.dropout));
}

torch::Tensor DecoderBlockImpl::forward(const torch::Tensor& x, const torch::Tensor& selfBias,
                                        const torch::Tensor& memory, const torch::Tensor& crossBias,
                                        const torch::Tensor& crossScale)
{
    auto h = x + megatoken::dropout(selfAttention->forward(selfAttentionNorm->forward(x), {}, selfBias), dropout_,
                                    is_training());
    h = h + megatoken::dropout(crossAttention->forward(crossAttentionNorm->forward(h), memory, crossBias, crossScale),
                               dropout_, is_training());
    return h + megatoken::dropout(feedForward->forward(feedForwardNorm->forward(h)), dropout_, is_training());
}

}  // namespace megatoken
