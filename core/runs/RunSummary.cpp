#include "core/runs/RunSummary.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/config/ConfigError.h"
#include "core/config/Presets.h"
#include "core/config/RunConfig.h"
#include "core/io/JsonInteger.h"
#include "core/runs/MetricSchema.h"
#include "core/runs/MetricsTable.h"
#include "core/runs/RunFileError.h"
#include "core/runs/RunStatus.h"
#include "core/runs/UtcTimestamp.h"

namespace megatoken {

namespace {

namespace fs = std::filesystem;

void addError(RunSummary& summary, const std::string& message)
{
    summary.error += (summary.error.empty() ? "" : "\n") + message;
}

// Preset, step count and target keep ratio, read leniently: a run written by an older version whose config has a
// since-renamed key still shows in the history. Keys left out come from the named preset, as
// when the config is loaded.
void readConfig(const fs::path& path, RunSummary& summary)
{
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        addError(summary, path.string() + ": cannot open");
        return;
    }
    std::ostringstream text;
    text << file.rdbuf();
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(text.str(), nullptr, true, /*ignore_comments=*/true);
    } catch (const nlohmann::json::exception& error) {  // parse_error; out_of_range for a number beyond a double
        addError(summary, path.string() + ": not valid JSON: " + error.what());
        return;
    }
    if (!json.is_object()) {
        addError(summary, path.string() + ": expected a JSON object");
        return;
    }
    const auto preset = json.find("preset");
    summary.preset = preset != json.end() && preset->is_string() ? preset->get<std::string>() : "tiny";

    const auto loss = json.find("loss");
    if (loss != json.end() && loss->is_object()) {
        const auto target = loss->find("target_keep");
        if (target != loss->end() && target->is_number()) summary.targetKeep = target->get<double>();
    }
    bool haveSteps = false;
    const auto optim = json.find("optim");
    if (optim != json.end() && optim->is_object()) {
        const auto steps = optim->find("steps");
        if (steps != optim->end()) {
            if (const auto number = exactInt64(*steps)) {
                summary.totalSteps = *number;
                haveSteps = true;
            }
        }
    }
    if (haveSteps && !std::isnan(summary.targetKeep)) return;
    try {
        const RunConfig defaults = megatoken::preset(summary.preset);
        if (!haveSteps) summary.totalSteps = defaults.optim.steps;
        if (std::isnan(summary.targetKeep)) summary.targetKeep = defaults.loss.targetKeep;
    } catch (const ConfigError& error) {
        addError(summary, path.string() + ": " + error.what());
    }
}

// The table in path, or nullopt when the run has not written it yet or it is unreadable.
std::optional<MetricsTable> readTableIfPresent(const fs::path& path, RunSummary& summary)
{
    std::error_code error;
    if (!fs::exists(path, error)) return std::nullopt;
    try {
        return readMetricsTable(path.string());
    } catch (const RunFileError& fileError) {
        addError(summary, fileError.what());
        return std::nullopt;
    }
}

double lastValue(const MetricsTable& table, std::string_view column)
{
    const std::vector<double> values = table.values(column);
    return values.empty() ? std::nan("") : values.back();
}

std::string inferredStatus(const RunSummary& summary)
{
    const bool finished = summary.totalSteps > 0 && summary.steps >= summary.totalSteps;
    return std::string(finished ? kRunStateCompleted : kRunStateIncomplete);
}

}  // namespace

std::string runDirectoryName(const std::string& runDir)
{
    const fs::path directory(runDir);
    return (directory.has_filename() ? directory : directory.parent_path()).filename().string();
}

RunSummary summarizeRun(const std::string& runDir)
{
    RunSummary summary;
    summary.directory = runDir;
    fs::path directory(runDir);
    summary.name = runDirectoryName(runDir);

    const fs::path config = directory / "config.json";
    std::error_code timeError;
    const auto modified = fs::last_write_time(config, timeError);
    if (!timeError) summary.created = utcTimestamp(modified);
    readConfig(config, summary);

    const std::optional<MetricsTable> metrics =
        readTableIfPresent(directory / metricRecordFile(MetricRecord::Step), summary);
    const std::optional<MetricsTable> eval =
        readTableIfPresent(directory / metricRecordFile(MetricRecord::Eval), summary);

    if (metrics) {
        const double step = lastValue(*metrics, metric_name::kStep);
        if (std::isfinite(step)) summary.steps = static_cast<std::int64_t>(step);
    }
    if (eval && !eval->rows.empty()) {
        const std::vector<double> steps = eval->values(metric_name::kStep);
        const std::vector<double> accuracy = eval->values(metric_name::kAccuracyHard);
        const std::vector<double> keep = eval->values(metric_name::kHardKeep);
        const auto snapshot = [&](std::size_t row) {
            EvalSnapshot s;
            s.step = row < steps.size() && std::isfinite(steps[row]) ? static_cast<std::int64_t>(steps[row]) : 0;
            if (row < accuracy.size()) s.accuracyHard = accuracy[row];
            if (row < keep.size()) s.keepRatio = keep[row];
            return s;
        };
        summary.finalEval = snapshot(eval->rows.size() - 1);
        const double limit = summary.targetKeep + kTargetKeepTolerance;
        for (std::size_t row = 0; row < eval->rows.size(); ++row) {
            const EvalSnapshot candidate = snapshot(row);
            if (std::isnan(candidate.accuracyHard) || !(candidate.keepRatio <= limit)) continue;
            if (!summary.bestAtTarget.valid() || candidate.accuracyHard > summary.bestAtTarget.accuracyHard)
                summary.bestAtTarget = candidate;
        }
    }

    try {
        if (const std::optional<RunStatus> status = readRunStatus(runDir); status && !status->state.empty()) {
            summary.status = status->state;
            // A run resumed with another step budget (`--resume --steps N`) keeps its first
            // config.json; status.json has the budget it last trained to.
            if (status->totalSteps > 0) summary.totalSteps = status->totalSteps;
            summary.device = status->device;
            summary.worldSize = status->worldSize;
        }
    } catch (const RunFileError& error) {
        addError(summary, error.what());
    }
    if (summary.status.empty()) summary.status = inferredStatus(summary);
    return summary;
}

std::vector<RunSummary> listRuns(const std::string& runsDir)
{
    struct Found {
        fs::path directory;
        fs::file_time_type created;
    };
    std::vector<Found> found;
    std::error_code error;
    for (fs::directory_iterator entry(runsDir, error), end; !error && entry != end; entry.increment(error)) {
        std::error_code entryError;
        if (!entry->is_directory(entryError)) continue;
        const fs::path config = entry->path() / "config.json";
        if (!fs::is_regular_file(config, entryError)) continue;
        const auto created = fs::last_write_time(config, entryError);
        found.push_back({entry->path(), entryError ? fs::file_time_type::min() : created});
    }
    std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
        if (a.created != b.created) return a.created > b.created;
        return a.directory.filename() < b.directory.filename();
    });

    std::vector<RunSummary> summaries;
    summaries.reserve(found.size());
    for (const Found& run : found) summaries.push_back(summarizeRun(run.directory.string()));
    return summaries;
}

}  // namespace megatoken
