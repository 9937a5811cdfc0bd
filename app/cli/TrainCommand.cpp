#include "app/cli/TrainCommand.h"

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/cli/ProgressLine.h"
#include "core/config/ConfigOverride.h"
#include "core/config/ConfigValidation.h"
#include "core/config/Presets.h"
#include "core/config/RunConfigJson.h"
#include "core/train/Trainer.h"

namespace megatoken::cli {
namespace {

volatile std::sig_atomic_t interruptRequested = 0;

extern "C" void onInterrupt(int) {
    if (interruptRequested) {
        std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends the process at once
        std::raise(SIGINT);
        return;
    }
    interruptRequested = 1;
}

// Prints one progress line per step on a terminal, a line every 10 steps in a log, and each
// evaluation on its own line. Turns the first Ctrl-C into a clean stop after the current step.
class ConsoleObserver : public TrainingObserver {
public:
    ConsoleObserver(Trainer*& trainer, bool json) : trainer_(trainer), json_(json), terminal_(isatty(STDERR_FILENO) != 0) {}

    void onStep(const StepMetrics& m) override {
        if (first_ < 0) {
            first_ = m.step;
            firstTime_ = std::chrono::steady_clock::now();
        }
        if (interruptRequested && !stopping_ && trainer_) {
            stopping_ = true;
            std::fprintf(stderr, "\ninterrupted: stopping after this step and writing a checkpoint (Ctrl-C again to abort)\n");
            trainer_->requestStop();
        }
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
    void onEvaluation(const EvalMetrics& m) override {
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
    void onLog(const std::string& message) override {
        if (json_) {
            std::cout << nlohmann::json{{"event", "log"}, {"message", message}}.dump() << std::endl;
            return;
        }
        std::fprintf(stderr, "%s%s\n", terminal_ ? "\r\033[K" : "", message.c_str());
    }
    void onCheckpoint(std::int64_t step, const std::string& path) override {
        if (json_) {
            std::cout << nlohmann::json{{"event", "checkpoint"}, {"step", step}, {"path", path}}.dump() << std::endl;
            return;
        }
        std::fprintf(stderr, "%scheckpoint: %s\n", terminal_ ? "\r\033[K" : "", path.c_str());
    }
    void onFinished(FinishReason reason, const std::string& message) override {
        reason_ = reason;
        if (json_) {
            std::cout << nlohmann::json{{"event", "finished"}, {"reason", finishReasonName(reason)}, {"message", message}}.dump()
                      << std::endl;
            return;
        }
        std::fprintf(stderr, "%s%s: %s\n", terminal_ ? "\r\033[K" : "", finishReasonName(reason), message.c_str());
    }

private:
    Trainer*& trainer_;
    bool json_;
    bool terminal_;
    bool stopping_ = false;
    std::int64_t first_ = -1;
    std::chrono::steady_clock::time_point firstTime_;
    FinishReason reason_ = FinishReason::Completed;
};

struct TrainArgs {
    std::string preset = "tiny";
    std::string config;
    std::vector<std::string> sets;
    std::string corpus;
    std::int64_t steps = 0;
    std::string out;
    std::string name;
    bool resume = false;
    bool json = false;
};

int runTrain(const TrainArgs& args) {
    RunConfig config;
    if (args.resume) {
        // Continue from the run's own config; --steps may extend (or shorten) its budget.
        if (args.name.empty()) throw CLI::ValidationError("--resume", "name the run to continue with --name");
        const std::string runs = args.out.empty() ? RunSettings{}.runsDirectory : args.out;
        config = loadConfigFile(runs + "/" + args.name + "/config.json");
        // The trainer continues with the saved config (a checkpoint only fits the model it was
        // written by), so say so rather than silently drop what the user asked for.
        if (!args.sets.empty() || !args.config.empty() || !args.corpus.empty())
            std::fprintf(stderr, "warning: --resume continues %s with its saved config.json; --set, --config and "
                                 "--corpus are ignored (only --steps applies)\n", args.name.c_str());
    } else {
        config = args.config.empty() ? preset(args.preset) : loadConfigFile(args.config);
    }
    for (const auto& assignment : args.sets) applyOverride(config, assignment);
    if (!args.corpus.empty()) config.data.corpus = args.corpus;
    if (args.steps > 0) config.optim.steps = args.steps;
    if (!args.out.empty()) config.run.runsDirectory = args.out;
    if (!args.name.empty()) config.run.name = args.name;
    validateOrThrow(config);

    Trainer* trainerPointer = nullptr;
    ConsoleObserver observer(trainerPointer, args.json);
    Trainer trainer(config, observer, args.resume);
    trainerPointer = &trainer;
    std::signal(SIGINT, onInterrupt);
    const FinishReason reason = trainer.run();
    std::signal(SIGINT, SIG_DFL);
    if (!args.json) std::fprintf(stderr, "run directory: %s\n", trainer.runDirectory().c_str());
    return reason == FinishReason::Completed || reason == FinishReason::Stopped ? 0 : 1;
}

}  // namespace

void addTrainCommand(CLI::App& app) {
    auto args = std::make_shared<TrainArgs>();
    auto* command = app.add_subcommand("train", "Train a Megatoken model; writes runs/<name>/ (config, metrics, checkpoints)");
    command->add_option("--preset", args->preset, "Preset: tiny, small, flan-t5-small, authors-code")->capture_default_str();
    command->add_option("--config", args->config, "A config JSON file (a partial file overrides its preset)")->check(CLI::ExistingFile);
    command->add_option("--set", args->sets, "Override one key, e.g. --set gates.tau=0.5 (repeatable; see `megatoken config keys`)");
    command->add_option("--corpus", args->corpus, "Corpus file (default: the WordNet glosses)");
    command->add_option("--steps", args->steps, "Number of optimizer steps (optim.steps)");
    command->add_option("--out", args->out, "Runs directory (run.runs_directory, default runs/)");
    command->add_option("--name", args->name, "Run name (default: <preset>-<date>-<time>)");
    command->add_flag("--resume", args->resume, "Continue the run named by --name from its newest checkpoint, with its saved config (--steps sets the new budget)");
    command->add_flag("--json", args->json, "One JSON object per event on stdout");
    command->callback([args] {
        const int code = runTrain(*args);
        if (code != 0) throw CLI::RuntimeError(code);
    });
}

}  // namespace megatoken::cli
