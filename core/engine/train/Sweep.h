#pragma once
// `megatoken sweep`: trains a list of configurations one after another (the learned gates and
// the fixed-rule baselines, at one or more target keep ratios, all with the same budget), then
// evaluates each the same way and appends it to <sweep>/sweep.csv (and sweep.md). Rerunning a
// sweep skips the points already in the table, resumes a point that was stopped, and never
// discards a finished row.

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "core/config/RunConfig.h"
#include "core/data/Split.h"
#include "core/runs/SweepTable.h"
#include "core/feedback/TrainingObserver.h"

namespace megatoken {

class Trainer;
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
    std::int64_t evalTexts = 1000;    // texts of the split scored for the table
    std::int64_t timingTexts = 512;   // texts timed for the throughput columns
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
    SweepRunner(SweepOptions options, TrainingObserver& observer,
                std::function<void(const SweepRow&, std::size_t done, std::size_t total)> onRow = {});

    // Runs the points in order; returns the whole table (rows of earlier invocations included).
    // Throws only on a problem with the sweep folder or its table; a point that diverges or fails
    // is logged and left out of the table.
    std::vector<SweepRow> run();

    // Ends the current point's training after its step (with a checkpoint) and the sweep with it.
    void requestStop();

    std::string tablePath() const;

private:
    void timePoint(SweepRow& row, LoadedRun& run);
    SweepRow evaluatePoint(const SweepPoint& point, const std::string& runDirectory);

    SweepOptions options_;
    TrainingObserver& observer_;
    std::function<void(const SweepRow&, std::size_t, std::size_t)> onRow_;
    std::mutex trainerMutex_;
    Trainer* trainer_ = nullptr;
    std::atomic<bool> stop_{false};
};

}  // namespace megatoken
