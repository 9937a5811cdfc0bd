#pragma once
// metrics.csv (one row per step, one column per gate) and eval.csv (one row per evaluation).
// On resume the files are cut back to the checkpoint's step and appended to, so a resumed run
// has neither duplicated nor missing steps.

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

    static std::vector<std::string> stepColumns(int gateCount);
    static std::vector<std::string> evalColumns(int gateCount);

    std::string stepFile() const { return directory_ + "/metrics.csv"; }
    std::string evalFile() const { return directory_ + "/eval.csv"; }

private:
    std::string directory_;
    int gateCount_;
    std::ofstream steps_;
    std::ofstream evals_;
};

}  // namespace megatoken
