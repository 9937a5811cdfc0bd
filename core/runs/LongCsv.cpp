#include "core/runs/LongCsv.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/io/AtomicFile.h"
#include "core/io/CsvCell.h"
#include "core/io/NumberFormat.h"
#include "core/runs/MetricSchema.h"
#include "core/runs/MetricsTable.h"
#include "core/runs/RunFileError.h"
#include "core/runs/RunSummary.h"

namespace megatoken {

namespace {

namespace fs = std::filesystem;

void writeTable(std::ostream& out, const std::string& run, const fs::path& runDir, MetricRecord record)
{
    const fs::path file = runDir / metricRecordFile(record);
    const std::string prefix(metricRecordPrefix(record));
    std::error_code error;
    if (!fs::exists(file, error)) return;
    const MetricsTable table = readMetricsTable(file.string());
    const int stepColumn = table.column(metric_name::kStep);
    std::vector<std::string> metrics;
    for (const std::string& column : table.columns) metrics.push_back(csvCell(prefix + column));
    for (const std::vector<double>& row : table.rows) {
        const std::string step = stepColumn >= 0 ? longCsvNumber(row[static_cast<std::size_t>(stepColumn)]) : "";
        for (std::size_t i = 0; i < row.size(); ++i)
            if (static_cast<int>(i) != stepColumn)
                out << run << ',' << step << ',' << metrics[i] << ',' << longCsvNumber(row[i]) << '\n';
    }
}

}  // namespace

std::string longCsvNumber(double value)
{
    if (std::isnan(value)) return "NaN";
    return numberText(value);
}

void writeLongCsv(std::ostream& out, const std::vector<std::string>& runDirs)
{
    out << "run,step,metric,value\n";
    for (const std::string& runDir : runDirs) {
        const std::string run = csvCell(runDirectoryName(runDir));
        writeTable(out, run, fs::path(runDir), MetricRecord::Step);
        writeTable(out, run, fs::path(runDir), MetricRecord::Eval);
    }
}

void writeLongCsvFile(const std::string& path, const std::vector<std::string>& runDirs)
{
    try {
        writeFileAtomically(path, [&](std::ostream& out) { writeLongCsv(out, runDirs); });
    } catch (const FileWriteError& e) {
        throw RunFileError(e.file(), e.problem());
    }
}

}  // namespace megatoken
