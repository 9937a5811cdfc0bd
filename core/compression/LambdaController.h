#pragma once
// The weight lambda of the compression loss over training: a fixed schedule, or a PI controller
// that steers the overall hard keep ratio to a target.
//
// Why a controller: from scratch a fixed lambda either collapses (everything dropped) or does
// nothing (saturated gates), and a plain proportional controller oscillated between 8% and 55%
// kept (method notes). The integral term removes the steady-state error, the EMA and the dead
// band damp the reaction to batch noise, and a lambda allowed to go negative can revive gates
// that dropped everything (a dropped token gets no gradient through attention).

#include <cstdint>

#include "core/compression/KeepRatioTarget.h"
#include "core/config/TrainConfig.h"

namespace megatoken {

class LambdaController {
public:
    explicit LambdaController(const LossConfig& config);

    // Lambda to use at this (0-based) step.
    double lambdaFor(std::int64_t step) const;
    // Feed back the keep ratio measured at a step (target mode only): the overall hard keep ratio
    // or the droppable share, as loss.controller_measure says (Trainer).
    void observe(std::int64_t step, double hardKeepRatio);

    // The keep ratio the controller aims at this step (KeepRatioTarget::at).
    double targetAt(std::int64_t step) const { return target_.at(step); }

    double smoothedKeepRatio() const { return smoothed_; }
    double integral() const { return integral_; }
    // For checkpoints: the controller's state.
    void restore(double lambda, double integral, double smoothed);
    double currentLambda() const { return lambda_; }

private:
    LossConfig config_;
    KeepRatioTarget target_;
    double lambda_ = 0.0;
    double integral_ = 0.0;
    double smoothed_ = 1.0;
    bool primed_ = false;
};

}  // namespace megatoken
