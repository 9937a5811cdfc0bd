#pragma once
// The CLI's view of training: progress lines on stderr (or one JSON object per event on stdout).
// Ctrl-C is InterruptScope's (app/cli/InterruptScope.h): it cancels the run's Feedback.

#include <chrono>
#include <cstdint>
#include <string>

#include "core/feedback/TrainingObserver.h"
#include "core/runs/EtaEstimator.h"

namespace megatoken::cli {

// Prints one progress line per step on a terminal, a line every 10 steps in a log, and each
// evaluation on its own line; the values shown, their labels and formats, and the keys of the
// JSON events (the column names of metrics.csv and eval.csv) come from the metric schema. On a
// terminal, onProgress() shows the preparation (corpus reading, tokenizer training) as a
// self-updating line until the run starts.
class ConsoleObserver : public TrainingObserver {
public:
    explicit ConsoleObserver(bool json);

    // For Feedback::setListener: "reading corpus 42%" on a terminal (at most 5 times a second),
    // nothing in a log or in JSON mode. Called on the training thread, like the callbacks.
    void onProgress(double fraction, const std::string& message);

    void onRunStarted(const RunInfo& info) override;
    void onStep(const StepMetrics& m) override;
    void onEvaluation(const EvalMetrics& m) override;
    void onLog(const std::string& message) override;
    void onCheckpoint(std::int64_t step, const std::string& path) override;
    void onFinished(FinishReason reason, const std::string& message) override;

private:
    bool json_;
    bool terminal_;
    bool preparing_ = true;  // no step yet: progress lines are the preparation's
    bool progressShown_ = false;
    std::chrono::steady_clock::time_point lastProgress_;
    std::chrono::steady_clock::time_point origin_ = std::chrono::steady_clock::now();
    EtaEstimator eta_;
};

}  // namespace megatoken::cli
