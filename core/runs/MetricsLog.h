#pragma once
// metrics.csv (one row per step, one column per gate) and eval.csv (one row per evaluation), their
// columns and number formats taken from the metric schema (core/runs/MetricSchema.h): every value
// with 6 significant digits, counts as whole numbers, a decimal point whatever the locale.
// On resume the files are cut back to the checkpoint's step and appended to, so a resumed run
// has neither duplicated nor missing steps; a file written with older column names or another
// column order is rewritten under the current header, each value moved to its column.
// Every row goes to its file as it is appended (write(2), nothing buffered), whole or not at all: a
// row that cannot be written (a full disk) throws FileWriteError naming the file, and the file keeps
// exactly the rows before it.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/feedback/TrainingObserver.h"
#include "core/io/AtomicFile.h"

namespace megatoken {

class MetricsLog {
public:
    MetricsLog(std::string directory, int gateCount);
    // Starts fresh files, or keeps the rows up to lastStep (inclusive) when resuming. Throws
    // FileWriteError naming the file that cannot be written.
    void open(bool resume, std::int64_t lastStep);
    // One row each. Throw FileWriteError naming the file, with the system's reason, when the row
    // cannot be written whole (the file is then as it was before the call).
    void appendStep(const StepMetrics& m);
    void appendEval(const EvalMetrics& m);

    std::string stepFile() const;
    std::string evalFile() const;

    // Significant digits of the values in both files.
    static constexpr int kSignificantDigits = 6;

private:
    std::string directory_;
    int gateCount_;
    std::unique_ptr<AppendOnlyFile> steps_;
    std::unique_ptr<AppendOnlyFile> evals_;
};

}  // namespace megatoken
