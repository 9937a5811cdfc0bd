// Fuzzes the run-folder readers: metrics.csv / eval.csv (readMetricsTable), status.json
// (readRunStatus) and sweep.csv (readSweepTable), the files a run browser, `--open` and the
// sweep's resume read. The first byte picks the reader. Bad input may only end in a RunFileError.
#include <cstdint>
#include <string>

#include "core/runs/MetricsTable.h"
#include "core/runs/RunFileError.h"
#include "core/runs/RunStatus.h"
#include "core/runs/SweepTable.h"
#include "fuzz/FuzzInput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0) return 0;
    using namespace megatoken;
    try {
        switch (data[0] % 3) {
            case 0: readMetricsTable(fuzz::writeInput(data + 1, size - 1, "metrics.csv")); break;
            case 1:
                fuzz::writeInput(data + 1, size - 1, "status.json");
                readRunStatus(fuzz::scratchFolder());
                break;
            default: readSweepTable(fuzz::writeInput(data + 1, size - 1, "sweep.csv")); break;
        }
    } catch (const RunFileError&) {
    }
    return 0;
}
