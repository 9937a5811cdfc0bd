#include "app/cli/ConsoleObserver.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/cli/MetricText.h"
#include "app/cli/ProgressLine.h"
#include "core/runs/MetricSchema.h"

namespace megatoken::cli {

ConsoleObserver::ConsoleObserver(bool json) : json_(json), terminal_(isatty(STDERR_FILENO) != 0) {}

void ConsoleObserver::onProgress(double fraction, const std::string& message)
{
    if (json_ || !terminal_ || !preparing_) return;
    const auto now = std::chrono::steady_clock::now();
    if (progressShown_ && now - lastProgress_ < std::chrono::milliseconds(200) && fraction < 1.0) return;
    lastProgress_ = now;
    progressShown_ = true;
    std::fprintf(stderr, "\r\033[K%s %.0f%%", message.c_str(), fraction * 100.0);
    std::fflush(stderr);
}

void ConsoleObserver::onRunStarted(const RunInfo&)
{
    preparing_ = false;
    if (progressShown_) std::fprintf(stderr, "\r\033[K");
    progressShown_ = false;
}

void ConsoleObserver::onStep(const StepMetrics& m)
{
    // The rate over the last steps (EtaEstimator's window): a resumed run's earlier wall time does
    // not count, and after a pause (an evaluation, a SIGSTOP, other load) the ETA recovers within
    // the window instead of carrying the pause to the end. A sweep's next run restarts it.
    eta_.addStep(m.step, std::chrono::duration<double>(std::chrono::steady_clock::now() - origin_).count());
    if (json_) {
        nlohmann::json j = {{"event", "step"}, {"total_steps", m.totalSteps}};
        j.update(metricJson(m));
        std::cout << j.dump() << std::endl;
        return;
    }
    if (!terminal_ && m.step % 10 != 0 && m.step != m.totalSteps) return;
    const double eta = eta_.secondsLeft(m.totalSteps);  // negative (shown as ?) until two steps
    std::fprintf(stderr, "%sstep %lld/%lld  %s  ETA %s%s", terminal_ ? "\r\033[K" : "", static_cast<long long>(m.step),
                 static_cast<long long>(m.totalSteps), consoleItems(m).c_str(), formatDuration(eta).c_str(),
                 terminal_ ? "" : "\n");
    std::fflush(stderr);
}
void ConsoleObserver::onEvaluation(const EvalMetrics& m)
{
    if (json_) {
        nlohmann::json j = {{"event", "eval"}, {"split", m.split}};
        j.update(metricJson(m));
        std::cout << j.dump() << std::endl;
        return;
    }
    std::fprintf(stderr, "%seval @%lld (%s, %lld texts): %s\n", terminal_ ? "\r\033[K" : "",
                 static_cast<long long>(m.step), m.split.c_str(), static_cast<long long>(m.texts),
                 consoleItems(m).c_str());
}
void ConsoleObserver::onLog(const std::string& message)
{
    if (json_) {
        std::cout << nlohmann::json{{"event", "log"}, {"message", message}}.dump() << std::endl;
        return;
    }
    std::fprintf(stderr, "%s%s\n", terminal_ ? "\r\033[K" : "", message.c_str());
}
void ConsoleObserver::onCheckpoint(std::int64_t step, const std::string& path)
{
    if (json_) {
        std::cout << nlohmann::json{{"event", "checkpoint"}, {metric_name::kStep, step}, {"path", path}}.dump()
                  << std::endl;
        return;
    }
    std::fprintf(stderr, "%scheckpoint: %s\n", terminal_ ? "\r\033[K" : "", path.c_str());
}
void ConsoleObserver::onFinished(FinishReason reason, const std::string& message)
{
    preparing_ = true;  // a sweep's next point prepares again
    progressShown_ = false;
    if (json_) {
        std::cout
            << nlohmann::json{{"event", "finished"}, {"reason", finishReasonName(reason)}, {"message", message}}.dump()
            << std::endl;
        return;
    }
    // "completed 40 steps" says it already: not "completed: completed 40 steps".
    const std::string name = finishReasonName(reason);
    const bool named = message.rfind(name + " ", 0) == 0;
    std::fprintf(stderr, "%s%s%s\n", terminal_ ? "\r\033[K" : "", named ? "" : (name + ": ").c_str(), message.c_str());
}

}  // namespace megatoken::cli
