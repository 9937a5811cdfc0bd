#pragma once
// One line of the run history: what a run directory says about itself, read from config.json,
// metrics.csv, eval.csv and status.json. Metric columns are found by their schema names
// (core/runs/MetricSchema.h), older names included.

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace megatoken {

struct RunSummary {
    std::string directory;        // the run directory, as found
    std::string name;             // its last path component
    std::string created;          // config.json's modification time, UTC: "2026-11-23T01:20:00Z"
    std::string preset;           // config.json's "preset"
    std::int64_t steps = 0;       // the last step in metrics.csv
    std::int64_t totalSteps = 0;  // config.json's optim.steps
    double bestValidationAccuracy = std::numeric_limits<double>::quiet_NaN();  // max accuracy_hard in eval.csv
    // hard_keep of the last eval.csv row, else of the last metrics.csv row.
    double finalKeepRatio = std::numeric_limits<double>::quiet_NaN();
    // status.json's state; without one, "completed" when steps >= totalSteps, else "incomplete".
    std::string status;
    // One line per file that exists but could not be read ("path:line: problem"); the run is
    // still listed with whatever the other files gave.
    std::string error;
};

// "incomplete": the status of a run without status.json that has not reached optim.steps.
inline constexpr std::string_view kRunStateIncomplete = "incomplete";

// Never throws for a bad file: problems go into RunSummary::error. A run that has not written
// metrics.csv or eval.csv yet simply has no steps or accuracy.
RunSummary summarizeRun(const std::string& runDir);

// The summaries of runsDir's sub-directories that hold a config.json, newest first (then by
// name). A missing or unreadable runsDir gives an empty list.
std::vector<RunSummary> listRuns(const std::string& runsDir);

}  // namespace megatoken
