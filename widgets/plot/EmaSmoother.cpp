#include "widgets/plot/EmaSmoother.h"

#include <algorithm>
#include <cmath>

namespace megatoken {

namespace {

double clampedWeight(double weight)
{
    if (std::isnan(weight)) return 0.0;
    return std::clamp(weight, 0.0, EmaSmoother::kMaxWeight);
}

}  // namespace

EmaSmoother::EmaSmoother(double weight) : weight_(clampedWeight(weight)) {}

double EmaSmoother::add(double value)
{
    if (!std::isfinite(value)) return value;
    last_ = last_ * weight_ + (1.0 - weight_) * value;
    weightPower_ *= weight_;
    // With weight 0 the divisor is exactly 1 and the result exactly value: identity, no rounding.
    return last_ / (1.0 - weightPower_);
}

void EmaSmoother::reset()
{
    last_ = 0.0;
    weightPower_ = 1.0;
}

double EmaSmoother::weight() const
{
    return weight_;
}

std::vector<double> debiasedEma(const std::vector<double>& values, double weight)
{
    EmaSmoother smoother(weight);
    std::vector<double> smoothed;
    smoothed.reserve(values.size());
    for (double value : values) smoothed.push_back(smoother.add(value));
    return smoothed;
}

}  // namespace megatoken
