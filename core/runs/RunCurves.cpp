#include "core/runs/RunCurves.h"

#include <algorithm>
#include <filesystem>

#include "core/runs/MetricSchema.h"
#include "core/runs/MetricsTable.h"
#include "core/runs/RunSummary.h"

namespace megatoken {

namespace fs = std::filesystem;

RunCurves readRunCurves(const std::string& runDir)
{
    const fs::path directory(runDir);
    RunCurves curves;
    curves.name = runDirectoryName(runDir);
    const MetricsTable train = readMetricsTable((directory / metricRecordFile(MetricRecord::Step)).string());
    MetricsTable validation;
    std::error_code error;
    const fs::path evalFile = directory / metricRecordFile(MetricRecord::Eval);
    if (fs::exists(evalFile, error)) validation = readMetricsTable(evalFile.string());

    const MetricDefinition& gateFamily = metricDefinition(metric_name::kGateRatio);
    while (train.column(gateFamily.column(curves.gates)) >= 0) ++curves.gates;

    const std::vector<double> steps = train.values(metric_name::kStep);
    const std::vector<double> walls = train.values(metric_name::kWallSeconds);
    const auto wallAt = [&](double step) {
        const auto it = std::lower_bound(steps.begin(), steps.end(), step);
        if (it == steps.end()) return walls.empty() ? 0.0 : walls.back();
        return walls.empty() ? 0.0 : walls[static_cast<std::size_t>(it - steps.begin())];
    };
    const auto add = [&](const MetricsTable& table, MetricRecord record, bool ownWalls) {
        const int stepColumn = table.column(metric_name::kStep);
        if (stepColumn < 0) return;
        const std::string prefix(metricRecordPrefix(record));
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            if (static_cast<int>(c) == stepColumn) continue;
            std::vector<CurvePoint>& points = curves.byMetric[prefix + table.columns[c]];
            points.reserve(table.rows.size());
            for (std::size_t r = 0; r < table.rows.size(); ++r) {
                const double step = table.rows[r][static_cast<std::size_t>(stepColumn)];
                const double x = ownWalls && r < walls.size() ? walls[r] : wallAt(step);
                points.push_back({step, x, table.rows[r][c]});
            }
        }
    };
    add(train, MetricRecord::Step, true);
    add(validation, MetricRecord::Eval, false);
    return curves;
}

}  // namespace megatoken
