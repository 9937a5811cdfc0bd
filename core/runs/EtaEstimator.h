#pragma once
// Time left in a run, from the wall clock of recent steps: a window of the last steps follows
// speed changes (evaluations, other load, a pause) without jumping at every step. One estimator
// for both surfaces: the workbench's status line and the CLI's progress line.

#include <cstdint>
#include <deque>
#include <string>
#include <utility>

namespace megatoken {

class EtaEstimator {
public:
    explicit EtaEstimator(int window = 50) : window_(window) {}

    void reset() { samples_.clear(); }
    void addStep(std::int64_t step, double wallSeconds);

    // Seconds until totalSteps; negative when unknown (fewer than two steps seen).
    double secondsLeft(std::int64_t totalSteps) const;
    // Steps per second over the window; 0 when unknown.
    double stepsPerSecond() const;

    // "1:02:03", "4:05", "12 s"; "–" for a negative (unknown) value.
    static std::string format(double seconds);

private:
    int window_;
    std::deque<std::pair<std::int64_t, double>> samples_;
};

}  // namespace megatoken
