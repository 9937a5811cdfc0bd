#include "core/runs/SweepTable.h"
#include "core/stats/SampleSummary.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
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

double SweepRow::spread(std::string_view metric) const
{
    const auto found = sd.find(metric);
    return found == sd.end() ? std::numeric_limits<double>::quiet_NaN() : found->second;
}

const std::vector<std::string>& sweepColumns()
{
    static const std::vector<std::string> columns = [] {
        std::vector<std::string> all{kSweepMethodColumn, kSweepRunColumn};
        for (const std::string& column : metricColumns(MetricRecord::Sweep, 0)) all.push_back(column);
        return all;
    }();
    return columns;
}

const std::vector<std::string>& sweepSpreadMetrics()
{
    static const std::vector<std::string> metrics = [] {
        // What identifies a configuration rather than measures it: the same for every seed.
        const std::vector<std::string_view> fixed{metric_name::kStep, metric_name::kTargetKeep, metric_name::kTexts};
        std::vector<std::string> names;
        for (const MetricDefinition& metric : metricSchema())
            if (metric.sweep.stored() && std::find(fixed.begin(), fixed.end(), metric.name) == fixed.end())
                names.push_back(metric.name);
        return names;
    }();
    return metrics;
}

const std::vector<std::string>& sweepSeedColumns()
{
    static const std::vector<std::string> columns = [] {
        std::vector<std::string> all{kSweepSeedsColumn};
        for (const std::string& metric : sweepSpreadMetrics()) all.push_back(metric + kSweepSdSuffix);
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
    const bool hasSeed = index.count(kSweepSeedColumn) > 0;
    const bool hasSeeds = index.count(kSweepSeedsColumn) > 0;

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
        // A seed index (>= 0) or a seed count (>= 1): a whole number.
        const auto count = [&](const char* column, int least) {
            const double value = number(path, lineNumber, column, cell(column));
            if (!(value >= least && value <= 1e6) || value != std::floor(value))
                throw RunFileError(path, lineNumber,
                                   std::string("column '") + column + "': expected a whole number >= " +
                                       std::to_string(least) + ", got '" + cell(column) + "'");
            return static_cast<int>(value);
        };
        SweepRow row;
        row.method = cell(kSweepMethodColumn);
        if (row.method.empty()) throw RunFileError(path, lineNumber, "column 'method' is empty");
        row.run = cell(kSweepRunColumn);
        for (const MetricDefinition& metric : metricSchema())
            if (metric.sweep.stored())  // an error names the column as the file does
                metric.sweep.set(row, 0, number(path, lineNumber, header[index.at(metric.name)], cell(metric.name)));
        if (hasSeed) row.seed = count(kSweepSeedColumn, 0);
        if (hasSeeds) row.seeds = count(kSweepSeedsColumn, 1);
        for (const std::string& metric : sweepSpreadMetrics()) {
            const std::string column = metric + kSweepSdSuffix;
            if (index.count(column)) {
                const double value = number(path, lineNumber, column, cell(column));
                if (std::isfinite(value)) row.sd[metric] = value;
            }
        }
        rows.push_back(std::move(row));
    }
    if (file.bad()) throw RunFileError(path, "read error");
    return rows;
}

namespace {

enum class TableKind { Configurations, Runs };

void writeTable(const std::string& path, const std::vector<SweepRow>& rows, TableKind kind)
{
    const bool withSeeds = kind == TableKind::Configurations &&
                           std::any_of(rows.begin(), rows.end(), [](const SweepRow& r) { return r.seeds > 1; });
    std::ostringstream out;
    out << kSweepMethodColumn << ',' << kSweepRunColumn;
    if (kind == TableKind::Runs) out << ',' << kSweepSeedColumn;
    for (const std::string& column : metricColumns(MetricRecord::Sweep, 0)) out << ',' << column;
    if (withSeeds)
        for (const std::string& column : sweepSeedColumns()) out << ',' << column;
    out << '\n';
    for (const auto& r : rows) {
        out << cleanName(r.method) << ',' << cleanName(r.run);
        if (kind == TableKind::Runs) out << ',' << r.seed;
        for (const MetricValue& value : metricValues(r))
            if (value.stored) out << ',' << value.metric->cell(value.value, kSignificantDigits);
        if (withSeeds) {
            out << ',' << r.seeds;
            for (const std::string& metric : sweepSpreadMetrics())
                out << ',' << metricDefinition(metric).cell(r.spread(metric), kSignificantDigits);
        }
        out << '\n';
    }
    try {
        writeFileAtomically(path, out.str());
    } catch (const FileWriteError& e) {
        throw RunFileError(e.file(), e.problem());
    }
}

}  // namespace

void writeSweepTable(const std::string& path, const std::vector<SweepRow>& rows)
{
    writeTable(path, rows, TableKind::Configurations);
}

void writeSweepRunsTable(const std::string& path, const std::vector<SweepRow>& rows)
{
    writeTable(path, rows, TableKind::Runs);
}

std::vector<SweepRow> aggregateSeeds(const std::vector<SweepRow>& runs)
{
    // The configurations in order of first appearance, each with its rows.
    std::vector<std::vector<const SweepRow*>> groups;
    for (const SweepRow& run : runs) {
        auto group = std::find_if(groups.begin(), groups.end(), [&](const auto& g) {
            return g.front()->method == run.method && g.front()->targetKeep == run.targetKeep;
        });
        if (group == groups.end())
            groups.push_back({&run});
        else
            group->push_back(&run);
    }
    std::vector<SweepRow> rows;
    for (const auto& group : groups) {
        const SweepRow& first = **std::min_element(
            group.begin(), group.end(), [](const SweepRow* a, const SweepRow* b) { return a->seed < b->seed; });
        SweepRow row;
        row.method = first.method;
        row.run = first.run;
        row.seeds = static_cast<int>(group.size());
        std::vector<double> values;
        for (const MetricDefinition& metric : metricSchema()) {
            if (!metric.sweep.stored()) continue;
            values.clear();
            for (const SweepRow* run : group) values.push_back(metric.sweep.get(*run, 0));
            const SampleSummary summary = summarize(values);
            metric.sweep.set(row, 0, summary.mean);
            if (group.size() < 2 || std::find(sweepSpreadMetrics().begin(), sweepSpreadMetrics().end(), metric.name) ==
                                        sweepSpreadMetrics().end())
                continue;
            row.sd[metric.name] = summary.sd;
        }
        // Counts are the same for every seed; a mean of whole numbers stays whole.
        row.steps = first.steps;
        row.texts = first.texts;
        row.targetKeep = first.targetKeep;
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string sweepMarkdown(const std::vector<SweepRow>& rows)
{
    const bool withSeeds = std::any_of(rows.begin(), rows.end(), [](const SweepRow& r) { return r.seeds > 1; });
    std::ostringstream out;
    std::vector<const MetricDefinition*> shown;
    for (const MetricDefinition& metric : metricSchema())
        if (metric.sweep) shown.push_back(&metric);
    out << "| " << kSweepMethodColumn << " | " << kSweepRunColumn;
    if (withSeeds) out << " | " << kSweepSeedsColumn;
    for (const MetricDefinition* metric : shown) out << " | " << metric->shortLabel;
    out << " |\n|---|---";
    if (withSeeds) out << "|---";
    for (std::size_t i = 0; i < shown.size(); ++i) out << "|---";
    out << "|\n";
    for (const auto& r : rows) {
        out << "| " << r.method << " | " << r.run;
        if (withSeeds) out << " | " << r.seeds;
        for (const MetricValue& value : metricValues(r)) {
            out << " | " << value.metric->display(value.value);
            const double sd = r.spread(value.metric->name);
            if (r.seeds > 1 && !std::isnan(sd)) out << " ± " << value.metric->display(sd);
        }
        out << " |\n";
    }
    if (withSeeds)
        out << "\nMean ± SD over the seeds of each row (sample SD, n - 1; seed s trained with optim.seed = base + s, "
               "one row per run in "
            << kSweepRunsTableFile << "); the speed-up is the ratio of the mean throughputs.\n";
    return out.str();
}

}  // namespace megatoken
