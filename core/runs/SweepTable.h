#pragma once
// The result table of `megatoken sweep`: one row per trained configuration (a method at a target
// keep ratio), evaluated the same way, so quality can be plotted against the measured keep ratio
// with every method on the same axes (the Pareto view). Stored as sweep.csv in the sweep folder:
// the method and run names, then the columns of the metric schema that sweep rows carry
// (core/runs/MetricSchema.h, in its order, named as in eval.csv: accuracy_hard, bleu_free,
// rouge_l_free, hard_keep, ...):
//   method,run,step,target_keep,texts,accuracy_hard,accuracy_soft,accuracy_free,bleu_free,
//   rouge_l_free,exact_match_free,hard_keep,tokens_per_s_masked,tokens_per_s_hard
// Plain C++: the CLI writes it, the GUI and the plot tool read it.

#include <cstdint>
#include <string>
#include <vector>

namespace megatoken {

struct SweepRow {
    std::string method;       // learned, random, first-k, attention, stride
    double targetKeep = 0;    // loss.target_keep the run was trained for
    std::string run;          // the run directory's name, inside the sweep folder
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
};

// The two columns that name a row rather than measure it.
inline constexpr const char* kSweepMethodColumn = "method";
inline constexpr const char* kSweepRunColumn = "run";

// The column names, in file order: method, run, then the schema's stored sweep metrics.
const std::vector<std::string>& sweepColumns();

// Reads sweep.csv. Throws RunFileError naming the file (and line) on a missing file, a missing
// column, a wrong cell count or a cell that is not a number. Columns may come in any order;
// unknown columns are ignored; names written before the metric schema (keep_ratio, steps) are
// read as the canonical ones.
std::vector<SweepRow> readSweepTable(const std::string& path);

// Writes rows atomically (a temporary beside it, renamed over it). Throws RunFileError.
void writeSweepTable(const std::string& path, const std::vector<SweepRow>& rows);

// The same rows as a GitHub-flavoured Markdown table, for the sweep's README and the docs: the
// method, then every sweep metric (the computed speed-up included) by its short label, in its
// display format.
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
