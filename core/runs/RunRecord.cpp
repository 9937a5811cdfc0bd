#include "core/runs/RunRecord.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

#include "core/config/ConfigDiff.h"
#include "core/config/ConfigKeys.h"
#include "core/config/RunConfigJson.h"
#include "core/runs/MetricSchema.h"
#include "core/runs/MetricsTable.h"
#include "core/runs/RunFileError.h"
#include "core/runs/RunGroups.h"

namespace megatoken {

namespace {

namespace fs = std::filesystem;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool isPlacementKey(const std::string& name)
{
    const auto& keys = runPlacementKeys();
    return std::find(keys.begin(), keys.end(), name) != keys.end();
}

}  // namespace

RunRecord readRunRecord(const std::string& runDir)
{
    RunRecord record;
    record.summary = summarizeRun(runDir);
    const fs::path directory(runDir);
    try {
        record.config = loadConfigFile((directory / "config.json").string());
    } catch (const std::exception& e) {
        record.configError = e.what();
    }
    const fs::path eval = directory / metricRecordFile(MetricRecord::Eval);
    std::error_code error;
    if (fs::exists(eval, error)) {
        try {
            const MetricsTable table = readMetricsTable(eval.string());
            if (!table.rows.empty())
                for (std::size_t c = 0; c < table.columns.size(); ++c)
                    record.finalEval[table.columns[c]] = table.rows.back()[c];
        } catch (const RunFileError&) {
            // summarizeRun has recorded the problem in summary.error.
        }
    }
    return record;
}

std::vector<RunColumn> finalMetricColumns()
{
    std::vector<RunColumn> columns;
    for (const std::string_view name : {metric_name::kAccuracyHard, metric_name::kHardKeep}) {
        const MetricDefinition& metric = metricDefinition(name);
        columns.push_back({RunColumn::Kind::FinalMetric, std::string(name), metric.shortLabelFor(), true});
    }
    columns.push_back({RunColumn::Kind::BestAtTarget, "best_at_target", "best hard acc. at target keep", true});
    for (const std::string_view name :
         {metric_name::kBleuFree, metric_name::kRougeLFree, metric_name::kCrossEntropyHard}) {
        const MetricDefinition& metric = metricDefinition(name);
        columns.push_back({RunColumn::Kind::FinalMetric, std::string(name), metric.shortLabelFor(), true});
    }
    return columns;
}

std::vector<RunColumn> runColumns(const std::vector<RunRecord>& records, bool allKeys)
{
    std::vector<RunConfig> configs;
    for (const auto& record : records)
        if (record.config) configs.push_back(*record.config);
    std::vector<std::string> keys;
    if (allKeys || configs.size() < 2) {
        if (allKeys)
            for (const ConfigKey& key : configKeys()) keys.push_back(key.name);
    } else {
        for (const auto& difference : diffConfigs(configs)) keys.push_back(difference.key);
    }
    std::vector<RunColumn> columns;
    for (const auto& name : keys) {
        if (isPlacementKey(name)) continue;
        const ConfigKey& key = configKey(name);
        const bool numeric = key.type == ConfigValueType::Int || key.type == ConfigValueType::Double;
        columns.push_back({RunColumn::Kind::ConfigKey, name, name, numeric});
    }
    for (auto& column : finalMetricColumns()) columns.push_back(std::move(column));
    return columns;
}

double numericValue(const RunRecord& record, const RunColumn& column)
{
    switch (column.kind) {
        case RunColumn::Kind::ConfigKey: {
            if (!record.config || !column.numeric) return kNaN;
            const nlohmann::json value = configKey(column.name).get(*record.config);
            return value.is_number() ? value.get<double>() : kNaN;
        }
        case RunColumn::Kind::FinalMetric: {
            const auto found = record.finalEval.find(column.name);
            return found == record.finalEval.end() ? kNaN : found->second;
        }
        case RunColumn::Kind::BestAtTarget: return record.summary.bestAtTarget.accuracyHard;
    }
    return kNaN;
}

std::string textValue(const RunRecord& record, const RunColumn& column)
{
    if (column.kind == RunColumn::Kind::ConfigKey) {
        if (!record.config) return {};
        return configValueText(configKey(column.name).get(*record.config));
    }
    const double value = numericValue(record, column);
    if (std::isnan(value)) return {};
    const std::string_view metric =
        column.kind == RunColumn::Kind::BestAtTarget ? metric_name::kAccuracyHard : std::string_view(column.name);
    return metricDefinition(metric).display(value);
}

}  // namespace megatoken
