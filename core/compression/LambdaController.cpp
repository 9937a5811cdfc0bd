#include "core/compression/LambdaController.h"

#include <algorithm>
#include <cmath>

namespace megatoken {

namespace {

// The lowest lambda the controller sets: loss.lambda_min, but never below 0 with a prior
// (loss.prior binomial or keep_mse). The compression loss only pushes the keep ratio down, so a
// negative weight pushes it up and revives gates. A prior pulls the keep ratio towards the target
// from both sides, so a negative weight pushes it away from the target: below the target, further
// down. That positive feedback collapsed the binomial runs of the search (training batches kept
// 0.06 with lambda at -1; docs/experiments.md). Below the target a prior run gets lambda 0, and
// the reconstruction loss, which rewards keeping, and the gates' calibration raise it again.
double lambdaFloor(const LossConfig& config)
{
    return config.prior == LossPrior::None ? config.lambdaMin : std::max(config.lambdaMin, 0.0);
}

}  // namespace

LambdaController::LambdaController(const LossConfig& config) : config_(config), target_(config) {}

double LambdaController::lambdaFor(std::int64_t step) const
{
    switch (config_.schedule) {
        case LambdaSchedule::Constant: return config_.lambda;
        case LambdaSchedule::Step: return step >= config_.warmupSteps ? config_.lambda : 0.0;
        case LambdaSchedule::Ramp: {
            if (step < config_.warmupSteps) return 0.0;
            const double t = config_.rampSteps > 0 ? static_cast<double>(step - config_.warmupSteps) /
                                                         static_cast<double>(config_.rampSteps)
                                                   : 1.0;
            return config_.lambda * std::min(1.0, t);
        }
        case LambdaSchedule::Target: return step >= config_.warmupSteps ? lambda_ : 0.0;
    }
    return 0.0;
}

void LambdaController::observe(std::int64_t step, double hardKeepRatio)
{
    if (config_.schedule != LambdaSchedule::Target || step < config_.warmupSteps || !std::isfinite(hardKeepRatio))
        return;
    smoothed_ =
        primed_ ? config_.controllerEma * smoothed_ + (1.0 - config_.controllerEma) * hardKeepRatio : hardKeepRatio;
    primed_ = true;
    double error = smoothed_ - targetAt(step);  // > 0: keeping too much, compress harder
    if (std::abs(error) < config_.controllerDeadBand) error = 0.0;
    const double proposed = config_.controllerKp * error + config_.controllerKi * (integral_ + error);
    // Anti-windup: integrate only while lambda is not pinned at a limit in the error's direction.
    const bool pinnedHigh = proposed > config_.lambdaMax && error > 0;
    const double floor = lambdaFloor(config_);
    const bool pinnedLow = proposed < floor && error < 0;
    if (!pinnedHigh && !pinnedLow) integral_ += error;
    lambda_ = std::clamp(config_.controllerKp * error + config_.controllerKi * integral_, floor, config_.lambdaMax);
}

void LambdaController::restore(double lambda, double integral, double smoothed)
{
    lambda_ = lambda;
    integral_ = integral;
    smoothed_ = smoothed;
    primed_ = true;
}

}  // namespace megatoken
