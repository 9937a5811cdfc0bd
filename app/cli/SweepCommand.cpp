#include "app/cli/SweepCommand.h"

#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "app/cli/ConsoleObserver.h"
#include "app/cli/InterruptScope.h"
#include "app/cli/MetricText.h"
#include "core/config/ConfigKeysHelp.h"
#include "core/config/ConfigOverride.h"
#include "core/config/ConfigValidation.h"
#include "core/config/EnumNames.h"
#include "core/config/Presets.h"
#include "core/config/RunConfigJson.h"
#include "core/engine/train/Sweep.h"
#include "core/runs/MetricSchema.h"

namespace megatoken::cli {
namespace {

namespace fs = std::filesystem;

struct SweepArgs {
    std::string name = "sweep";
    std::string out = "sweeps";
    std::string preset = "tiny";
    std::string config;
    std::vector<std::string> sets;
    std::string corpus;
    std::int64_t steps = 0;
    std::string methods = "learned,random,first-k,attention,stride";
    std::string targets = "0.5";
    int seeds = 1;
    std::vector<std::string> variants;
    std::string split = "test";
    std::int64_t evalTexts = 1000;
    std::int64_t timingTexts = 512;
    std::string metric = paretoQualityMetrics().front()->name;
    bool plot = true;
    bool json = false;
    bool retime = false;
};

std::vector<std::string> commaList(const std::string& text)
{
    std::vector<std::string> items;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ','))
        if (!item.empty()) items.push_back(item);
    return items;
}

// megatoken-plot sits next to megatoken when the workbench (Qt) was built; the CLI itself has no Qt.
std::string plotTool()
{
    std::error_code error;
    const auto self = fs::read_symlink("/proc/self/exe", error);
    if (error) return {};
    const auto tool = self.parent_path() / "megatoken-plot";
    return fs::exists(tool) ? tool.string() : std::string();
}

std::string shellQuoted(const std::string& text)
{
    std::string quoted = "'";
    for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

void writePlots(const std::string& directory, const std::string& metric)
{
    const std::string tool = plotTool();
    if (tool.empty()) {
        std::fprintf(stderr,
                     "pareto plot: megatoken-plot is not installed (built with the workbench GUI); the table "
                     "is in %s/sweep.csv\n",
                     directory.c_str());
        return;
    }
    for (const char* extension : {"png", "svg"}) {
        const std::string output = (fs::path(directory) / (std::string("pareto.") + extension)).string();
        const std::string command = shellQuoted(tool) + " pareto " + shellQuoted(directory) + " --metric " +
                                    shellQuoted(metric) + " --output " + shellQuoted(output);
        if (std::system(command.c_str()) != 0)
            std::fprintf(stderr, "pareto plot: %s failed; the table is in %s/sweep.csv\n", output.c_str(),
                         directory.c_str());
    }
}

int runSweep(const SweepArgs& args)
{
    std::vector<std::string> notes;
    RunConfig base = args.config.empty() ? preset(args.preset) : loadConfigFile(args.config, &notes);
    for (const std::string& note : notes) std::fprintf(stderr, "note: %s\n", note.c_str());
    for (const auto& assignment : args.sets) applyOverride(base, assignment);
    if (!args.corpus.empty()) base.data.corpus = args.corpus;
    if (args.steps > 0) base.optim.steps = args.steps;
    validateOrThrow(base);

    std::vector<GateRule> rules;
    // "--methods ''" with variants: only the variants.
    for (const auto& method : commaList(args.methods)) {
        const auto rule = parseEnum<GateRule>(method);
        if (!rule)
            throw CLI::ValidationError("--methods",
                                       "unknown method '" + method + "' (learned, random, first-k, attention, stride)");
        rules.push_back(*rule);
    }
    std::vector<double> targets;
    for (const auto& text : commaList(args.targets)) {
        double target = 0.0;  // from_chars: a point is a point whatever the C locale
        const auto parsed = std::from_chars(text.data(), text.data() + text.size(), target);
        if (parsed.ec != std::errc() || parsed.ptr != text.data() + text.size() || !(target > 0.0 && target <= 1.0))
            throw CLI::ValidationError("--targets", "'" + text + "' is not a keep ratio in (0, 1]");
        targets.push_back(target);
    }
    std::vector<SweepVariant> variants;
    for (const auto& spec : args.variants) {
        try {
            variants.push_back(parseSweepVariant(spec, base, variants));
        } catch (const std::invalid_argument& e) {
            throw CLI::ValidationError("--variant", e.what());
        }
    }
    if ((rules.empty() && variants.empty()) || targets.empty())
        throw CLI::ValidationError("--methods/--targets", "nothing to run");
    const auto split = parseSplit(args.split);
    if (!split) throw CLI::ValidationError("--split", "unknown split '" + args.split + "' (train, validation, test)");

    SweepOptions options;
    options.base = base;
    options.directory = (fs::path(args.out) / args.name).string();
    options.points = sweepGrid(rules, targets, variants, args.seeds);
    options.split = *split;
    options.evalTexts = args.evalTexts;
    options.timingTexts = args.timingTexts;
    options.retimeOnly = args.retime;

    ConsoleObserver observer(args.json);
    Feedback feedback;
    feedback.setListener(
        [&observer](double fraction, const std::string& message) { observer.onProgress(fraction, message); });
    SweepRunner runner(options, observer, feedback, [&](const SweepRow& r, std::size_t done, std::size_t total) {
        std::fprintf(stderr, "sweep %zu/%zu: %s  %s\n", done, total, r.run.c_str(), consoleItems(r).c_str());
    });
    const InterruptScope interrupts(feedback);
    const auto rows = runner.run();
    std::printf("%s", sweepMarkdown(rows).c_str());
    if (rows.empty())
        std::fprintf(stderr, "sweep table: none yet, no point has finished (a rerun continues the sweep)\n");
    else
        std::fprintf(stderr, "sweep table: %s\n", runner.tablePath().c_str());
    if (args.plot && !rows.empty()) writePlots(options.directory, args.metric);
    return interruptRequested() ? 130 : 0;
}

}  // namespace

void addSweepCommand(CLI::App& app)
{
    auto args = std::make_shared<SweepArgs>();
    auto* command = app.add_subcommand(
        "sweep",
        "Train the learned gates and the fixed-rule baselines at matched keep ratios, one run after another, "
        "and write <out>/<name>/sweep.csv, sweep.md and pareto.png/svg (rerun to continue a sweep; with "
        "--seeds N, sweep.csv holds each row's mean and SD over the seeds and sweep-runs.csv one row per run)");
    command->add_option("--name", args->name, "Sweep folder name")->capture_default_str();
    command->add_option("--out", args->out, "Folder of sweeps")->capture_default_str();
    command->add_option("--methods", args->methods, "Comma list: learned, random, first-k, attention, stride")
        ->capture_default_str();
    command->add_option("--targets", args->targets, "Comma list of target keep ratios (loss.target_keep)")
        ->capture_default_str();
    command->add_option("--variant", args->variants,
                        "NAME:key=value,key=value: the learned gates with these config overrides, a method of its "
                        "own called NAME in the table and the plot (repeatable)");
    command
        ->add_option("--seeds", args->seeds,
                     "Train every point with N seeds (optim.seed = base + 0..N-1) and report the mean and the "
                     "sample SD of every metric")
        ->capture_default_str()
        ->check(CLI::Range(1, 1000));
    command->add_option("--preset", args->preset, "Preset every point starts from")->capture_default_str();
    command->add_option("--config", args->config, "A config JSON file instead of a preset")->check(CLI::ExistingFile);
    command->footer("Config keys (tiny preset defaults):\n" + configKeysHelp());
    command->add_option("--set", args->sets, "Override one key for every point (repeatable)");
    command->add_option("--corpus", args->corpus, "Corpus file (default: the WordNet glosses)");
    command->add_option("--steps", args->steps, "Training steps of every point (the same budget for all)");
    command->add_option("--split", args->split, "Split scored for the table")->capture_default_str();
    command->add_option("--eval-texts", args->evalTexts, "Texts of the split scored (0: all)")->capture_default_str();
    command->add_option("--timing-texts", args->timingTexts, "Texts timed for the throughput columns")
        ->capture_default_str();
    std::string metricNames;
    for (const MetricDefinition* metric : paretoQualityMetrics())
        metricNames += (metricNames.empty() ? "" : ", ") + metric->name;
    command->add_option("--metric", args->metric, "Quality axis of the Pareto plot: " + metricNames)
        ->capture_default_str();
    command->add_flag("!--no-plot", args->plot, "Write the table only");
    command->add_flag("--json", args->json, "Training progress as JSON lines on stdout");
    command->add_flag(
        "--retime", args->retime,
        "Only re-measure the throughput columns of the points already in the table (do it on an idle machine)");
    command->callback([args] {
        const int code = runSweep(*args);
        if (code != 0) throw CLI::RuntimeError(code);
    });
}

}  // namespace megatoken::cli
