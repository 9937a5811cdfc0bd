#pragma once
// The result table of `megatoken sweep`: one row per trained configuration (a method at a target
// keep ratio), evaluated the same way, so quality can be plotted against the measured keep ratio
// with every method on the same axes (the Pareto view). Stored as sweep.csv in the sweep folder:
// the method and run names, then the columns of the metric schema that sweep rows carry
// (core/runs/MetricSchema.h, in its order, named as in eval.csv: accuracy_hard, bleu_free,
// rouge_l_free, hard_keep, ...):
//   method,run,step,target_keep,texts,accuracy_hard,accuracy_soft,accuracy_free,bleu_free,
//   rouge_l_free,exact_match_free,hard_keep,tokens_per_s_masked,tokens_per_s_hard
//
// Seeds (`megatoken sweep --seeds N`): every configuration is trained N times, seed s with
// optim.seed = base + s. Each trained run is then one row of sweep-runs.csv (the columns above
// with "seed", the index s, after "run"), and sweep.csv holds one row per configuration (method
// and target): the mean over its seeds of every column, then "seeds" (how many were averaged) and
// the sample standard deviation (n - 1 in the denominator) of each measured metric,
// "<metric>_sd" (accuracy_hard_sd, ..., tokens_per_s_hard_sd; NaN for a row of one seed):
//   ...,tokens_per_s_hard,seeds,accuracy_hard_sd,accuracy_soft_sd,...,tokens_per_s_hard_sd
// A table whose rows all have one seed is written exactly as above, without these columns, and no
// sweep-runs.csv; a table without them (every sweep written before seeds) reads as one seed a row.
// Plain C++: the CLI writes it, the GUI and the plot tool read it.

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace megatoken {

struct SweepRow {
    std::string method;       // learned, random, first-k, attention, stride, or a variant's name
    double targetKeep = 0;    // loss.target_keep the run was trained for
    std::string run;          // the run directory's name, inside the sweep folder (seed 0's for a mean)
    std::int64_t steps = 0;   // training steps (the same budget for every method): column "step"
    std::int64_t texts = 0;   // evaluated texts
    double keepRatio = 0;     // measured: hard-kept fraction of non-pad tokens after the last gate ("hard_keep")
    double accuracyHard = 0;  // teacher-forced token accuracy, dropped tokens invisible
    double accuracySoft = 0;
    double accuracyFree = 0;  // free-running greedy decoding, position-wise
    double bleuFree = 0;      // 0..100
    double rougeLFree = 0;    // 0..1
    double exactMatchFree = 0;
    double tokensPerSecondMasked = 0;  // encoder+decoder, teacher-forced, batch 64, threshold mask
    double tokensPerSecondHard = 0;    // the same with the dropped tokens removed

    // One trained run (sweep-runs.csv): its seed index s (optim.seed = base + s).
    int seed = 0;
    // A configuration's mean over seeds (sweep.csv): how many seeds, and the sample SD of each
    // measured metric by its schema name ("bleu_free"); empty for one seed.
    int seeds = 1;
    std::map<std::string, double, std::less<>> sd;

    // The SD of a metric (schema name); NaN when there is none (one seed, or not a measured metric).
    double spread(std::string_view metric) const;
};

// The two columns that name a row rather than measure it.
inline constexpr const char* kSweepMethodColumn = "method";
inline constexpr const char* kSweepRunColumn = "run";
// The seed index of a row of sweep-runs.csv, and the seed count of a row of sweep.csv.
inline constexpr const char* kSweepSeedColumn = "seed";
inline constexpr const char* kSweepSeedsColumn = "seeds";
// What an SD column's name ends in: "bleu_free_sd".
inline constexpr const char* kSweepSdSuffix = "_sd";
// The file names inside a sweep folder.
inline constexpr const char* kSweepTableFile = "sweep.csv";
inline constexpr const char* kSweepRunsTableFile = "sweep-runs.csv";

// The column names, in file order: method, run, then the schema's stored sweep metrics. (The
// columns every sweep.csv has; a table with seeds adds sweepSeedColumns() after them.)
const std::vector<std::string>& sweepColumns();
// The schema names of the metrics that get a mean and an SD over seeds: the measured ones (not
// step, target_keep and texts, which are the same for every seed), in schema order.
const std::vector<std::string>& sweepSpreadMetrics();
// "seeds", then "<metric>_sd" for each of sweepSpreadMetrics().
const std::vector<std::string>& sweepSeedColumns();

// Reads sweep.csv (or sweep-runs.csv). Throws RunFileError naming the file (and line) on a missing
// file, a missing column, a wrong cell count or a cell that is not a number. Columns may come in
// any order; unknown columns are ignored; names written before the metric schema (keep_ratio,
// steps) are read as the canonical ones. "seed", "seeds" and the SD columns are optional: without
// them a row is seed 0, one seed, no SD.
std::vector<SweepRow> readSweepTable(const std::string& path);

// Writes sweep.csv atomically (a temporary beside it, renamed over it). The seed columns are
// written when some row has more than one seed. Throws RunFileError.
void writeSweepTable(const std::string& path, const std::vector<SweepRow>& rows);

// Writes sweep-runs.csv (one row per trained run, with its seed index) the same way.
void writeSweepRunsTable(const std::string& path, const std::vector<SweepRow>& rows);

// The rows of trained runs folded into one row per configuration (method and target keep ratio),
// in the order each configuration first appears: every stored metric is the mean over its rows,
// seeds their number, sd the sample SD (n - 1) of each of sweepSpreadMetrics() when n > 1; run
// is the name of the row with the lowest seed index. NaN in a seed's value makes the mean and SD
// NaN (a failed evaluation is not averaged away).
std::vector<SweepRow> aggregateSeeds(const std::vector<SweepRow>& runs);

// The same rows as a GitHub-flavoured Markdown table, for the sweep's README and the docs: the
// method, then every sweep metric (the computed speed-up included) by its short label, in its
// display format. With seeds, a "seeds" column follows the run and the measured metrics read
// "mean ± SD", with a note under the table.
std::string sweepMarkdown(const std::vector<SweepRow>& rows);

// Indices of the rows on the upper-left Pareto front of (keepRatio lower is better, value higher
// is better), ordered by keep ratio. value(row) picks the quality metric. Rows whose keep ratio
// or value is not finite (a failed evaluation's NaN) have no place on it and are skipped.
template <typename Value>
std::vector<std::size_t> paretoFront(const std::vector<SweepRow>& rows, Value value);

}  // namespace megatoken

#include <algorithm>
#include <cmath>

template <typename Value>
std::vector<std::size_t> megatoken::paretoFront(const std::vector<SweepRow>& rows, Value value)
{
    // NaN would break the sort's strict weak ordering (undefined behaviour), not just lose a point.
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (std::isfinite(rows[i].keepRatio) && std::isfinite(static_cast<double>(value(rows[i])))) order.push_back(i);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (rows[a].keepRatio != rows[b].keepRatio) return rows[a].keepRatio < rows[b].keepRatio;
        return value(rows[a]) > value(rows[b]);
    });
    std::vector<std::size_t> front;
    double best = -1e300;
    for (std::size_t i : order) {
        if (value(rows[i]) > best) {
            front.push_back(i);
            best = value(rows[i]);
        }
    }
    return front;
}
