#pragma once
// metrics.csv (one row per step, one column per gate) and eval.csv (one row per evaluation), their
// columns and number formats taken from the metric schema (core/runs/MetricSchema.h): every value
// with 6 significant digits, counts as whole numbers, a decimal point whatever the locale.
// On resume the files are cut back to the checkpoint's step and appended to, so a resumed run
// has neither duplicated nor missing steps; a file written with older column names or another
// column order is rewritten under the current header, each value moved to its column.

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "core/feedback/TrainingObserver.h"

namespace megatoken {

class MetricsLog {
public:
    MetricsLog(std::string directory, int gateCount);
    // Starts fresh files, or keeps the rows up to lastStep (inclusive) when resuming.
    void open(bool resume, std::int64_t lastStep);
    void appendStep(const StepMetrics& m);
    void appendEval(const EvalMetrics& m);

    std::string stepFile() const;
    std::string evalFile() const;

    // Significant digits of the values in both files.
    static constexpr int kSignificantDigits = 6;

private:
    std::string directory_;
    int gateCount_;
    std::ofstream steps_;
    std::ofstream evals_;
};

}  // namespace megatoken
