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

// How far above loss.target_keep an evaluation's keep ratio may be and still count as "at the
// target" (the tolerance the research targets use: the keep ratio within +-0.05 of its target).
inline constexpr double kTargetKeepTolerance = 0.05;

// One evaluation (a row of eval.csv) as the run table shows it: hard-mask accuracy beside the keep
// ratio of the same evaluation, never a number from one evaluation beside one from another.
struct EvalSnapshot {
    std::int64_t step = -1;  // -1: none
    double accuracyHard = std::numeric_limits<double>::quiet_NaN();
    double keepRatio = std::numeric_limits<double>::quiet_NaN();  // hard_keep

    bool valid() const { return step >= 0; }
};

struct RunSummary {
    std::string directory;        // the run directory, as found
    std::string name;             // its last path component
    std::string created;          // config.json's modification time, UTC: "2026-11-23T01:20:00Z"
    std::string preset;           // config.json's "preset"
    std::int64_t steps = 0;       // the last step in metrics.csv
    std::int64_t totalSteps = 0;  // config.json's optim.steps
    double targetKeep = std::numeric_limits<double>::quiet_NaN();  // config's loss.target_keep (or its preset's)
    EvalSnapshot finalEval;                                        // the last row of eval.csv
    // The highest accuracy_hard among the rows of eval.csv whose hard_keep <= targetKeep +
    // kTargetKeepTolerance (the earliest of equal ones); none when no evaluation got there.
    EvalSnapshot bestAtTarget;
    // status.json's state; without one, "completed" when steps >= totalSteps, else "incomplete".
    std::string status;
    // status.json's device and world size (empty and 1 without them).
    std::string device;
    std::int64_t worldSize = 1;
    // One line per file that exists but could not be read ("path:line: problem"); the run is
    // still listed with whatever the other files gave.
    std::string error;
};

// "incomplete": the status of a run without status.json that has not reached optim.steps.
inline constexpr std::string_view kRunStateIncomplete = "incomplete";

// Never throws for a bad file: problems go into RunSummary::error. A run that has not written
// metrics.csv or eval.csv yet simply has no steps or accuracy.
RunSummary summarizeRun(const std::string& runDir);

// A run's name: its directory's last component, a trailing slash ignored ("runs/e3/" -> "e3").
std::string runDirectoryName(const std::string& runDir);

// The summaries of runsDir's sub-directories that hold a config.json, newest first (then by
// name). A missing or unreadable runsDir gives an empty list.
std::vector<RunSummary> listRuns(const std::string& runsDir);

}  // namespace megatoken
