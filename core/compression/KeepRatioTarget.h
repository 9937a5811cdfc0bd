#pragma once
// The keep-ratio budget of a run, in one place: what overall fraction of the input tokens should
// survive the last gate at each training step, and what share of it each gate keeps.
//
// Who reads it: the PI controller steers lambda towards at(step) (LambdaController); calibrated
// learned gates aim their offset at perGate(at(step)) while training (Trainer); fixed-rule gates
// keep exactly perGate(final()) of their input after training (RunLoader, Inspector), and
// perGate(at(step)) while training. The encoder turns an overall target into per-gate shares
// (MegatokenEncoder::setKeepTarget).

#include <cstddef>
#include <cstdint>

#include "core/config/TrainConfig.h"

namespace megatoken {

class KeepRatioTarget {
public:
    explicit KeepRatioTarget(const LossConfig& loss);

    // The overall keep ratio to aim at after `step` (0-based) optimizer steps: 1 until the end of
    // loss.warmup_steps, then falling linearly to loss.target_keep over loss.target_ramp_steps
    // (at once when that is 0). In [target_keep, 1].
    double at(std::int64_t step) const;

    // The overall keep ratio once the ramp is over: loss.target_keep. What a trained model's
    // fixed-rule gates use for evaluation, inspection and sweeps.
    double final() const { return targetKeep_; }

    // Each of `gates` gates keeps overall^(1/gates) of the tokens reaching it, so that the
    // product over the gates is `overall` (a gate's share of a matched budget, as in the method
    // notes' fixed-rule baselines). overall is clamped to [1e-6, 1]; 1 when there are no gates.
    static double perGate(double overall, std::size_t gates);

private:
    double targetKeep_;
    std::int64_t warmupSteps_;
    std::int64_t rampSteps_;
};

}  // namespace megatoken
