#pragma once
// Several runs' metrics in one "long" CSV, one value per line, the shape pandas, R and
// spreadsheets pivot and plot directly:
//   run,step,metric,value
//   e3,1,train/loss,9.01071
//   e3,100,validation/accuracy_hard,0.291422

#include <ostream>
#include <string>
#include <vector>

namespace megatoken {

// The shortest text that reads back as exactly the value read from the run file: a step keeps
// every digit (1000000001, not 1e+09), a loss every significant digit it was written with. NaN
// (a missing cell) is "NaN", pandas' and R's reading of it. Every long CSV writes numbers so.
std::string longCsvNumber(double value);

// For each run in order (run = the directory's name): every metrics.csv row, each column but
// step as train/<column>, then every eval.csv row, each column but step as
// validation/<column>. Columns carry their metric schema names (core/runs/MetricSchema.h: the
// same as the files a current run writes), a run written with older names included. Values
// are written with %.9g, NaN as "NaN"; names holding a comma or a quote are quoted. A run
// without eval.csv (or metrics.csv) contributes what it has. Throws RunFileError naming the
// file that cannot be read.
void writeLongCsv(std::ostream& out, const std::vector<std::string>& runDirs);

// writeLongCsv() into path, atomically (a temporary file beside it is renamed over it), so a
// failed export never leaves a half-written file. Throws RunFileError naming the file.
void writeLongCsvFile(const std::string& path, const std::vector<std::string>& runDirs);

}  // namespace megatoken
