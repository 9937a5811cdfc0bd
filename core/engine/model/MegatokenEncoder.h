#pragma once
#include <torch/torch.h>

#include <vector>

#include "core/config/MaskMode.h"
#include "core/config/ModelConfig.h"
#include "core/engine/model/EncoderBlock.h"
#include "core/engine/model/Gate.h"
#include "core/engine/model/RMSNorm.h"
#include "core/engine/model/RelativePositionBias.h"

namespace megatoken {

// What one gate did to the batch.
// In the input's coordinates [B, L]. After hard removal only `kept` is filled (a removed token
// reads false); logAlpha and accumulated are left undefined.
struct GateTrace {
    std::int64_t block = 0;     // the encoder block this gate follows
    torch::Tensor logAlpha;     // [B, L] soft ln alpha (0 for EOS and padding)
    torch::Tensor accumulated;  // [B, L] soft G(s) = sum of ln alpha up to this gate
    torch::Tensor kept;         // [B, L] bool: above the threshold here and at every earlier gate; false on padding
    // [B, L] bool: the tokens this gate could drop (alive before it, not EOS, not padding).
    torch::Tensor droppable;
    // [B, L] long (gates.merge only): for a token dropped here, the input position of the kept token
    // it joined; -1 elsewhere. Undefined without merging and after hard removal.
    torch::Tensor mergedInto;
    double keepTarget = 1.0;  // the gate's share of the keep target when it ran (GateModuleImpl::keepTarget)
};

struct EncoderOutput {
    torch::Tensor hidden;     // [B, M, D] after the final norm; M = L, or the longest kept row after hard removal
    torch::Tensor padMask;    // [B, L] true at padding of the input
    torch::Tensor crossBias;  // [B, 1, 1, M]: G(S) as the masks used it, plus padding: the decoder's key bias
    // [B, 1, 1, M] (gates.mask=multiplicative only): the keys' multiplicative mask for the decoder's
    // cross-attention; crossBias then holds padding (and ln size with merging) only.
    torch::Tensor crossScale;
    // MrT5's attention-score penalty (setTrackScorePenalty): the mean over encoder blocks of
    // mean(clamp(s, min=5)) - 5 of their raw self-attention logits; undefined when not tracked.
    torch::Tensor scorePenalty;
    torch::Tensor positions;  // [B, M]: each hidden row's position in the input (hard removal only)
    std::vector<GateTrace> gates;
};

// The T5 encoder with Megatoken gates (or fixed-rule baselines, gates.rule) after the configured
// blocks. Each block takes the whole mask as one additive bias, so hard removal gathers the kept
// tokens after each gate and passes the bias of the shorter sequence, built from the tokens'
// original positions, instead.
class MegatokenEncoderImpl : public torch::nn::Module {
public:
    MegatokenEncoderImpl(const ModelConfig& config, torch::nn::Embedding sharedEmbedding);
    EncoderOutput forward(const torch::Tensor& inputIds, MaskMode mode);

    void setRecordAttention(bool record);
    // Compute MrT5's attention-score penalty (EncoderOutput::scorePenalty) in every block
    // (loss.attention_score_beta > 0; explicit attention path).
    void setTrackScorePenalty(bool track);
    // The hard-drop threshold on ln alpha (gates.threshold), changeable for inspection.
    void setThreshold(double threshold) { config_.gates.threshold = threshold; }
    double threshold() const { return config_.gates.threshold; }
    // The overall keep ratio to hold (KeepRatioTarget: at(step) in training, final() after);
    // each gate keeps its share KeepRatioTarget::perGate(overall, gates) of the tokens that reach
    // it. Used by calibrated learned gates in training and by fixed-rule gates always.
    void setKeepTarget(double overall);
    // The gate after the i-th gated block (i < gateCount()), whatever its kind.
    GateModuleImpl& gate(std::size_t i) { return *gateModules_.at(i); }
    std::size_t gateCount() const { return gateModules_.size(); }
    std::vector<torch::Tensor> lastAttention() const;  // per block, [B, H, L, L]

    torch::nn::Embedding embedding{nullptr};
    torch::nn::Embedding positions{nullptr};  // absolute positions (optional)
    RelativePositionBias relativeBias{nullptr};
    torch::nn::ModuleList blocks{nullptr};
    torch::nn::ModuleList gates{nullptr};  // registers the gates' parameters ("gates.<i>.")
    RMSNorm finalNorm{nullptr};

private:
    GateDecision applyGate(std::size_t gateIndex, std::int64_t block, const torch::Tensor& x,
                           const torch::Tensor& neverDrop, const torch::Tensor& alive);

    ModelConfig config_;
    std::vector<std::int64_t> gatedBlocks_;
    std::vector<std::shared_ptr<GateModuleImpl>> gateModules_;  // the same modules as `gates`
    bool trackScorePenalty_ = false;
};
TORCH_MODULE(MegatokenEncoder);

}  // namespace megatoken
