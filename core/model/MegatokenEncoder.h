#pragma once
#include <torch/torch.h>

#include <vector>

#include "core/model/EncoderBlock.h"
#include "core/model/MaskMode.h"
#include "core/model/ModelConfig.h"
#include "core/model/RMSNorm.h"
#include "core/model/RelativePositionBias.h"
#include "core/model/TokenGate.h"

namespace megatoken {

// What one gate did to the batch.
struct GateTrace {
    std::int64_t block = 0;    // the encoder block this gate follows
    torch::Tensor logAlpha;    // [B, L] soft ln alpha (0 for EOS and padding)
    torch::Tensor accumulated; // [B, L] soft G(s) = sum of ln alpha up to this gate
    torch::Tensor kept;        // [B, L] bool: above the threshold here and at every earlier gate; false on padding
};

struct EncoderOutput {
    torch::Tensor hidden;     // [B, L, D] after the final norm
    torch::Tensor padMask;    // [B, L] true at padding
    torch::Tensor crossBias;  // [B, 1, 1, L]: G(S) as the masks used it, plus padding: the decoder's key bias
    std::vector<GateTrace> gates;
};

// The T5 encoder with Megatoken gates after the configured blocks. Each block takes the whole
// mask as one additive bias, so a hard-removal variant can gather the kept tokens between blocks
// and pass the bias of the shorter sequence (with original positions) instead.
class MegatokenEncoderImpl : public torch::nn::Module {
public:
    MegatokenEncoderImpl(const ModelConfig& config, torch::nn::Embedding sharedEmbedding);
    EncoderOutput forward(const torch::Tensor& inputIds, MaskMode mode);

    void setRecordAttention(bool record);
    // The hard-drop threshold on ln alpha (gates.threshold), changeable for inspection.
    void setThreshold(double threshold) { config_.gates.threshold = threshold; }
    double threshold() const { return config_.gates.threshold; }
    // Training with calibration: the overall keep ratio to hold; each gate keeps its share
    // target^(1/gates) of the tokens that reach it.
    void setKeepTarget(double overall);
    std::vector<torch::Tensor> lastAttention() const;  // per block, [B, H, L, L]

    torch::nn::Embedding embedding{nullptr};
    torch::nn::Embedding positions{nullptr};  // absolute positions (optional)
    RelativePositionBias relativeBias{nullptr};
    torch::nn::ModuleList blocks{nullptr};
    torch::nn::ModuleList gates{nullptr};
    RMSNorm finalNorm{nullptr};

private:
    ModelConfig config_;
    std::vector<std::int64_t> gatedBlocks_;
};
TORCH_MODULE(MegatokenEncoder);

}  // namespace megatoken
