#include "app/cli/ConsoleObserver.h"

#include <unistd.h>

#include <cmath>
#include <csignal>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/cli/MetricText.h"
#include "app/cli/ProgressLine.h"
#include "core/runs/MetricSchema.h"

namespace megatoken::cli {
namespace {

volatile std::sig_atomic_t interruptFlag = 0;

extern "C" void onInterrupt(int) {
    if (interruptFlag) {
        std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends the process at once
        std::raise(SIGINT);
        return;
    }
    interruptFlag = 1;
}

}  // namespace

InterruptScope::InterruptScope() { std::signal(SIGINT, onInterrupt); }
InterruptScope::~InterruptScope() { std::signal(SIGINT, SIG_DFL); }
bool interruptRequested() { return interruptFlag != 0; }

ConsoleObserver::ConsoleObserver(std::function<void()> stop, bool json)
    : stop_(std::move(stop)), json_(json), terminal_(isatty(STDERR_FILENO) != 0) {}

void ConsoleObserver::onStep(const StepMetrics& m) {
    if (first_ < 0 || m.step <= last_) {  // the first step, or the next run of a sweep
        first_ = m.step;
        firstTime_ = std::chrono::steady_clock::now();
    }
    last_ = m.step;
    if (interruptRequested() && !stopping_ && stop_) {
        stopping_ = true;
        std::fprintf(stderr, "\ninterrupted: stopping after this step and writing a checkpoint (Ctrl-C again to abort)\n");
        stop_();
    }
    if (json_) {
        nlohmann::json j = {{"event", "step"}, {"total_steps", m.totalSteps}};
        j.update(metricJson(m));
        std::cout << j.dump() << std::endl;
        return;
    }
    if (!terminal_ && m.step % 10 != 0 && m.step != m.totalSteps) return;
    // The rate since this process's first step: a resumed run's earlier wall time does not count.
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - firstTime_).count();
    const double eta = m.step > first_ ? elapsed / static_cast<double>(m.step - first_) * static_cast<double>(m.totalSteps - m.step)
                                       : NAN;
    std::fprintf(stderr, "%sstep %lld/%lld  %s  ETA %s%s", terminal_ ? "\r\033[K" : "", static_cast<long long>(m.step),
                 static_cast<long long>(m.totalSteps), consoleItems(m).c_str(), formatDuration(eta).c_str(),
                 terminal_ ? "" : "\n");
    std::fflush(stderr);
}
void ConsoleObserver::onEvaluation(const EvalMetrics& m) {
    if (json_) {
        nlohmann::json j = {{"event", "eval"}, {"split", m.split}};
        j.update(metricJson(m));
        std::cout << j.dump() << std::endl;
        return;
    }
    std::fprintf(stderr, "%seval @%lld (%s, %lld texts): %s\n", terminal_ ? "\r\033[K" : "", static_cast<long long>(m.step),
                 m.split.c_str(), static_cast<long long>(m.texts), consoleItems(m).c_str());
}
void ConsoleObserver::onLog(const std::string& message) {
    if (json_) {
        std::cout << nlohmann::json{{"event", "log"}, {"message", message}}.dump() << std::endl;
        return;
    }
    std::fprintf(stderr, "%s%s\n", terminal_ ? "\r\033[K" : "", message.c_str());
}
void ConsoleObserver::onCheckpoint(std::int64_t step, const std::string& path) {
    if (json_) {
        std::cout << nlohmann::json{{"event", "checkpoint"}, {metric_name::kStep, step}, {"path", path}}.dump() << std::endl;
        return;
    }
    std::fprintf(stderr, "%scheckpoint: %s\n", terminal_ ? "\r\033[K" : "", path.c_str());
}
void ConsoleObserver::onFinished(FinishReason reason, const std::string& message) {
    if (json_) {
        std::cout << nlohmann::json{{"event", "finished"}, {"reason", finishReasonName(reason)}, {"message", message}}.dump()
                  << std::endl;
        return;
    }
    std::fprintf(stderr, "%s%s: %s\n", terminal_ ? "\r\033[K" : "", finishReasonName(reason), message.c_str());
}

}  // namespace megatoken::cli
