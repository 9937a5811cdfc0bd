#include "core/runs/SweepTable.h"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/data/Trimmed.h"
#include "core/io/AtomicFile.h"
#include "core/io/NumberFormat.h"
#include "core/runs/MetricSchema.h"
#include "core/runs/RunFileError.h"

namespace megatoken {

namespace {

std::vector<std::string> splitCells(const std::string& line)
{
    std::vector<std::string> cells;
    std::string_view rest(line);
    for (;;) {
        const auto comma = rest.find(',');
        cells.emplace_back(trimmed(rest.substr(0, comma)));
        if (comma == std::string_view::npos) return cells;
        rest.remove_prefix(comma + 1);
    }
}

double number(const std::string& path, std::uint64_t line, const std::string& column, const std::string& cell)
{
    std::string_view text(cell);
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    double value = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || result.ec != std::errc() || result.ptr != text.data() + text.size())
        throw RunFileError(path, line, "column '" + column + "': not a number: '" + cell + "'");
    return value;
}

constexpr int kSignificantDigits = 9;

// Method and run names are ours (no commas), but a user's --name could hold one.
std::string cleanName(std::string name)
{
    for (char& c : name)
        if (c == ',' || c == '\n' || c == '\r') c = '_';
    return name;
}

}  // namespace

const std::vector<std::string>& sweepColumns()
{
    static const std::vector<std::string> columns = [] {
        std::vector<std::string> all{kSweepMethodColumn, kSweepRunColumn};
        for (const std::string& column : metricColumns(MetricRecord::Sweep, 0)) all.push_back(column);
        return all;
    }();
    return columns;
}

std::vector<SweepRow> readSweepTable(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file) throw RunFileError(path, std::string("cannot open (") + std::strerror(errno) + ")");
    std::string line;
    std::uint64_t lineNumber = 0;
    std::vector<std::string> header;
    while (header.empty() && std::getline(file, line)) {
        ++lineNumber;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!trimmed(line).empty()) header = splitCells(line);
    }
    if (header.empty()) throw RunFileError(path, "empty file: expected a header line");
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < header.size(); ++i) index[canonicalMetricName(header[i])] = i;
    for (const auto& column : sweepColumns())
        if (!index.count(column)) throw RunFileError(path, lineNumber, "missing column '" + column + "'");

    std::vector<SweepRow> rows;
    while (std::getline(file, line)) {
        ++lineNumber;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (trimmed(line).empty()) continue;
        const auto cells = splitCells(line);
        if (cells.size() != header.size())
            throw RunFileError(path, lineNumber,
                               "expected " + std::to_string(header.size()) + " cells, got " +
                                   std::to_string(cells.size()));
        const auto cell = [&](const std::string& name) -> const std::string& { return cells[index.at(name)]; };
        SweepRow row;
        row.method = cell(kSweepMethodColumn);
        if (row.method.empty()) throw RunFileError(path, lineNumber, "column 'method' is empty");
        row.run = cell(kSweepRunColumn);
        for (const MetricDefinition& metric : metricSchema())
            if (metric.sweep.stored())  // an error names the column as the file does
                metric.sweep.set(row, 0, number(path, lineNumber, header[index.at(metric.name)], cell(metric.name)));
        rows.push_back(std::move(row));
    }
    if (file.bad()) throw RunFileError(path, "read error");
    return rows;
}

void writeSweepTable(const std::string& path, const std::vector<SweepRow>& rows)
{
    std::ostringstream out;
    const auto& columns = sweepColumns();
    for (std::size_t i = 0; i < columns.size(); ++i) out << (i ? "," : "") << columns[i];
    out << '\n';
    for (const auto& r : rows) {
        out << cleanName(r.method) << ',' << cleanName(r.run);
        for (const MetricValue& value : metricValues(r))
            if (value.stored) out << ',' << value.metric->cell(value.value, kSignificantDigits);
        out << '\n';
    }
    try {
        writeFileAtomically(path, out.str());
    } catch (const FileWriteError& e) {
        throw RunFileError(e.file(), e.problem());
    }
}

std::string sweepMarkdown(const std::vector<SweepRow>& rows)
{
    std::ostringstream out;
    std::vector<const MetricDefinition*> shown;
    for (const MetricDefinition& metric : metricSchema())
        if (metric.sweep) shown.push_back(&metric);
    out << "| " << kSweepMethodColumn << " | " << kSweepRunColumn;
    for (const MetricDefinition* metric : shown) out << " | " << metric->shortLabel;
    out << " |\n|---|---";
    for (std::size_t i = 0; i < shown.size(); ++i) out << "|---";
    out << "|\n";
    for (const auto& r : rows) {
        out << "| " << r.method << " | " << r.run;
        for (const MetricValue& value : metricValues(r)) out << " | " << value.metric->display(value.value);
        out << " |\n";
    }
    return out.str();
}

}  // namespace megatoken
