#pragma once
#include <torch/torch.h>

#include "core/config/ModelConfig.h"
#include "core/engine/model/EncoderBlock.h"
#include "core/engine/model/RMSNorm.h"
#include "core/engine/model/RelativePositionBias.h"

namespace megatoken {

// The T5 decoder. Its self-attention sees only the previous N tokens (the decoder window), so it
// cannot simply continue the text like a language model and must read the encoder's megatokens.
class MegatokenDecoderImpl : public torch::nn::Module {
public:
    MegatokenDecoderImpl(const ModelConfig& config, torch::nn::Embedding sharedEmbedding);
    // decoderInput [B, T] (already shifted right); memory [B, L, D]; crossBias [B, 1, 1, L].
    // Returns the final hidden states [B, T, D].
    // firstPosition: the absolute position of decoderInput's first token, for decoding a window
    // cut from a longer sequence (the relative bias and the causal window depend only on
    // distances, so they need no offset). crossScale (optional, [B, 1, 1, L]): the multiplicative
    // gate mask of the memory keys (gates.mask=multiplicative).
    torch::Tensor forward(const torch::Tensor& decoderInput, const torch::Tensor& memory,
                          const torch::Tensor& crossBias, std::int64_t firstPosition = 0,
                          const torch::Tensor& crossScale = {});

    // When set, every block keeps its cross-attention probabilities (for the inspector): after a
    // forward(), lastCrossAttention() holds one [B, H, T, L] tensor per block, T the decoder
    // positions and L the memory's. The fused kernel is bypassed while recording.
    void setRecordCrossAttention(bool record);
    std::vector<torch::Tensor> lastCrossAttention() const;

    torch::nn::Embedding embedding{nullptr};
    torch::nn::Embedding positions{nullptr};
    RelativePositionBias relativeBias{nullptr};
    torch::nn::ModuleList blocks{nullptr};
    RMSNorm finalNorm{nullptr};

private:
    ModelConfig config_;
};
TORCH_MODULE(MegatokenDecoder);

}  // namespace megatoken
