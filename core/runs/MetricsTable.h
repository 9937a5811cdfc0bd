#pragma once
// The numeric CSV files a run writes: metrics.csv (one row per step) and eval.csv (one row per
// evaluation), read whole; they stay small (a few MB for a long run). Column names are read
// through the metric schema's alias map (canonicalMetricName in core/runs/MetricSchema.h), so a
// run written with older names ("rougeL_free") gives the same columns as a new one.

#include <string>
#include <string_view>
#include <vector>

namespace megatoken {

struct MetricsTable {
    std::vector<std::string> columns;       // canonical names, in file order
    std::vector<std::vector<double>> rows;  // each as long as columns

    // The index of the column called name, or -1.
    int column(std::string_view name) const;
    // Column name's values, one per row; empty when there is no such column.
    std::vector<double> values(std::string_view name) const;
};

// Parses a header line (each name made canonical), then rows of numbers. An empty cell, "nan" or "-nan" is NaN; "inf"
// reads as infinity. A zero-byte file is an empty table (the trainer has not written its header
// yet). Throws RunFileError: "path: cannot open (...)", "path:line: expected N cells, got M",
// "path:line: column 'loss': not a number: 'abc'". An unfinished last line (no newline at the
// end) that does not parse is skipped silently: a live or killed run was cut mid-write.
MetricsTable readMetricsTable(const std::string& path);

}  // namespace megatoken
