#include "core/engine/train/Sweep.h"
#include "core/runs/CheckpointFiles.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <stdexcept>

#include "core/config/ConfigError.h"
#include "core/config/ConfigKeys.h"
#include "core/config/ConfigOverride.h"
#include "core/config/ConfigValidation.h"
#include "core/config/CorpusSpecFromConfig.h"
#include "core/config/EnumNames.h"
#include "core/config/RunConfigJson.h"
#include "core/data/EncodedCorpus.h"
#include "core/data/SplitReader.h"
#include "core/data/Trimmed.h"
#include "core/engine/train/Evaluator.h"
#include "core/engine/train/InferenceTiming.h"
#include "core/engine/train/RunLoader.h"
#include "core/engine/train/Trainer.h"
#include "core/feedback/Cancelled.h"
#include "core/feedback/Feedback.h"
#include "core/io/AtomicFile.h"
#include "core/io/NumberFormat.h"
#include "core/runs/FolderLock.h"
#include "core/runs/RunFileError.h"
#include "core/runs/RunStatus.h"

namespace megatoken {

namespace fs = std::filesystem;

namespace {

// The lock two sweeps of one folder take around reading and writing its tables (FolderLock.h).
std::string lockPath(const std::string& directory)
{
    return (fs::path(directory) / ".sweep.lock").string();
}

// Keys a variant cannot set: the sweep sets them for every point.
std::optional<std::string> reservedKeyProblem(const std::string& key)
{
    if (key == "gates.rule") return "a variant trains the learned gates; the fixed rules are --methods";
    if (key == "loss.target_keep") return "the sweep sets it for every point (--targets)";
    if (key == "run.name" || key == "run.runs_directory") return "the sweep names its runs";
    return std::nullopt;
}

bool isNameCharacter(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
}

std::string methodNames()
{
    std::string names;
    for (const auto& [rule, name] : enumNames<GateRule>()) names += (names.empty() ? "" : ", ") + std::string(name);
    return names;
}

}  // namespace

SweepVariant parseSweepVariant(const std::string& spec, const RunConfig& base, const std::vector<SweepVariant>& earlier)
{
    const auto fail = [&](const std::string& problem) { throw std::invalid_argument("'" + spec + "': " + problem); };
    const auto colon = spec.find(':');
    if (colon == std::string::npos) fail("expected NAME:key=value,key=value (e.g. tau05:gates.tau=0.5)");
    SweepVariant variant;
    variant.name = std::string(trimmed(std::string_view(spec).substr(0, colon)));
    if (variant.name.empty()) fail("the name before ':' is missing");
    if (!std::all_of(variant.name.begin(), variant.name.end(), isNameCharacter))
        fail("the name '" + variant.name + "' may hold only letters, digits, '.', '_' and '-'");
    if (parseEnum<GateRule>(variant.name))
        fail("'" + variant.name + "' is the name of a method (" + methodNames() + "); call the variant something else");
    for (const SweepVariant& other : earlier)
        if (other.name == variant.name) fail("a variant called '" + variant.name + "' is given twice");

    // Pieces between commas; one without '=' belongs to the value before it ("data.corpus=a,b.txt").
    std::string_view rest = std::string_view(spec).substr(colon + 1);
    for (;;) {
        const auto comma = rest.find(',');
        const std::string piece(trimmed(rest.substr(0, comma)));
        if (!piece.empty()) {
            if (piece.find('=') == std::string::npos && !variant.overrides.empty())
                variant.overrides.back() += "," + piece;
            else
                variant.overrides.push_back(piece);
        }
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    if (variant.overrides.empty()) fail("no key=value after '" + variant.name + ":'");

    RunConfig config = base;
    config.model.gates.rule = GateRule::Learned;
    for (const std::string& assignment : variant.overrides) {
        const std::string key(trimmed(std::string_view(assignment).substr(0, assignment.find('='))));
        if (const auto problem = reservedKeyProblem(key)) fail(key + ": " + *problem);
        try {
            applyOverride(config, assignment);
        } catch (const ConfigError& error) {
            fail(error.what());  // "gates.tua: unknown key (did you mean ...)", "gates.tau: expected a number, ..."
        }
    }
    const auto issues = validate(config);
    if (!issues.empty()) {
        std::string problems;
        for (const ConfigIssue& issue : issues) problems += (problems.empty() ? "" : "; ") + toString(issue);
        fail(problems);
    }
    return variant;
}

std::string SweepPoint::method() const
{
    return variant.name.empty() ? std::string(enumName(rule)) : variant.name;
}

std::string SweepPoint::name() const
{
    std::string name = method() + "-keep" + formatFixed(targetKeep, 2);
    if (seed > 0) name += (seed < 10 ? "-seed0" : "-seed") + std::to_string(seed);
    return name;
}

RunConfig SweepPoint::config(const RunConfig& base, const std::string& directory) const
{
    RunConfig config = base;
    config.model.gates.rule = variant.name.empty() ? rule : GateRule::Learned;
    // A fixed rule is the plain baseline: it drops what it drops (stride pools its segments
    // itself). Merging is a mechanism of the learned gates.
    if (config.model.gates.rule != GateRule::Learned) config.model.gates.merge = GateMerge::None;
    for (const std::string& assignment : variant.overrides) applyOverride(config, assignment);
    config.loss.targetKeep = targetKeep;
    config.optim.seed += static_cast<std::uint64_t>(seed);
    config.run.runsDirectory = directory;
    config.run.name = name();
    return config;
}

std::vector<SweepPoint> sweepGrid(const std::vector<GateRule>& rules, const std::vector<double>& targets,
                                  const std::vector<SweepVariant>& variants, int seeds)
{
    std::vector<SweepPoint> points;
    for (int seed = 0; seed < seeds; ++seed) {
        for (GateRule rule : rules)
            for (double target : targets) points.push_back(SweepPoint{rule, target, seed, {}});
        for (const SweepVariant& variant : variants)
            for (double target : targets) points.push_back(SweepPoint{GateRule::Learned, target, seed, variant});
    }
    return points;
}

SweepRunner::SweepRunner(SweepOptions options, TrainingObserver& observer, Feedback& feedback,
                         std::function<void(const SweepRow&, std::size_t, std::size_t)> onRow)
    : options_(std::move(options)), observer_(observer), feedback_(feedback), onRow_(std::move(onRow))
{
}

std::string SweepRunner::tablePath() const
{
    return (fs::path(options_.directory) / kSweepTableFile).string();
}

std::string SweepRunner::runsTablePath() const
{
    return (fs::path(options_.directory) / kSweepRunsTableFile).string();
}

// The runs table is the truth once a sweep has more than one seed; before, sweep.csv (one seed a
// row) is, as it was for every sweep written before seeds.
std::vector<SweepRow> SweepRunner::readRows() const
{
    if (fs::exists(runsTablePath())) return readSweepTable(runsTablePath());
    if (!fs::exists(tablePath())) return {};
    auto rows = readSweepTable(tablePath());
    for (const SweepRow& row : rows)
        if (row.seeds > 1)
            throw RunFileError(tablePath(), "its rows are means over seeds, but " + runsTablePath() +
                                                " (one row per run) is missing; delete " + tablePath() +
                                                " and rerun the sweep to score its runs again");
    return rows;
}

void SweepRunner::loadRows()
{
    const FolderLock lock(lockPath(options_.directory));
    runs_ = readRows();
}

// The tables on disk, where another sweep of this folder may have added rows since this one read
// them, with this sweep's own rows (scored_) in place of theirs or added at the end. A row deleted
// from the table by hand stays deleted unless this sweep scored it.
void SweepRunner::mergeRowsFromDisk()
{
    std::vector<SweepRow> merged = readRows();
    for (SweepRow& row : merged) {
        if (!scored_.count(row.run)) continue;
        const auto own = std::find_if(runs_.begin(), runs_.end(), [&](const SweepRow& r) { return r.run == row.run; });
        if (own != runs_.end()) row = *own;
    }
    for (const SweepRow& own : runs_) {
        if (!scored_.count(own.run)) continue;
        const bool there =
            std::any_of(merged.begin(), merged.end(), [&](const SweepRow& r) { return r.run == own.run; });
        if (!there) merged.push_back(own);
    }
    runs_ = std::move(merged);
}

// sweep-runs.csv first: a sweep killed between the two writes reads it back and rewrites sweep.csv.
// Under the folder's lock, merged with what another sweep of the folder wrote meanwhile.
void SweepRunner::writeTables()
{
    const FolderLock lock(lockPath(options_.directory));
    mergeRowsFromDisk();
    const bool perRun = fs::exists(runsTablePath()) ||
                        std::any_of(runs_.begin(), runs_.end(), [](const SweepRow& row) { return row.seed > 0; });
    if (perRun) writeSweepRunsTable(runsTablePath(), runs_);
    const auto rows = aggregateSeeds(runs_);
    writeSweepTable(tablePath(), rows);
    const std::string markdown = (fs::path(options_.directory) / "sweep.md").string();
    writeFileAtomically(markdown, sweepMarkdown(rows));  // throws FileWriteError naming the file
}

// A run the folder already holds must have been trained as its point asks: the same rule, target,
// seed and variant settings (a changed --variant under the same name, or another base seed, would
// otherwise be resumed or scored as if it were the new one; a resumed run keeps its saved config).
void SweepRunner::checkExistingRuns() const
{
    for (const SweepPoint& point : options_.points) {
        const fs::path saved = fs::path(options_.directory) / point.name() / "config.json";
        if (!fs::exists(saved)) continue;
        RunConfig trained;
        try {
            trained = loadConfigFile(saved.string());
        } catch (const std::exception& e) {
            observer_.onLog(std::string("sweep: cannot check ") + e.what());
            continue;
        }
        const RunConfig wanted = point.config(options_.base, options_.directory);
        std::vector<std::string> keys{"gates.rule", "loss.target_keep", "optim.seed"};
        for (const std::string& assignment : point.variant.overrides)
            keys.emplace_back(trimmed(std::string_view(assignment).substr(0, assignment.find('='))));
        for (const std::string& name : keys) {
            const ConfigKey& key = configKey(name);
            const auto was = key.get(trained);
            const auto now = key.get(wanted);
            if (was != now)
                throw std::runtime_error(saved.parent_path().string() + ": trained with " + name + " = " + was.dump() +
                                         ", but the sweep now asks for " + now.dump() +
                                         "; move the run away, or give the variant or the sweep another name");
        }
    }
}

std::vector<SweepRow> SweepRunner::run()
{
    fs::create_directories(options_.directory);
    loadRows();
    if (!options_.retimeOnly) checkExistingRuns();

    const std::size_t total = options_.points.size();
    // Point index's share of the sweep's progress.
    const auto share = [&](std::size_t index) -> std::pair<double, double> {
        return {static_cast<double>(index) / static_cast<double>(total),
                static_cast<double>(index + 1) / static_cast<double>(total)};
    };
    const auto counter = [&](std::size_t index) {
        return "sweep " + std::to_string(index + 1) + "/" + std::to_string(total) + ": ";
    };
    if (options_.retimeOnly) {
        for (std::size_t index = 0; index < total && !feedback_.isCancelled(); ++index) {
            const std::string name = options_.points[index].name();
            const auto named = [&](const SweepRow& row) { return row.run == name; };
            const auto found = std::find_if(runs_.begin(), runs_.end(), named);
            if (found == runs_.end()) continue;
            observer_.onLog(counter(index) + "timing " + name);
            LoadedRun run = loadRun((fs::path(options_.directory) / name).string());
            Feedback point(feedback_, share(index).first, share(index).second);
            SweepRow retimed = *found;
            try {
                timePoint(retimed, run, point);
            } catch (const Cancelled&) {
                return aggregateSeeds(runs_);  // the row keeps its earlier timing
            }
            *found = retimed;
            scored_.insert(name);
            writeTables();  // merges: runs_ is read again
            if (onRow_) onRow_(retimed, index + 1, total);
        }
        return aggregateSeeds(runs_);
    }
    for (std::size_t index = 0; index < total && !feedback_.isCancelled(); ++index) {
        const SweepPoint& point = options_.points[index];
        const std::string name = point.name();
        {
            const FolderLock lock(lockPath(options_.directory));
            mergeRowsFromDisk();  // a point another sweep of the folder scored meanwhile is skipped
        }
        bool inTable = false;
        for (const auto& row : runs_) inTable = inTable || row.run == name;
        if (inTable) {
            observer_.onLog(counter(index) + name + " is already in " +
                            (fs::exists(runsTablePath()) ? runsTablePath() : tablePath()) + ", skipped");
            continue;
        }
        const RunConfig config = point.config(options_.base, options_.directory);
        const std::string runDirectory = (fs::path(options_.directory) / name).string();

        // Train, or finish training, unless a completed run is already there.
        const auto status = fs::exists(runStatusPath(runDirectory)) ? readRunStatus(runDirectory) : std::nullopt;
        const bool completed = status && status->state == kRunStateCompleted && !latestCheckpoint(runDirectory).empty();
        Feedback pointFeedback(feedback_, share(index).first, share(index).second);
        if (!completed) {
            const bool resume = !latestCheckpoint(runDirectory).empty();
            observer_.onLog(counter(index) + (resume ? "resuming " : "training ") + name +
                            (point.seed > 0 || config.optim.seed != options_.base.optim.seed
                                 ? " (optim.seed " + std::to_string(config.optim.seed) + ")"
                                 : std::string()));
            Trainer trainer(config, observer_, pointFeedback, resume);
            const FinishReason reason = trainer.run();
            if (reason == FinishReason::Stopped || feedback_.isCancelled()) break;
            if (reason != FinishReason::Completed) {
                observer_.onLog("sweep: " + name + " did not complete (" + finishReasonName(reason) +
                                "); left out of the table");
                continue;
            }
        }
        observer_.onLog(counter(index) + "evaluating " + name);
        try {
            runs_.push_back(evaluatePoint(point, runDirectory, pointFeedback));
        } catch (const Cancelled&) {
            observer_.onLog("sweep: stopped while scoring " + name + "; a rerun scores it");
            break;
        }
        scored_.insert(name);
        const SweepRow row = runs_.back();
        writeTables();  // merges: runs_ is read again
        if (onRow_) onRow_(row, index + 1, total);
    }
    if (!runs_.empty() && !fs::exists(fs::path(options_.directory) / "sweep.md")) writeTables();
    return aggregateSeeds(runs_);
}

namespace {

// The first maxTexts texts of a split of the run's corpus, encoded with the run's tokenizer.
// Throws Cancelled once feedback is cancelled.
EncodedCorpus splitCorpus(const LoadedRun& run, Split split, std::int64_t maxTexts, Feedback& feedback)
{
    const auto texts = readSplitTexts(corpusSpecFor(run.config.data), split, maxTexts, &feedback);
    EncodeOptions encodeOptions;
    encodeOptions.maxTokens = static_cast<std::size_t>(run.config.data.maxTokens);
    encodeOptions.minTokens = static_cast<std::size_t>(run.config.data.minTokens);
    auto corpus = encodeTexts(*run.tokenizer, texts, encodeOptions, &feedback);
    if (corpus.size() == 0)
        throw std::runtime_error(run.directory + ": no " + std::string(splitName(split)) + " texts to evaluate");
    return corpus;
}

}  // namespace

SweepRow SweepRunner::evaluatePoint(const SweepPoint& point, const std::string& runDirectory, Feedback& feedback)
{
    LoadedRun run = loadRun(runDirectory);
    const auto corpus = splitCorpus(run, options_.split, options_.evalTexts, feedback);
    EvalOptions evalOptions;
    evalOptions.batchSize = run.config.data.batchSize;
    evalOptions.decodeMaxLength = run.config.data.maxTokens;
    const auto result = evaluate(*run.model, corpus, *run.tokenizer, evalOptions, torch::kCPU, &feedback);
    const auto& m = result.metrics;
    SweepRow row;
    row.method = point.method();
    row.targetKeep = point.targetKeep;
    row.run = point.name();
    row.seed = point.seed;
    row.steps = run.step;
    row.texts = m.texts;
    row.keepRatio = m.hardKeepRatio;
    row.accuracyHard = m.accuracyHard;
    row.accuracySoft = m.accuracySoft;
    row.accuracyFree = m.accuracyFree;
    row.bleuFree = m.bleuFree;
    row.rougeLFree = m.rougeLFree;
    row.exactMatchFree = m.exactMatchFree;
    timePoint(row, run, feedback);
    return row;
}

void SweepRunner::timePoint(SweepRow& row, LoadedRun& run, Feedback& feedback)
{
    const auto corpus = splitCorpus(run, options_.split, options_.timingTexts, feedback);
    const auto time = [&](MaskMode mode) {
        return timeInference(*run.model, corpus, mode, options_.timingBatch, 0, options_.timingRepeats, torch::kCPU,
                             &feedback)
            .tokensPerSecond;
    };
    row.tokensPerSecondMasked = time(MaskMode::Threshold);
    row.tokensPerSecondHard = time(MaskMode::HardRemoval);
}

}  // namespace megatoken
