#include "core/runs/EtaEstimator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace megatoken {

void EtaEstimator::addStep(std::int64_t step, double wallSeconds)
{
    // A resumed run restarts its step count: start over rather than mix two clocks.
    if (!samples_.empty() && step <= samples_.back().first) samples_.clear();
    samples_.emplace_back(step, wallSeconds);
    while (static_cast<int>(samples_.size()) > window_) samples_.pop_front();
}

double EtaEstimator::stepsPerSecond() const
{
    if (samples_.size() < 2) return 0;
    const double steps = static_cast<double>(samples_.back().first - samples_.front().first);
    const double seconds = samples_.back().second - samples_.front().second;
    return seconds > 0 ? steps / seconds : 0;
}

double EtaEstimator::secondsLeft(std::int64_t totalSteps) const
{
    const double rate = stepsPerSecond();
    if (rate <= 0) return -1;
    return std::max(0.0, static_cast<double>(totalSteps - samples_.back().first) / rate);
}

std::string EtaEstimator::format(double seconds)
{
    if (seconds < 0 || !std::isfinite(seconds)) return "–";
    const long total = std::lround(seconds);
    char text[32];
    if (total < 60)
        std::snprintf(text, sizeof text, "%ld s", total);
    else if (total < 3600)
        std::snprintf(text, sizeof text, "%ld:%02ld", total / 60, total % 60);
    else
        std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", total / 3600, (total / 60) % 60, total % 60);
    return text;
}

}  // namespace megatoken
