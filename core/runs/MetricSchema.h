#pragma once
// The metric schema: one table of every number a run reports, the way the config key table
// (core/config/ConfigKeys.h) is for settings. metrics.csv, eval.csv, sweep.csv and sweep.md, the
// long CSV of many runs, the CLI's console lines and JSON events, `megatoken eval`, the dashboard's
// series (live and replayed), the Sweep tab and the Pareto plot's quality axes all take their
// column names, labels, units, scales and number formats from here, so a metric has one name
// everywhere and adding one is one entry in MetricSchema.cpp. docs/metrics.md is generated from
// it (metricSchemaMarkdown(), checked by tst_metric_schema).
//
// Values are read from (and written into) the records the engine fills: StepMetrics and
// EvalMetrics (core/feedback/TrainingObserver.h) and SweepRow (core/runs/SweepTable.h). Names
// that earlier versions wrote (eval.csv's "rougeL_free", sweep.csv's "keep_ratio", ...) are
// mapped to the canonical ones by canonicalMetricName() wherever run files are read.
//
// Plain C++: no Qt, no LibTorch. Labels are English; the GUI translates them in the context
// "megatoken::MetricSchema" (kMetricTranslationContext).

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace megatoken {

struct StepMetrics;
struct EvalMetrics;
struct SweepRow;

// The canonical names, for code that needs one metric in particular. The table in
// MetricSchema.cpp is built from these; a per-gate family's name is the stem of its columns
// ("R" -> R_1, R_2, ...).
namespace metric_name {
inline constexpr std::string_view kStep = "step";
inline constexpr std::string_view kEpoch = "epoch";
inline constexpr std::string_view kTargetKeep = "target_keep";
inline constexpr std::string_view kTexts = "texts";
inline constexpr std::string_view kLoss = "loss";
inline constexpr std::string_view kCrossEntropy = "ce";
inline constexpr std::string_view kCompression = "compression";
inline constexpr std::string_view kLambda = "lambda";
inline constexpr std::string_view kAccuracy = "accuracy";
inline constexpr std::string_view kAccuracyHard = "accuracy_hard";
inline constexpr std::string_view kAccuracySoft = "accuracy_soft";
inline constexpr std::string_view kCrossEntropyHard = "nll";  // was "ce_hard" (an alias)
inline constexpr std::string_view kAccuracyFree = "accuracy_free";
inline constexpr std::string_view kBleuFree = "bleu_free";
inline constexpr std::string_view kRougeLFree = "rouge_l_free";
inline constexpr std::string_view kExactMatchFree = "exact_match_free";
inline constexpr std::string_view kBleuTeacherForced = "bleu_tf";
inline constexpr std::string_view kRougeLTeacherForced = "rouge_l_tf";
inline constexpr std::string_view kExactMatchTeacherForced = "exact_match_tf";
inline constexpr std::string_view kHardKeep = "hard_keep";
inline constexpr std::string_view kSoftKeep = "soft_keep";
inline constexpr std::string_view kLearningRate = "lr";
inline constexpr std::string_view kTokensPerSecond = "tokens_per_s";
inline constexpr std::string_view kTokensPerSecondMasked = "tokens_per_s_masked";
inline constexpr std::string_view kTokensPerSecondHard = "tokens_per_s_hard";
inline constexpr std::string_view kSpeedup = "speedup";
inline constexpr std::string_view kWallSeconds = "wall_s";
inline constexpr std::string_view kTokensSeen = "tokens_seen";
inline constexpr std::string_view kTrainFlops = "train_flops";
inline constexpr std::string_view kUnixTime = "time";
inline constexpr std::string_view kEvalSeconds = "seconds";
inline constexpr std::string_view kGateRatio = "R";
inline constexpr std::string_view kGateKept = "kept";
}  // namespace metric_name

// The kinds of rows a run writes, each in its own file.
enum class MetricRecord {
    Step,   // one training step: <run>/metrics.csv (StepMetrics)
    Eval,   // one evaluation: <run>/eval.csv (EvalMetrics)
    Sweep,  // one configuration of a sweep: <sweep>/sweep.csv (SweepRow)
};

// "metrics.csv", "eval.csv", "sweep.csv".
std::string_view metricRecordFile(MetricRecord record);
// What a record's columns are prefixed with in the long CSV and in the dashboard's series ids:
// "train/", "validation/", "sweep/".
std::string_view metricRecordPrefix(MetricRecord record);

// The range a metric's values live on: it decides axes, and how values that share a plot are
// put on one scale (a 0..1 fraction in a 0..100 plot is shown times 100).
enum class MetricScale {
    Count,     // whole numbers: steps, texts (written without a decimal point)
    Fraction,  // 0..1: accuracies, keep ratios, ROUGE-L, exact match
    Percent,   // 0..100: BLEU
    Log,       // positive and spanning decades: the learning rate
    Linear,    // anything else: losses, λ, tokens/s, seconds
};
// "count", "0..1", "0..100", "log", "linear".
std::string_view metricScaleName(MetricScale scale);

// The dashboard's plots (the plot group a series goes in), in display order: the "training
// dynamics" view first.
enum class MetricPlotGroup { Accuracy, Gates, Keep, Loss, Lambda, Quality, LearningRate, Throughput };
const std::vector<MetricPlotGroup>& metricPlotGroups();
// The plot's id in the GUI: "accuracy", "gates", "keep", "loss", "lambda", "quality",
// "learning_rate", "throughput".
std::string_view metricPlotGroupId(MetricPlotGroup plot);
// The scale of the plot's y axis: Fraction for accuracy, gates and keep, Percent for quality,
// Log for the learning rate, Linear for the rest.
MetricScale metricPlotGroupScale(MetricPlotGroup plot);

enum class MetricLine { Solid, Dashed, Dotted };

struct MetricDefinition;
// What a metric's values are multiplied by to be drawn in plot: 100 for a 0..1 fraction in a
// 0..100 plot (ROUGE-L and exact match beside BLEU), else 1.
double metricPlotFactor(const MetricDefinition& metric, MetricPlotGroup plot);

// How a value is shown to a person (console, tables, tooltips, sweep.md). Run files keep more
// digits: see MetricDefinition::cell().
struct MetricFormat {
    enum class Style { Fixed, General };
    Style style = Style::Fixed;
    int precision = 3;  // decimals for Fixed, significant digits for General
};

// One curve on the dashboard: the plot it goes in, its legend entry (English; "%1" stands for
// the gate number in a per-gate family) and its line.
struct MetricSeries {
    MetricPlotGroup group = MetricPlotGroup::Accuracy;
    std::string legend;
    MetricLine line = MetricLine::Solid;
};

// How one kind of record carries a metric. Empty (no get) when it does not.
template <typename Record>
struct MetricField {
    // The value in a record; gate is 0-based and only used by per-gate families, which give NaN
    // for a gate the record has no value for.
    std::function<double(const Record&, int gate)> get;
    // Stores a value read back from a file (growing a per-gate vector as needed). Empty for a
    // derived value (the sweep's speed-up): shown, never stored in the file.
    std::function<void(Record&, int gate, double value)> set;
    bool console = false;                // printed on the CLI's line for this record
    std::optional<MetricSeries> series;  // its curve on the dashboard (Step and Eval only)

    explicit operator bool() const { return static_cast<bool>(get); }
    bool stored() const { return static_cast<bool>(get) && static_cast<bool>(set); }
};

struct MetricDefinition {
    std::string name;        // the CSV column; a per-gate family's stem ("kept": kept_1, kept_2)
    bool perGate = false;    // one column per gate, numbered from 1
    std::string label;       // "free-running BLEU": menus, axis titles, docs ("%1": the gate)
    std::string shortLabel;  // "BLEU": table headers and console lines ("%1": the gate)
    std::string unit;        // "tokens/s", "s"; empty for plain numbers and fractions
    MetricScale scale = MetricScale::Linear;
    MetricFormat format;
    std::string description;  // what it is and where it comes from, for docs/metrics.md
    int paretoOrder = 0;      // > 0: a quality axis of the Pareto plot, in this order (1 = default)
    MetricField<StepMetrics> step;
    MetricField<EvalMetrics> eval;
    MetricField<SweepRow> sweep;

    // Whether rows of that record carry it (stored or derived).
    bool in(MetricRecord record) const;
    // Whether its column is written in the record's file.
    bool storedIn(MetricRecord record) const;
    // The column: "hard_keep"; gate (0-based) of a per-gate family: "kept_2" for gate 1.
    std::string column(int gate = 0) const;
    // label / shortLabel with "%1" replaced by the gate number (1-based).
    std::string labelFor(int gate = 0) const;
    std::string shortLabelFor(int gate = 0) const;
    // The value as shown to a person, in format, without the unit: "0.421", "34.7", "3862".
    std::string display(double value) const;
    // The value as run files store it: whole numbers for Count, else printf's %.<digits>g (the C
    // locale's, whatever the process's is); "nan" for NaN.
    std::string cell(double value, int significantDigits) const;
};

// Every metric, in file order: metrics.csv, eval.csv and sweep.csv list their columns in this
// order (per-gate families last, each gate by gate).
const std::vector<MetricDefinition>& metricSchema();

// The metric called name (a family's stem for per-gate metrics), or nullptr. No aliases.
const MetricDefinition* findMetric(std::string_view name);
// The same, for names the code knows exist (metric_name::*): throws std::out_of_range otherwise.
const MetricDefinition& metricDefinition(std::string_view name);

// A column of a run file, resolved: "kept_2" is {kept, 1}; "rougeL_free" (an alias) is
// {rouge_l_free, 0}. Nothing for a column the schema does not know.
struct MetricColumn {
    const MetricDefinition* metric = nullptr;
    int gate = 0;  // 0-based; 0 for metrics that are not per gate
};
std::optional<MetricColumn> findMetricColumn(std::string_view column);

// The columns a record's file holds for a run with gateCount gates, in file order.
std::vector<std::string> metricColumns(MetricRecord record, int gateCount);

// The field of a definition for a record type: fieldOf<EvalMetrics>(definition) is its .eval.
template <typename Record>
const MetricField<Record>& fieldOf(const MetricDefinition& definition);
template <>
inline const MetricField<StepMetrics>& fieldOf<StepMetrics>(const MetricDefinition& definition)
{
    return definition.step;
}
template <>
inline const MetricField<EvalMetrics>& fieldOf<EvalMetrics>(const MetricDefinition& definition)
{
    return definition.eval;
}
template <>
inline const MetricField<SweepRow>& fieldOf<SweepRow>(const MetricDefinition& definition)
{
    return definition.sweep;
}

// One value of a record, resolved: its metric, gate (0-based, per-gate families) and column.
struct MetricValue {
    const MetricDefinition* metric = nullptr;
    int gate = 0;
    std::string column;
    double value = 0;
    bool stored = true;  // false for a derived value, which no file holds
};

// Every value a record carries, in file order, with gateCount columns for each per-gate family
// (NaN where the record has fewer). Derived values are included, marked stored = false.
std::vector<MetricValue> metricValues(const StepMetrics& record, int gateCount);
std::vector<MetricValue> metricValues(const EvalMetrics& record, int gateCount);
std::vector<MetricValue> metricValues(const SweepRow& record);

// The number of gates a record has values for (its longest per-gate vector).
int recordGateCount(const StepMetrics& record);
int recordGateCount(const EvalMetrics& record);

// The metrics of a record type that Pareto plots offer as their quality axis, in paretoOrder
// (the first is the default).
std::vector<const MetricDefinition*> paretoQualityMetrics();

// ---- names written before the schema ----

// A name an earlier version wrote (or accepted) and the canonical name it now stands for.
struct MetricAlias {
    std::string oldName;    // "rougeL_free"
    std::string name;       // "rouge_l_free"
    std::string writtenBy;  // where the old name came from: "eval.csv", "sweep.csv", "megatoken-plot --metric"
};
const std::vector<MetricAlias>& metricAliases();

// The canonical name of a column or metric: an alias's target, every other name unchanged (so
// "R_2", "loss" and columns the schema does not know pass through).
std::string canonicalMetricName(std::string_view name);

// ---- translation ----

// The Qt translation context of the labels and legends above (the GUI passes them through
// QCoreApplication::translate; lupdate reads them from MetricSchema.cpp).
inline constexpr const char* kMetricTranslationContext = "megatoken::MetricSchema";

// ---- documentation ----

// docs/metrics.md: every metric with its files, label, unit, scale and plot, and the aliases.
std::string metricSchemaMarkdown();

}  // namespace megatoken
