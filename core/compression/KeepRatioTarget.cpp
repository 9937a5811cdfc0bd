#include "core/compression/KeepRatioTarget.h"

#include <algorithm>
#include <cmath>

namespace megatoken {

KeepRatioTarget::KeepRatioTarget(const LossConfig& loss)
    : targetKeep_(loss.targetKeep), warmupSteps_(loss.warmupSteps), rampSteps_(loss.targetRampSteps)
{
}

double KeepRatioTarget::at(std::int64_t step) const
{
    if (rampSteps_ <= 0) return targetKeep_;
    const double t = std::clamp(static_cast<double>(step - warmupSteps_) / static_cast<double>(rampSteps_), 0.0, 1.0);
    return 1.0 - (1.0 - targetKeep_) * t;
}

double KeepRatioTarget::perGate(double overall, std::size_t gates)
{
    if (gates == 0) return 1.0;
    return std::pow(std::clamp(overall, 1e-6, 1.0), 1.0 / static_cast<double>(gates));
}

}  // namespace megatoken
