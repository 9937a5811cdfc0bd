#include "core/runs/GroupLongCsv.h"

#include <cmath>
#include <filesystem>
#include <set>

#include "core/config/ConfigError.h"
#include "core/config/RunConfigJson.h"
#include "core/io/AtomicFile.h"
#include "core/io/CsvCell.h"
#include "core/runs/GroupCurve.h"
#include "core/runs/LongCsv.h"
#include "core/runs/RunCurves.h"
#include "core/runs/RunFileError.h"
#include "core/runs/RunGroups.h"

namespace megatoken {

namespace {

namespace fs = std::filesystem;

RunConfig readRunConfig(const std::string& runDir)
{
    const std::string file = (fs::path(runDir) / "config.json").string();
    try {
        return loadConfigFile(file);
    } catch (const ConfigError& e) {
        // loadConfigFile's messages start with the file already.
        const std::string what = e.what();
        throw RunFileError(file, what.rfind(file + ": ", 0) == 0 ? what.substr(file.size() + 2) : what);
    }
}

}  // namespace

void writeGroupLongCsv(std::ostream& out, const std::vector<std::string>& runDirs,
                       const std::vector<std::string>& groupBy, BandKind band)
{
    std::vector<RunConfig> configs;
    std::vector<RunCurves> curves;
    std::vector<std::string> names;
    for (const std::string& dir : runDirs) {
        configs.push_back(readRunConfig(dir));
        curves.push_back(readRunCurves(dir));
        names.push_back(curves.back().name);
    }
    const std::string bandName(bandKindName(band));
    out << "group,runs,step,metric,n,mean,sd,min,max,band,band_low,band_high\n";
    for (const RunGroup& group : groupRuns(configs, names, groupBy)) {
        const std::string label = csvCell(group.label);
        const std::string runs = std::to_string(group.members.size());
        // Train metrics first, then validation, each in alphabetical order.
        std::vector<std::string> metrics;
        std::set<std::string> seen;
        for (const char* prefix : {"train/", "validation/"})
            for (std::size_t member : group.members)
                for (const auto& [metric, points] : curves[member].byMetric)
                    if (metric.rfind(prefix, 0) == 0 && seen.insert(metric).second) metrics.push_back(metric);
        for (const std::string& metric : metrics) {
            std::vector<std::vector<CurvePoint>> members;
            for (std::size_t member : group.members) {
                const auto found = curves[member].byMetric.find(metric);
                members.push_back(found == curves[member].byMetric.end() ? std::vector<CurvePoint>{} : found->second);
            }
            const std::string metricCell = csvCell(metric);
            for (const GroupCurvePoint& p : groupCurve(members, band))
                out << label << ',' << runs << ',' << longCsvNumber(p.step) << ',' << metricCell << ',' << p.count
                    << ',' << longCsvNumber(p.mean) << ',' << longCsvNumber(p.sd) << ',' << longCsvNumber(p.min) << ','
                    << longCsvNumber(p.max) << ',' << bandName << ',' << longCsvNumber(p.low) << ','
                    << longCsvNumber(p.high) << '\n';
        }
    }
}

void writeGroupLongCsvFile(const std::string& path, const std::vector<std::string>& runDirs,
                           const std::vector<std::string>& groupBy, BandKind band)
{
    try {
        writeFileAtomically(path, [&](std::ostream& out) { writeGroupLongCsv(out, runDirs, groupBy, band); });
    } catch (const FileWriteError& e) {
        throw RunFileError(e.file(), e.problem());
    }
}

}  // namespace megatoken
