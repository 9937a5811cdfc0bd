#pragma once
// A run as the hyperparameter view compares it: its summary (core/runs/RunSummary.h), its
// configuration, and every metric of its last evaluation; and the columns such a comparison
// shows: the config keys whose values vary across the runs (or all) and the final metrics.
// Torch-free.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/config/RunConfig.h"
#include "core/runs/RunSummary.h"

namespace megatoken {

struct RunRecord {
    RunSummary summary;
    std::optional<RunConfig> config;  // none when config.json cannot be parsed (configError says why)
    std::string configError;
    // The last row of eval.csv by canonical column name ("accuracy_hard", "bleu_free", "kept_2");
    // empty before the first evaluation.
    std::map<std::string, double, std::less<>> finalEval;
};

// Never throws for a bad file: summarizeRun's rules, and config problems go into configError.
RunRecord readRunRecord(const std::string& runDir);

// One column of the comparison: a config key or a metric of the last evaluation.
struct RunColumn {
    enum class Kind { ConfigKey, FinalMetric, BestAtTarget };
    Kind kind = Kind::ConfigKey;
    std::string name;     // the key ("gates.merge") or the eval.csv column ("accuracy_hard")
    std::string label;    // the header: the key itself, or the metric's short label ("hard acc.")
    bool numeric = true;  // false for enum, string and bool keys: categorical axes and text sorting
};

// The final metrics every comparison shows, in order: hard-mask accuracy, its keep ratio, the
// best hard accuracy at the target keep, free-running BLEU and ROUGE-L, the hard-mask NLL.
std::vector<RunColumn> finalMetricColumns();

// The config keys (in key-table order) whose values differ among the records that have a config,
// or every key when all; never the keys that only name or place a run (runPlacementKeys()), then
// finalMetricColumns().
std::vector<RunColumn> runColumns(const std::vector<RunRecord>& records, bool allKeys = false);

// A cell: a number (NaN when the run has none) or, for categorical columns, text. Config keys
// read from the config (a run without one: NaN / empty); bools are "true"/"false".
double numericValue(const RunRecord& record, const RunColumn& column);
std::string textValue(const RunRecord& record, const RunColumn& column);

}  // namespace megatoken
