#include "core/engine/train/Sweep.h"
#include "core/runs/CheckpointFiles.h"

#include <cstdio>
#include <filesystem>

#include "core/config/CorpusSpecFromConfig.h"
#include "core/config/EnumNames.h"
#include "core/config/RunConfigJson.h"
#include "core/data/EncodedCorpus.h"
#include "core/data/SplitReader.h"
#include "core/engine/train/Evaluator.h"
#include "core/engine/train/InferenceTiming.h"
#include "core/engine/train/RunLoader.h"
#include "core/engine/train/Trainer.h"
#include "core/feedback/Cancelled.h"
#include "core/feedback/Feedback.h"
#include "core/io/AtomicFile.h"
#include "core/io/NumberFormat.h"
#include "core/runs/RunStatus.h"

namespace megatoken {

namespace fs = std::filesystem;

std::string SweepPoint::name() const
{
    return std::string(enumName(rule)) + "-keep" + formatFixed(targetKeep, 2);
}

std::vector<SweepPoint> sweepGrid(const std::vector<GateRule>& rules, const std::vector<double>& targets)
{
    std::vector<SweepPoint> points;
    for (GateRule rule : rules)
        for (double target : targets) points.push_back(SweepPoint{rule, target});
    return points;
}

SweepRunner::SweepRunner(SweepOptions options, TrainingObserver& observer, Feedback& feedback,
                         std::function<void(const SweepRow&, std::size_t, std::size_t)> onRow)
    : options_(std::move(options)), observer_(observer), feedback_(feedback), onRow_(std::move(onRow))
{
}

std::string SweepRunner::tablePath() const
{
    return (fs::path(options_.directory) / "sweep.csv").string();
}

std::vector<SweepRow> SweepRunner::run()
{
    fs::create_directories(options_.directory);
    std::vector<SweepRow> rows;
    if (fs::exists(tablePath())) rows = readSweepTable(tablePath());
    const auto writeTables = [&] {
        writeSweepTable(tablePath(), rows);
        const std::string markdown = (fs::path(options_.directory) / "sweep.md").string();
        writeFileAtomically(markdown, sweepMarkdown(rows));  // throws FileWriteError naming the file
    };

    const std::size_t total = options_.points.size();
    // Point index's share of the sweep's progress.
    const auto share = [&](std::size_t index) -> std::pair<double, double> {
        return {static_cast<double>(index) / static_cast<double>(total),
                static_cast<double>(index + 1) / static_cast<double>(total)};
    };
    if (options_.retimeOnly) {
        for (std::size_t index = 0; index < total && !feedback_.isCancelled(); ++index) {
            const std::string name = options_.points[index].name();
            for (auto& row : rows) {
                if (row.run != name) continue;
                observer_.onLog("sweep " + std::to_string(index + 1) + "/" + std::to_string(total) + ": timing " +
                                name);
                LoadedRun run = loadRun((fs::path(options_.directory) / name).string());
                Feedback point(feedback_, share(index).first, share(index).second);
                SweepRow retimed = row;
                try {
                    timePoint(retimed, run, point);
                } catch (const Cancelled&) {
                    return rows;  // the row keeps its earlier timing
                }
                row = retimed;
                writeTables();
                if (onRow_) onRow_(row, index + 1, total);
            }
        }
        return rows;
    }
    for (std::size_t index = 0; index < total && !feedback_.isCancelled(); ++index) {
        const SweepPoint& point = options_.points[index];
        const std::string name = point.name();
        bool inTable = false;
        for (const auto& row : rows) inTable = inTable || row.run == name;
        if (inTable) {
            observer_.onLog("sweep " + std::to_string(index + 1) + "/" + std::to_string(total) + ": " + name +
                            " is already in " + tablePath() + ", skipped");
            continue;
        }
        RunConfig config = options_.base;
        config.model.gates.rule = point.rule;
        config.loss.targetKeep = point.targetKeep;
        config.run.runsDirectory = options_.directory;
        config.run.name = name;
        const std::string runDirectory = (fs::path(options_.directory) / name).string();

        // Train, or finish training, unless a completed run is already there.
        const auto status = fs::exists(runStatusPath(runDirectory)) ? readRunStatus(runDirectory) : std::nullopt;
        const bool completed = status && status->state == kRunStateCompleted && !latestCheckpoint(runDirectory).empty();
        Feedback pointFeedback(feedback_, share(index).first, share(index).second);
        if (!completed) {
            const bool resume = !latestCheckpoint(runDirectory).empty();
            observer_.onLog("sweep " + std::to_string(index + 1) + "/" + std::to_string(total) + ": " +
                            (resume ? "resuming " : "training ") + name);
            Trainer trainer(config, observer_, pointFeedback, resume);
            const FinishReason reason = trainer.run();
            if (reason == FinishReason::Stopped || feedback_.isCancelled()) break;
            if (reason != FinishReason::Completed) {
                observer_.onLog("sweep: " + name + " did not complete (" + finishReasonName(reason) +
                                "); left out of the table");
                continue;
            }
        }
        observer_.onLog("sweep " + std::to_string(index + 1) + "/" + std::to_string(total) + ": evaluating " + name);
        try {
            rows.push_back(evaluatePoint(point, runDirectory, pointFeedback));
        } catch (const Cancelled&) {
            observer_.onLog("sweep: stopped while scoring " + name + "; a rerun scores it");
            break;
        }
        writeTables();
        if (onRow_) onRow_(rows.back(), index + 1, total);
    }
    if (!rows.empty() && !fs::exists(fs::path(options_.directory) / "sweep.md")) writeTables();
    return rows;
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
    row.method = std::string(enumName(point.rule));
    row.targetKeep = point.targetKeep;
    row.run = point.name();
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
