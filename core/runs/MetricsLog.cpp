#include "core/runs/MetricsLog.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/data/Trimmed.h"
#include "core/io/AtomicFile.h"
#include "core/runs/MetricSchema.h"

namespace megatoken {
namespace {

std::string join(const std::vector<std::string>& items)
{
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + items[i];
    return out;
}

std::vector<std::string> splitCells(std::string_view line)
{
    std::vector<std::string> cells;
    for (;;) {
        const auto comma = line.find(',');
        cells.emplace_back(trimmed(line.substr(0, comma)));
        if (comma == std::string_view::npos) return cells;
        line.remove_prefix(comma + 1);
    }
}

// The row's stored values in file order (the order of metricColumns()), with its newline.
template <typename Record>
std::string row(const Record& record, int gateCount)
{
    std::string out;
    for (const MetricValue& value : metricValues(record, gateCount)) {
        if (!value.stored) continue;
        if (!out.empty()) out += ',';
        out += value.metric->cell(value.value, MetricsLog::kSignificantDigits);
    }
    out += '\n';
    return out;
}

// Keeps the rows whose step is <= lastStep under columns, atomically. A file written under the
// same header keeps its lines byte for byte; one with older names (eval.csv's rougeL_free) or
// another order has each value moved to its canonical column, and an empty cell (read as NaN)
// where it had none.
void truncateAfter(const std::string& path, const std::vector<std::string>& columns, std::int64_t lastStep)
{
    std::ifstream in(path);
    // A file that cannot be read must not be replaced by its header alone.
    if (!in) throw FileWriteError(path, std::string("cannot read (") + std::strerror(errno) + ")");
    std::ostringstream kept;
    const std::string header = join(columns);
    kept << header << '\n';
    std::string line;
    std::vector<std::string> oldColumns;
    bool sameHeader = true;
    std::vector<int> source;  // for each new column, its index in the old row, or -1
    std::size_t stepIndex = 0;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (trimmed(line).empty()) continue;
        if (oldColumns.empty()) {
            for (const std::string& name : splitCells(line)) oldColumns.push_back(canonicalMetricName(name));
            sameHeader = trimmed(line) == header;
            for (const std::string& column : columns) {
                int index = -1;
                for (std::size_t i = 0; i < oldColumns.size(); ++i)
                    if (oldColumns[i] == column) index = static_cast<int>(i);
                source.push_back(index);
            }
            for (std::size_t i = 0; i < oldColumns.size(); ++i)
                if (oldColumns[i] == metric_name::kStep) stepIndex = i;
            continue;
        }
        const std::vector<std::string> cells = splitCells(line);
        if (cells.size() != oldColumns.size()) continue;  // a torn last line from a crash: dropped
        std::int64_t step = 0;
        const std::string& stepCell = cells[stepIndex];
        const auto parsed = std::from_chars(stepCell.data(), stepCell.data() + stepCell.size(), step);
        if (parsed.ec != std::errc() || parsed.ptr != stepCell.data() + stepCell.size() || step > lastStep) continue;
        if (sameHeader) {
            kept << line << '\n';
            continue;
        }
        for (std::size_t i = 0; i < source.size(); ++i)
            kept << (i ? "," : "") << (source[i] >= 0 ? cells[static_cast<std::size_t>(source[i])] : std::string());
        kept << '\n';
    }
    if (in.bad()) throw FileWriteError(path, "cannot read");
    writeFileAtomically(path, kept.str());
}

}  // namespace

MetricsLog::MetricsLog(std::string directory, int gateCount) : directory_(std::move(directory)), gateCount_(gateCount)
{
}

std::string MetricsLog::stepFile() const
{
    return directory_ + "/" + std::string(metricRecordFile(MetricRecord::Step));
}

std::string MetricsLog::evalFile() const
{
    return directory_ + "/" + std::string(metricRecordFile(MetricRecord::Eval));
}

void MetricsLog::open(bool resume, std::int64_t lastStep)
{
    const auto openOne = [&](const std::string& path, const std::vector<std::string>& columns) {
        if (resume && std::filesystem::exists(path))
            truncateAfter(path, columns, lastStep);
        else
            writeFileAtomically(path, join(columns) + "\n");
        return std::make_unique<AppendOnlyFile>(path);
    };
    steps_ = openOne(stepFile(), metricColumns(MetricRecord::Step, gateCount_));
    evals_ = openOne(evalFile(), metricColumns(MetricRecord::Eval, gateCount_));
}

void MetricsLog::appendStep(const StepMetrics& m)
{
    steps_->append(row(m, gateCount_));  // a crash loses at most this row
}

void MetricsLog::appendEval(const EvalMetrics& m)
{
    evals_->append(row(m, gateCount_));
}

}  // namespace megatoken
