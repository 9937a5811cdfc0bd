#pragma once
#include <torch/torch.h>

#include <functional>

#include "core/config/ModelConfig.h"
#include "core/engine/model/Gate.h"
#include "core/engine/model/RMSNorm.h"

namespace megatoken {

// The keep-score of every token after an encoder block, as ln alpha:
//   post form: ln sigmoid((s + noise) / tau + beta)      (the authors' post)
//   code form: ln sigmoid((s + noise + beta) / tau)      (the authors' code)
//   mrt5 form: k * sigmoid(-((s + noise) / tau + beta))  (MrT5's delete gate G, k = gates.mrt5_k)
// where s is E[0] of the hidden state, or a learned projection of it. Noise only in training.
// Tokens in neverDrop (EOS, padding) get ln alpha = 0. With gates.keep=quantile the row's
// ceil(rho * n) largest logits are kept (KeepSelection.h).
class TokenGateImpl : public GateModuleImpl {
public:
    TokenGateImpl(const GateConfig& config, std::int64_t dModel, double eps);
    // alive: tokens not dropped by an earlier gate (the calibration counts only those); may be
    // undefined.
    // Returns ln alpha as the masks use it (GateDecision::logAlpha).
    torch::Tensor forward(const torch::Tensor& hidden, const torch::Tensor& neverDrop, const torch::Tensor& alive = {});

    // The raw score s the gate reads, [B, L] (for the inspector).
    torch::Tensor score(const torch::Tensor& hidden);

    // GateModule: ln alpha from forward(), the hidden states unchanged.
    GateDecision decide(const torch::Tensor& hidden, const torch::Tensor& neverDrop, const torch::Tensor& alive,
                        const torch::Tensor& attention) override;
    // The fraction of droppable tokens this gate should keep while training (calibration only).
    void setKeepTarget(double fraction) override { keepTarget_ = fraction; }
    double keepTarget() const override { return keepTarget_; }

    // Adds to the non-learned logit offset (the calibration buffer), e.g. to open a gate added on
    // top of a pretrained model.
    void addLogitOffset(double offset);

    // ln alpha of a logit z in this gate's form: ln sigmoid(z), or k * sigmoid(-z) for mrt5.
    torch::Tensor formLogAlpha(const torch::Tensor& z) const;

    // While set, every forward() keeps the noise-free logits (offset included) of the tokens this
    // gate could drop, flattened to [N], in recordedLogits() (for recalibration in evaluation
    // mode; core/engine/train/GateRecalibration.h).
    void setRecordLogits(bool record) { recordLogits_ = record; }
    const torch::Tensor& recordedLogits() const { return recordedLogits_; }
    // Moves the offset at once so that a gate seeing exactly these droppable logits ([N], as
    // recorded) keeps the share keepTarget() of them: the calibration step at rate 1. Nothing
    // during warm-up (keepTarget() >= 1) or with fewer than two logits. Returns the shift.
    double calibrateTo(const torch::Tensor& droppableLogits);

    // Distributed training (core/engine/distributed/): given this rank's noise-free logits, [N] with
    // NaN where a token cannot be dropped, returns every rank's, concatenated (NaN padding allowed),
    // so that every rank calibrates its offset on the quantile of the global batch and the offsets
    // stay equal. Empty (the default): this batch alone.
    using LogitGather = std::function<torch::Tensor(const torch::Tensor&)>;
    void setCalibrationGather(LogitGather gather) { gather_ = std::move(gather); }

    // Scalar offset on the logit: moved by calibration (calibrationRate > 0) or addLogitOffset().
    torch::Tensor calibration;

    RMSNorm norm{nullptr};                  // projection source only
    torch::nn::Linear projection{nullptr};  // projection source only

private:
    void calibrate(const torch::Tensor& logits, const torch::Tensor& droppable);
    GateDecision decideLearned(const torch::Tensor& hidden, const torch::Tensor& neverDrop, const torch::Tensor& alive);

    double thresholdLogit() const;

    GateConfig config_;
    double keepTarget_ = 1.0;
    bool recordLogits_ = false;
    torch::Tensor recordedLogits_;
    LogitGather gather_;
};
TORCH_MODULE(TokenGate);

}  // namespace megatoken
