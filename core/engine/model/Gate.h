#pragma once
// What every gate after an encoder block is to the encoder: learned Megatoken gates (TokenGate)
// and fixed-rule baselines (FixedRuleGate) alike. The encoder holds its gates through this
// interface, so it never asks which kind a gate is; a new gate mechanism implements it.
#include <torch/torch.h>

namespace megatoken {

// One gate's decision on a batch.
struct GateDecision {
    // [B, L] ln alpha: 0 for kept tokens and for tokens the gate must never drop (EOS, padding);
    // at most 0 elsewhere. The encoder accumulates it into G(s) and thresholds it for the hard mask.
    torch::Tensor logAlpha;
    // [B, L, D]: the hidden states the following blocks read: the input, or a rule's rewrite of it
    // (stride pooling puts each segment's mean on its kept token).
    torch::Tensor hidden;
    // [B, L] (optional): the soft ln alpha behind logAlpha when logAlpha's forward value is a hard
    // decision (gates.keep=quantile: 0 kept, far below any threshold dropped, with this one's
    // gradient). Traces, the inspector and the losses read it; undefined: logAlpha is soft itself.
    torch::Tensor softLogAlpha;
};

class GateModuleImpl : public torch::nn::Module {
public:
    // hidden [B, L, D]; neverDrop, alive [B, L] bool (alive: not dropped by an earlier gate, not
    // padding; may be undefined for a learned gate); attention [B, H, L, L]: the probabilities of
    // the block before the gate, defined only when readsAttention() is true.
    virtual GateDecision decide(const torch::Tensor& hidden, const torch::Tensor& neverDrop, const torch::Tensor& alive,
                                const torch::Tensor& attention) = 0;

    // The fraction of the tokens reaching this gate it should keep, in [0, 1]: the gate's share of
    // the overall keep target (KeepRatioTarget::perGate). Fixed rules keep exactly that; learned
    // gates use it only for calibration during training.
    virtual void setKeepTarget(double fraction) = 0;
    virtual double keepTarget() const = 0;

    // Whether decide() needs the attention probabilities of the block before the gate (the
    // encoder then records them).
    virtual bool readsAttention() const { return false; }
};

}  // namespace megatoken
