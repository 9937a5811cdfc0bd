#include "core/runs/MetricsTable.h"

#include "core/data/Trimmed.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>

#include "core/runs/MetricSchema.h"
#include "core/runs/RunFileError.h"

namespace megatoken {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<std::string_view> splitCells(std::string_view line)
{
    std::vector<std::string_view> cells;
    for (;;) {
        const auto comma = line.find(',');
        cells.push_back(trimmed(line.substr(0, comma)));
        if (comma == std::string_view::npos) return cells;
        line.remove_prefix(comma + 1);
    }
}

// from_chars, unlike strtod, ignores the C locale that Qt sets from the environment.
std::optional<double> parseCell(std::string_view cell)
{
    if (cell.empty()) return kNaN;
    if (cell.front() == '+') cell.remove_prefix(1);
    double value = 0;
    const auto result = std::from_chars(cell.data(), cell.data() + cell.size(), value);
    if (result.ec != std::errc() || result.ptr != cell.data() + cell.size()) return std::nullopt;
    return value;
}

struct Line {
    std::string_view text;
    std::uint64_t number = 0;
    bool terminated = true;  // ends with a newline
};

std::vector<Line> splitLines(std::string_view text)
{
    std::vector<Line> lines;
    std::uint64_t number = 0;
    while (!text.empty()) {
        ++number;
        const auto newline = text.find('\n');
        Line line{text.substr(0, newline), number, newline != std::string_view::npos};
        if (!line.text.empty() && line.text.back() == '\r') line.text.remove_suffix(1);
        lines.push_back(line);
        text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    }
    return lines;
}

}  // namespace

int MetricsTable::column(std::string_view name) const
{
    const auto found = std::find(columns.begin(), columns.end(), name);
    return found == columns.end() ? -1 : static_cast<int>(found - columns.begin());
}

std::vector<double> MetricsTable::values(std::string_view name) const
{
    const int index = column(name);
    if (index < 0) return {};
    std::vector<double> result;
    result.reserve(rows.size());
    for (const auto& row : rows) result.push_back(row[static_cast<std::size_t>(index)]);
    return result;
}

MetricsTable readMetricsTable(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file) throw RunFileError(path, std::string("cannot open (") + std::strerror(errno) + ")");
    std::ostringstream buffer;
    buffer << file.rdbuf();
    if (file.bad()) throw RunFileError(path, "read error");
    const std::string text = buffer.str();

    MetricsTable table;
    const std::vector<Line> lines = splitLines(text);
    std::size_t next = 0;
    while (next < lines.size() && trimmed(lines[next].text).empty()) ++next;
    if (next == lines.size()) return table;
    for (std::string_view name : splitCells(lines[next].text)) table.columns.push_back(canonicalMetricName(name));
    ++next;

    for (; next < lines.size(); ++next) {
        const Line& line = lines[next];
        if (trimmed(line.text).empty()) continue;
        const bool unfinished = next + 1 == lines.size() && !line.terminated;
        const std::vector<std::string_view> cells = splitCells(line.text);
        if (cells.size() != table.columns.size()) {
            if (unfinished) break;
            throw RunFileError(path, line.number,
                               "expected " + std::to_string(table.columns.size()) + " cells, got " +
                                   std::to_string(cells.size()));
        }
        std::vector<double> row;
        row.reserve(cells.size());
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const std::optional<double> value = parseCell(cells[i]);
            if (!value) {
                if (unfinished) return table;
                throw RunFileError(path, line.number,
                                   "column '" + table.columns[i] + "': not a number: '" + std::string(cells[i]) + "'");
            }
            row.push_back(*value);
        }
        table.rows.push_back(std::move(row));
    }
    return table;
}

}  // namespace megatoken
