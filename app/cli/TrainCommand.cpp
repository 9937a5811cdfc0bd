#include "app/cli/TrainCommand.h"

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/cli/ConsoleObserver.h"
#include "app/cli/InterruptScope.h"
#include "app/cli/LocalLauncher.h"
#include "core/config/ConfigKeysHelp.h"
#include "core/config/ConfigOverride.h"
#include "core/config/ConfigValidation.h"
#include "core/config/Presets.h"
#include "core/config/RunConfigJson.h"
#include "core/distributed/DistributedEnvironment.h"
#include "core/engine/train/Trainer.h"
#include "core/feedback/Feedback.h"

namespace megatoken::cli {
namespace {

struct TrainArgs {
    std::string preset = "tiny";
    std::string config;
    std::vector<std::string> sets;
    std::string corpus;
    std::int64_t steps = 0;
    std::string out;
    std::string name;
    std::string initFrom;
    bool resume = false;
    bool json = false;
    int nproc = 1;
};

// A rank other than 0 of a distributed run: rank 0 reports the run; this one says only how it
// ended when that was not a completion or a stop, prefixed with its rank.
class OtherRankObserver : public TrainingObserver {
public:
    explicit OtherRankObserver(int rank) : rank_(rank) {}
    // One line, so that a rank started by hand shows it is alive.
    void onRunStarted(const RunInfo& info) override
    {
        std::fprintf(stderr, "megatoken: rank %d: training (%s); rank 0 reports the run\n", rank_, info.device.c_str());
    }
    void onStep(const StepMetrics&) override {}
    void onEvaluation(const EvalMetrics&) override {}
    void onLog(const std::string&) override {}
    void onCheckpoint(std::int64_t, const std::string&) override {}
    void onFinished(FinishReason reason, const std::string& message) override
    {
        if (reason != FinishReason::Failed && reason != FinishReason::Diverged) return;
        // Messages of the distributed machinery name the rank already.
        if (message.rfind("rank ", 0) == 0)
            std::fprintf(stderr, "megatoken: %s\n", message.c_str());
        else
            std::fprintf(stderr, "megatoken: rank %d: %s\n", rank_, message.c_str());
    }

private:
    int rank_;
};

int runTrain(const TrainArgs& args)
{
    const auto distributed = distributedEnvironment();  // throws naming a bad RANK, WORLD_SIZE, ...
    if (args.nproc > 1) {
        if (distributed)
            throw CLI::ValidationError("--nproc", "this process is already rank " + std::to_string(distributed->rank) +
                                                      " of " + std::to_string(distributed->worldSize) +
                                                      " (WORLD_SIZE is set): let torchrun or srun start the ranks");
        // Checked here once, rather than by every worker.
        if (args.resume && args.name.empty())
            throw CLI::ValidationError("--resume", "name the run to continue with --name");
        return launchLocalWorkers(args.nproc, argumentsWithoutNproc(), 60);
    }
    RunConfig config;
    if (args.resume) {
        // Continue from the run's own config; --steps may extend (or shorten) its budget.
        if (args.name.empty()) throw CLI::ValidationError("--resume", "name the run to continue with --name");
        const std::string runs = args.out.empty() ? RunSettings{}.runsDirectory : args.out;
        config = loadConfigFile(runs + "/" + args.name + "/config.json");
        // The trainer continues with the saved config (a checkpoint only fits the model it was
        // written by), so say so rather than silently drop what the user asked for.
        if (!args.sets.empty() || !args.config.empty() || !args.corpus.empty())
            std::fprintf(stderr,
                         "warning: --resume continues %s with its saved config.json; --set, --config and "
                         "--corpus are ignored (only --steps applies)\n",
                         args.name.c_str());
    } else {
        std::vector<std::string> notes;
        config = args.config.empty() ? preset(args.preset) : loadConfigFile(args.config, &notes);
        for (const std::string& note : notes) std::fprintf(stderr, "note: %s\n", note.c_str());
    }
    for (const auto& assignment : args.sets) applyOverride(config, assignment);
    if (!args.corpus.empty()) config.data.corpus = args.corpus;
    if (args.steps > 0) config.optim.steps = args.steps;
    if (!args.out.empty()) config.run.runsDirectory = args.out;
    if (!args.name.empty()) config.run.name = args.name;
    if (!args.initFrom.empty()) {
        if (args.resume) throw CLI::ValidationError("--init-from", "a resumed run continues from its own checkpoint");
        config.run.initFrom = args.initFrom;
    }
    validateOrThrow(config);

    const bool main = !distributed || distributed->isMain();
    ConsoleObserver console(args.json);
    OtherRankObserver quiet(distributed ? distributed->rank : 0);
    TrainingObserver& observer = main ? static_cast<TrainingObserver&>(console) : quiet;
    Feedback feedback;
    if (main)
        feedback.setListener(
            [&console](double fraction, const std::string& message) { console.onProgress(fraction, message); });
    Trainer trainer(config, observer, feedback, args.resume);
    if (distributed) trainer.setDistributed(*distributed);
    const InterruptScope interrupts(feedback, main);
    const FinishReason reason = trainer.run();
    if (!args.json && main && !trainer.runDirectory().empty())
        std::fprintf(stderr, "run directory: %s\n", trainer.runDirectory().c_str());
    return reason == FinishReason::Completed || reason == FinishReason::Stopped ? 0 : 1;
}

}  // namespace

void addTrainCommand(CLI::App& app)
{
    auto args = std::make_shared<TrainArgs>();
    auto* command =
        app.add_subcommand("train", "Train a Megatoken model; writes runs/<name>/ (config, metrics, checkpoints)");
    std::string presets;
    for (const auto& name : presetNames()) presets += (presets.empty() ? "" : ", ") + name;
    command->add_option("--preset", args->preset, "Preset: " + presets)->capture_default_str();
    command->add_option("--config", args->config, "A config JSON file (a partial file overrides its preset)")
        ->check(CLI::ExistingFile);
    command->footer("Config keys (tiny preset defaults):\n" + configKeysHelp());
    command->add_option("--set", args->sets,
                        "Override one key, e.g. --set gates.tau=0.5 (repeatable; see `megatoken config keys`)");
    command->add_option("--corpus", args->corpus, "Corpus file (default: the WordNet glosses)");
    command->add_option("--steps", args->steps, "Number of optimizer steps (optim.steps)");
    command->add_option("--out", args->out, "Runs directory (run.runs_directory, default runs/)");
    command->add_option("--name", args->name, "Run name (default: <preset>-<date>-<time>)");
    command->add_flag("--resume", args->resume,
                      "Continue the run named by --name from its newest checkpoint, with its saved config (--steps "
                      "sets the new budget)");
    command
        ->add_option("--init-from", args->initFrom,
                     "Start from this run's weights (run.init_from), e.g. one made by `megatoken import-hf`: its "
                     "model shape and tokenizer, with this config's gates added (starting open)")
        ->check(CLI::ExistingDirectory);
    command->add_flag("--json", args->json, "One JSON object per event on stdout");
    command
        ->add_option("--nproc", args->nproc,
                     "Train with this many processes on this host (data-parallel, Gloo over loopback; "
                     "data.batch_size is the global batch). Under torchrun or srun leave it out: they start the "
                     "processes (README, \"Several processes\")")
        ->check(CLI::Range(1, 1024));
    command->callback([args] {
        const int code = runTrain(*args);
        if (code != 0) throw CLI::RuntimeError(code);
    });
}

}  // namespace megatoken::cli
