#pragma once
// A run's metric curves read from its directory, keyed by metric id, as run groups
// (core/runs/GroupCurve.h) average them: the dashboard's group curves and the group statistics
// export. Torch-free.

#include <map>
#include <string>

#include "core/runs/GroupCurve.h"

namespace megatoken {

struct RunCurves {
    std::string name;  // the directory's name
    // "train/loss", "validation/accuracy_hard" (metricRecordPrefix + canonical column) -> the
    // column's values in file order: step, x = wall seconds at that step, y (NaN kept). An
    // evaluation takes the wall time of the first training row at or after its step (the last
    // row's when none), so groups line up on the wall-time axis.
    std::map<std::string, std::vector<CurvePoint>> byMetric;
    int gates = 0;  // per-gate columns in metrics.csv (train/R_1 ...)
};

// metrics.csv and, when present, eval.csv of runDir (metric schema names; older runs' columns
// through the aliases). Throws RunFileError naming the file that cannot be read.
RunCurves readRunCurves(const std::string& runDir);

}  // namespace megatoken
