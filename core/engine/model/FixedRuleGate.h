#pragma once
#include <torch/torch.h>

#include "core/config/ModelConfig.h"
#include "core/engine/model/Gate.h"

namespace megatoken {

// A baseline in place of a learned gate: a fixed rule keeps round(f * n) of the n droppable
// tokens that reach it in each row (f set by setKeepTarget, the gate's share of the target keep
// ratio), never dropping EOS or padding. It has no parameters, so a model trained with it learns
// to live with the rule under the same budget and the same keep ratio as the learned gates.
class FixedRuleGateImpl : public GateModuleImpl {
public:
    // Below any threshold, and finite so soft masks of several gates add up without NaN.
    static constexpr double kDroppedLogAlpha = -1e4;

    explicit FixedRuleGateImpl(GateRule rule);

    // hidden [B, L, D]; neverDrop, alive [B, L] bool (alive: not dropped by an earlier gate, not
    // padding); attention [B, H, L, L]: the probabilities of the block before the gate (rule
    // attention only, else may be undefined).
    // Returns logAlpha 0 where kept (and on EOS, padding, earlier-dropped tokens), kDroppedLogAlpha
    // where dropped here.
    GateDecision forward(const torch::Tensor& hidden, const torch::Tensor& neverDrop, const torch::Tensor& alive,
                         const torch::Tensor& attention = {});

    GateDecision decide(const torch::Tensor& hidden, const torch::Tensor& neverDrop, const torch::Tensor& alive,
                        const torch::Tensor& attention) override
    {
        return forward(hidden, neverDrop, alive, attention);
    }
    void setKeepTarget(double fraction) override { keepFraction_ = fraction; }
    double keepTarget() const override { return keepFraction_; }
    bool readsAttention() const override { return rule_ == GateRule::AttentionReceived; }
    GateRule rule() const { return rule_; }

private:
    GateRule rule_;
    double keepFraction_ = 1.0;
};
TORCH_MODULE(FixedRuleGate);

}  // namespace megatoken
