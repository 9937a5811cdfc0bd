#include "app/cli/ConsoleObserver.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/cli/ProgressLine.h"

namespace megatoken::cli {

ConsoleObserver::ConsoleObserver(bool json) : json_(json), terminal_(isatty(STDERR_FILENO) != 0) {}

void ConsoleObserver::onProgress(double fraction, const std::string& message) {
    if (json_ || !terminal_ || !preparing_) return;
    const auto now = std::chrono::steady_clock::now();
    if (progressShown_ && now - lastProgress_ < std::chrono::milliseconds(200) && fraction < 1.0) return;
    lastProgress_ = now;
    progressShown_ = true;
    std::fprintf(stderr, "\r\033[K%s %.0f%%", message.c_str(), fraction * 100.0);
    std::fflush(stderr);
}

void ConsoleObserver::onRunStarted(const RunInfo&) {
    preparing_ = false;
    if (progressShown_) std::fprintf(stderr, "\r\033[K");
    progressShown_ = false;
}

void ConsoleObserver::onStep(const StepMetrics& m) {
    if (first_ < 0 || m.step <= last_) {  // the first step, or the next run of a sweep
        first_ = m.step;
        firstTime_ = std::chrono::steady_clock::now();
    }
    last_ = m.step;
    if (json_) {
        nlohmann::json j = {{"event", "step"}, {"step", m.step}, {"loss", m.loss}, {"ce", m.crossEntropy},
                            {"compression", m.compressionLoss}, {"lambda", m.lambda}, {"accuracy", m.tokenAccuracy},
                            {"soft_keep", m.softKeepRatio}, {"hard_keep", m.hardKeepRatio}, {"gate_ratios", m.gateRatios},
                            {"gate_kept", m.gateKept}, {"lr", m.learningRate}, {"tokens_per_s", m.tokensPerSecond},
                            {"wall_s", m.wallSeconds}};
        std::cout << j.dump() << std::endl;
        return;
    }
    if (!terminal_ && m.step % 10 != 0 && m.step != m.totalSteps) return;
    // The rate since this process's first step: a resumed run's earlier wall time does not count.
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - firstTime_).count();
    const double eta = m.step > first_ ? elapsed / static_cast<double>(m.step - first_) * static_cast<double>(m.totalSteps - m.step)
                                       : NAN;
    std::fprintf(stderr, "%sstep %lld/%lld  loss %.3f  ce %.3f  acc %.3f  keep %.2f hard / %.2f soft  lambda %+.2f  %.0f tok/s  ETA %s%s",
                 terminal_ ? "\r\033[K" : "", static_cast<long long>(m.step), static_cast<long long>(m.totalSteps), m.loss,
                 m.crossEntropy, m.tokenAccuracy, m.hardKeepRatio, m.softKeepRatio, m.lambda, m.tokensPerSecond,
                 formatDuration(eta).c_str(), terminal_ ? "" : "\n");
    std::fflush(stderr);
}
void ConsoleObserver::onEvaluation(const EvalMetrics& m) {
    if (json_) {
        std::cout << nlohmann::json{{"event", "eval"}, {"step", m.step}, {"accuracy_hard", m.accuracyHard},
                                    {"accuracy_soft", m.accuracySoft}, {"accuracy_free", m.accuracyFree},
                                    {"bleu_free", m.bleuFree}, {"rougeL_free", m.rougeLFree},
                                    {"hard_keep", m.hardKeepRatio}, {"gate_kept", m.gateKept}}
                         .dump()
                  << std::endl;
        return;
    }
    std::fprintf(stderr, "%seval @%lld: accuracy hard %.3f / soft %.3f, free-running acc %.3f BLEU %.1f ROUGE-L %.3f, kept %.2f (%lld texts, %.1f s)\n",
                 terminal_ ? "\r\033[K" : "", static_cast<long long>(m.step), m.accuracyHard, m.accuracySoft,
                 m.accuracyFree, m.bleuFree, m.rougeLFree, m.hardKeepRatio, static_cast<long long>(m.texts), m.seconds);
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
        std::cout << nlohmann::json{{"event", "checkpoint"}, {"step", step}, {"path", path}}.dump() << std::endl;
        return;
    }
    std::fprintf(stderr, "%scheckpoint: %s\n", terminal_ ? "\r\033[K" : "", path.c_str());
}
void ConsoleObserver::onFinished(FinishReason reason, const std::string& message) {
    preparing_ = true;  // a sweep's next point prepares again
    progressShown_ = false;
    if (json_) {
        std::cout << nlohmann::json{{"event", "finished"}, {"reason", finishReasonName(reason)}, {"message", message}}.dump()
                  << std::endl;
        return;
    }
    std::fprintf(stderr, "%s%s: %s\n", terminal_ ? "\r\033[K" : "", finishReasonName(reason), message.c_str());
}

}  // namespace megatoken::cli
