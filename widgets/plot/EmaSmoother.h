#pragma once

#include <vector>

namespace megatoken {

// TensorBoard's scalar smoothing: an exponential moving average started at 0 and divided by
// 1 - weight^n, so the first points are not dragged towards 0 (the start-up bias of a plain EMA).
// Non-finite values (NaN, +-Inf) pass through unchanged and are not folded into the average, so a
// single diverged step does not poison the rest of the curve.
class EmaSmoother {
public:
    // weight is how much of the past each new value keeps: 0 means no smoothing (identity),
    // values near 1 smooth strongly. Clamped to [0, kMaxWeight]; NaN counts as 0.
    explicit EmaSmoother(double weight = 0.6);

    static constexpr double kMaxWeight = 0.999;

    // Folds value in and returns the debiased average so far (or value itself if not finite).
    double add(double value);
    // Forgets everything added, keeping the weight.
    void reset();
    double weight() const;

private:
    double weight_;
    double last_ = 0.0;
    double weightPower_ = 1.0;  // weight^n, kept incrementally so add() costs no pow()
};

// The whole series smoothed at once: element i equals EmaSmoother(weight).add() of values[i]
// after values[0..i-1].
std::vector<double> debiasedEma(const std::vector<double>& values, double weight);

}  // namespace megatoken
