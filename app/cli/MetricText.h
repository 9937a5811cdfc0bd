#pragma once
// How the CLI shows metric values, all from the metric schema (core/runs/MetricSchema.h): the
// console lines ("loss 9.008  ce 9.008  acc 0.001 ...": the values the schema marks for the
// console, by short label, in their display format and unit) and the JSON objects of --json
// output (one key per column, named as in metrics.csv, eval.csv and sweep.csv).

#include <string>

#include <nlohmann/json.hpp>

#include "core/feedback/TrainingObserver.h"
#include "core/runs/SweepTable.h"

namespace megatoken::cli {

// The record's console values, two spaces apart.
std::string consoleItems(const StepMetrics& record);
std::string consoleItems(const EvalMetrics& record);
std::string consoleItems(const SweepRow& record);

// Every stored value of the record under its column name (per-gate values as R_1, kept_1, ...);
// counts as integers, NaN as null.
nlohmann::json metricJson(const StepMetrics& record);
nlohmann::json metricJson(const EvalMetrics& record);

// One line per value, "  <label, padded>  <value> <unit>", for a report on a terminal.
std::string metricReport(const EvalMetrics& record);

}  // namespace megatoken::cli
