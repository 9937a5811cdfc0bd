#pragma once
// The CLI's view of training: progress lines on stderr (or one JSON object per event on stdout),
// and Ctrl-C turned into a clean stop.

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "core/feedback/TrainingObserver.h"

namespace megatoken::cli {

// While alive, the first Ctrl-C only sets a flag (ConsoleObserver then asks for a clean stop);
// a second one ends the process at once.
class InterruptScope {
public:
    InterruptScope();
    ~InterruptScope();
    InterruptScope(const InterruptScope&) = delete;
    InterruptScope& operator=(const InterruptScope&) = delete;
};
bool interruptRequested();

// Prints one progress line per step on a terminal, a line every 10 steps in a log, and each
// evaluation on its own line; the values shown, their labels and formats, and the keys of the
// JSON events (the column names of metrics.csv and eval.csv) come from the metric schema. After a Ctrl-C (see InterruptScope) it calls stop, once.
class ConsoleObserver : public TrainingObserver {
public:
    ConsoleObserver(std::function<void()> stop, bool json);

    void onStep(const StepMetrics& m) override;
    void onEvaluation(const EvalMetrics& m) override;
    void onLog(const std::string& message) override;
    void onCheckpoint(std::int64_t step, const std::string& path) override;
    void onFinished(FinishReason reason, const std::string& message) override;

private:
    std::function<void()> stop_;
    bool json_;
    bool terminal_;
    bool stopping_ = false;
    std::int64_t first_ = -1;
    std::int64_t last_ = 0;
    std::chrono::steady_clock::time_point firstTime_;
};

}  // namespace megatoken::cli
