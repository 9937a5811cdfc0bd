#pragma once
#include <torch/torch.h>

#include "core/config/MaskMode.h"
#include "core/config/ModelConfig.h"
#include "core/engine/model/MegatokenDecoder.h"
#include "core/engine/model/MegatokenEncoder.h"

namespace megatoken {

class Feedback;

struct ModelOutput {
    torch::Tensor logits;  // [B, T, V]
    EncoderOutput encoder;
};

// The Megatoken autoencoder: a gated T5 encoder compresses the text, a windowed T5 decoder
// reconstructs it from the surviving tokens.
class MegatokenModelImpl : public torch::nn::Module {
public:
    explicit MegatokenModelImpl(const ModelConfig& config);

    // Teacher forcing: labels are the input ids (EOS included), the decoder input is the labels
    // shifted right with the pad id as BOS.
    ModelOutput forward(const torch::Tensor& inputIds, MaskMode mode);
    EncoderOutput encode(const torch::Tensor& inputIds, MaskMode mode);
    torch::Tensor decodeLogits(const torch::Tensor& decoderInput, const EncoderOutput& encoded);
    // Teacher forcing projected onto the vocabulary only where labelMask [B, T] is true: returns
    // [N, V] logits for the N label positions, in row-major order. Training's cross-entropy needs
    // nothing else, and padding's share of the largest matmul is saved.
    torch::Tensor labelLogits(const torch::Tensor& inputIds, const EncoderOutput& encoded,
                              const torch::Tensor& labelMask);
    // Free-running greedy decoding with the same window as in training; stops at EOS or maxLength.
    // Returns [B, T] ids, padded after each row's EOS.
    // feedback (may be null) is checked before every decoding step: once it is cancelled,
    // decoding throws Cancelled (a user's Stop during an evaluation), so a stop never waits for
    // a whole batch to decode.
    torch::Tensor greedyDecode(const EncoderOutput& encoded, std::int64_t maxLength,
                               const Feedback* feedback = nullptr);

    torch::Tensor shiftRight(const torch::Tensor& labels) const;
    torch::Tensor logitsFromHidden(const torch::Tensor& hidden);

    const ModelConfig& config() const { return config_; }
    // Switches every attention layer to the given kernel (model.attention_kernel) in place.
    void setAttentionKernel(AttentionKernel kernel);

    torch::nn::Embedding embedding{nullptr};
    MegatokenEncoder encoder{nullptr};
    MegatokenDecoder decoder{nullptr};
    torch::nn::Linear lmHead{nullptr};  // untied head only

private:
    ModelConfig config_;
};
TORCH_MODULE(MegatokenModel);

}  // namespace megatoken
