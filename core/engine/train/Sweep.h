#pragma once
// `megatoken sweep`: trains a list of configurations one after another (the learned gates and
// the fixed-rule baselines, at one or more target keep ratios, all with the same budget), then
// evaluates each the same way and appends it to <sweep>/sweep.csv (and sweep.md). Rerunning a
// sweep skips the points already in the table, resumes a point that was stopped, and never
// discards a finished row.
//
// Stopping is the Feedback's cancel(), from any thread: the point in training stops as a Trainer
// does (with a checkpoint, so a rerun resumes it), a point being scored or timed is abandoned
// without a row (a rerun scores it again), and no further point starts. Progress: point i of n
// reports in i/n..(i+1)/n, the trainer's own progress within it.

#include <functional>
#include <string>
#include <vector>

#include "core/config/RunConfig.h"
#include "core/data/Split.h"
#include "core/feedback/TrainingObserver.h"
#include "core/runs/SweepTable.h"

namespace megatoken {

class Feedback;
struct LoadedRun;

struct SweepPoint {
    GateRule rule = GateRule::Learned;
    double targetKeep = 0.5;
    std::string name() const;  // "learned-keep0.50": the run directory inside the sweep folder
};

struct SweepOptions {
    RunConfig base;         // everything but gates.rule and loss.target_keep
    std::string directory;  // the sweep folder: one run per point, sweep.csv, sweep.md
    std::vector<SweepPoint> points;
    Split split = Split::Test;
    std::int64_t evalTexts = 1000;   // texts of the split scored for the table
    std::int64_t timingTexts = 512;  // texts timed for the throughput columns
    std::int64_t timingBatch = 64;
    int timingRepeats = 3;
    // Re-measure only the throughput columns of the points already in the table (on a quiet
    // machine: timings taken while other jobs ran are not comparable), keeping everything else.
    bool retimeOnly = false;
};

// Every method at every target, methods outer.
std::vector<SweepPoint> sweepGrid(const std::vector<GateRule>& rules, const std::vector<double>& targets);

class SweepRunner {
public:
    // observer sees every point's training; onRow each finished row (done of total points).
    // feedback must outlive the runner.
    SweepRunner(SweepOptions options, TrainingObserver& observer, Feedback& feedback,
                std::function<void(const SweepRow&, std::size_t done, std::size_t total)> onRow = {});

    // Runs the points in order; returns the whole table (rows of earlier invocations included).
    // A cancel ends it early (see above) and it returns the table so far. Throws only on a problem
    // with the sweep folder or its table; a point that diverges or fails is logged and left out of
    // the table.
    std::vector<SweepRow> run();

    std::string tablePath() const;

private:
    void timePoint(SweepRow& row, LoadedRun& run, Feedback& feedback);
    SweepRow evaluatePoint(const SweepPoint& point, const std::string& runDirectory, Feedback& feedback);

    SweepOptions options_;
    TrainingObserver& observer_;
    Feedback& feedback_;
    std::function<void(const SweepRow&, std::size_t, std::size_t)> onRow_;
};

}  // namespace megatoken
