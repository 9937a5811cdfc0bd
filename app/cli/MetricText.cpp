#include "app/cli/MetricText.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/runs/MetricSchema.h"

namespace megatoken::cli {
namespace {

std::string withUnit(const MetricValue& value)
{
    const std::string& unit = value.metric->unit;
    return value.metric->display(value.value) + (unit.empty() ? "" : " " + unit);
}

template <typename Record>
std::string itemsOf(const Record& record, const std::vector<MetricValue>& values)
{
    (void)record;
    std::string line;
    for (const MetricValue& value : values) {
        if (!fieldOf<Record>(*value.metric).console) continue;
        line += (line.empty() ? "" : "  ") + value.metric->shortLabelFor(value.gate) + " " + withUnit(value);
    }
    return line;
}

nlohmann::json jsonOf(const std::vector<MetricValue>& values)
{
    nlohmann::json object = nlohmann::json::object();
    for (const MetricValue& value : values) {
        if (!value.stored) continue;
        if (!std::isfinite(value.value))
            object[value.column] = nullptr;
        else if (value.metric->scale == MetricScale::Count)  // steps and texts as whole numbers
            object[value.column] = std::llround(value.value);
        else
            object[value.column] = value.value;
    }
    return object;
}

}  // namespace

std::string consoleItems(const StepMetrics& record)
{
    return itemsOf(record, metricValues(record, recordGateCount(record)));
}
std::string consoleItems(const EvalMetrics& record)
{
    return itemsOf(record, metricValues(record, recordGateCount(record)));
}
std::string consoleItems(const SweepRow& record)
{
    return itemsOf(record, metricValues(record));
}

nlohmann::json metricJson(const StepMetrics& record)
{
    return jsonOf(metricValues(record, recordGateCount(record)));
}
nlohmann::json metricJson(const EvalMetrics& record)
{
    return jsonOf(metricValues(record, recordGateCount(record)));
}

std::string metricReport(const EvalMetrics& record)
{
    const std::vector<MetricValue> values = metricValues(record, recordGateCount(record));
    std::size_t width = 0;
    for (const MetricValue& value : values) width = std::max(width, value.metric->labelFor(value.gate).size());
    std::string report;
    for (const MetricValue& value : values) {
        const std::string label = value.metric->labelFor(value.gate);
        report += "  " + label + std::string(width - label.size(), ' ') + "  " + withUnit(value) + "\n";
    }
    return report;
}

}  // namespace megatoken::cli
