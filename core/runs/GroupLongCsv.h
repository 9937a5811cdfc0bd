#pragma once
// Run groups' statistics in the long CSV shape (core/runs/LongCsv.h): one line per group, step
// and metric, for pandas, R and spreadsheets to plot with their own bands:
//   group,runs,step,metric,n,mean,sd,min,max,band,band_low,band_high
//   "gates.merge=left",3,100,train/loss,3,2.1,0.1,2,2.2,ci95,1.851,2.349

#include <ostream>
#include <string>
#include <vector>

#include "core/stats/SampleSummary.h"

namespace megatoken {

// runDirs grouped as groupRuns() groups their config.json files (core/runs/RunGroups.h; groupBy
// keys left out, optim.seed by default). For each group, in order of its first member, every
// metric of metrics.csv then eval.csv (train/..., validation/...) at every step where at least
// one member has a value (groupCurve(): NaN is a gap): runs = the group's size, n = members with
// a value there, mean, sample SD (NaN for n < 2), min, max, and the band of the kind asked for
// (its name in the band column). Numbers as LongCsv writes them, NaN as "NaN"; a label holding a
// comma or quote is quoted. Throws RunFileError naming a metrics file or config.json that cannot
// be read, and std::invalid_argument for a groupBy key the key table does not have.
void writeGroupLongCsv(std::ostream& out, const std::vector<std::string>& runDirs,
                       const std::vector<std::string>& groupBy, BandKind band);

// writeGroupLongCsv() into path atomically. Throws RunFileError naming the file.
void writeGroupLongCsvFile(const std::string& path, const std::vector<std::string>& runDirs,
                           const std::vector<std::string>& groupBy, BandKind band);

}  // namespace megatoken
