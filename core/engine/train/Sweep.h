#pragma once
// `megatoken sweep`: trains a list of configurations one after another (the learned gates and
// the fixed-rule baselines, at one or more target keep ratios, all with the same budget), then
// evaluates each the same way and appends it to <sweep>/sweep.csv (and sweep.md). Rerunning a
// sweep skips the points already in the table, resumes a point that was stopped, evaluates a
// finished run that is not in the table without training it again, and never discards a finished
// row.
//
// Seeds: with seeds > 1 every configuration is trained that many times, seed s with optim.seed =
// the configuration's own optim.seed + s, in runs named "<method>-keep0.50" (s = 0, the name a
// one-seed sweep gives it, so adding seeds to a sweep reuses its runs), "<method>-keep0.50-seed01",
// ... ("-seed%02d"; they sort in seed order). Seeds run outermost: every configuration's seed 0
// first, then every seed 1, so a sweep stopped early still compares every method. Each run is a
// row of sweep-runs.csv; sweep.csv holds each configuration's mean and SD over its seeds
// (core/runs/SweepTable.h).
//
// Variants: a variant (--variant NAME:key=value,...) is the learned gates with config overrides,
// a method of its own in the table, named NAME, its runs "NAME-keep0.50".
//
// Stopping is the Feedback's cancel(), from any thread: the point in training stops as a Trainer
// does (with a checkpoint, so a rerun resumes it), a point being scored or timed is abandoned
// without a row (a rerun scores it again), and no further point starts. Progress: point i of n
// reports in i/n..(i+1)/n, the trainer's own progress within it.

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "core/config/RunConfig.h"
#include "core/data/Split.h"
#include "core/feedback/TrainingObserver.h"
#include "core/runs/SweepTable.h"

namespace megatoken {

class Feedback;
struct LoadedRun;

// A learned-gate method with config overrides: `--variant NAME:key=value,key=value`.
struct SweepVariant {
    std::string name;                    // its method name in the table
    std::vector<std::string> overrides;  // "gates.tau=0.5", applied in order over the base config
};

// Parses "NAME:key=value,key=value" and checks it against base (the sweep's config) and the
// variants given before it: NAME is letters, digits, '.', '_' and '-', neither a method's name nor
// an earlier variant's; every key exists and takes its value (core/config/ConfigOverride), the
// result validates, and no key is one the sweep sets itself (gates.rule, loss.target_keep,
// run.name, run.runs_directory). A value may hold commas: a piece without '=' continues the
// value before it. Throws std::invalid_argument with "'<spec>': <what is wrong>", naming the key.
SweepVariant parseSweepVariant(const std::string& spec, const RunConfig& base,
                               const std::vector<SweepVariant>& earlier = {});

struct SweepPoint {
    GateRule rule = GateRule::Learned;
    double targetKeep = 0.5;
    int seed = 0;          // the seed index s: optim.seed = the configuration's optim.seed + s
    SweepVariant variant;  // a named variant of the learned gates; empty name for the method itself

    // The table's method: the variant's name, else the rule's ("learned", "first-k").
    std::string method() const;
    // The run directory inside the sweep folder: "learned-keep0.50", "learned-keep0.50-seed01".
    std::string name() const;
    // base with this point's rule, variant overrides, target and seed (and its run name under
    // directory). A fixed-rule point drops without merging (gates.merge=none) whatever base says.
    RunConfig config(const RunConfig& base, const std::string& directory) const;
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

// Every method (the rules, then the variants) at every target with every seed: seeds outermost,
// then methods, then targets.
std::vector<SweepPoint> sweepGrid(const std::vector<GateRule>& rules, const std::vector<double>& targets,
                                  const std::vector<SweepVariant>& variants = {}, int seeds = 1);

class SweepRunner {
public:
    // observer sees every point's training; onRow each finished row (done of total points).
    // feedback must outlive the runner.
    SweepRunner(SweepOptions options, TrainingObserver& observer, Feedback& feedback,
                std::function<void(const SweepRow&, std::size_t done, std::size_t total)> onRow = {});

    // Runs the points in order; returns the whole table, one row per configuration (sweep.csv;
    // rows of earlier invocations included). A cancel ends it early (see above) and it returns
    // the table so far. Throws only on a problem with the sweep folder or its tables, or a run
    // already in the folder that was trained with other settings than its point asks for (another
    // seed, rule, target or variant value: checked before anything trains); a point that diverges
    // or fails is logged and left out of the table.
    std::vector<SweepRow> run();

    // After run(): one row per trained run, with its seed index (sweep-runs.csv).
    const std::vector<SweepRow>& runRows() const { return runs_; }

    std::string tablePath() const;      // <directory>/sweep.csv
    std::string runsTablePath() const;  // <directory>/sweep-runs.csv

private:
    void timePoint(SweepRow& row, LoadedRun& run, Feedback& feedback);
    SweepRow evaluatePoint(const SweepPoint& point, const std::string& runDirectory, Feedback& feedback);
    void loadRows();
    std::vector<SweepRow> readRows() const;
    void mergeRowsFromDisk();
    void writeTables();
    void checkExistingRuns() const;

    SweepOptions options_;
    TrainingObserver& observer_;
    Feedback& feedback_;
    std::function<void(const SweepRow&, std::size_t, std::size_t)> onRow_;
    std::vector<SweepRow> runs_;  // one row per trained run, the truth sweep.csv is made from
    // The runs this sweep scored or retimed itself: their rows are its own when it merges the
    // tables on disk (another sweep of the folder, side by side, writes the others).
    std::set<std::string> scored_;
};

}  // namespace megatoken
