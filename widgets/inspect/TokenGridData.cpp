#include "widgets/inspect/TokenGridData.h"

#include <algorithm>

namespace megatoken {

int keptCount(const TokenGridRow& row)
{
    return static_cast<int>(
        std::count_if(row.cells.cbegin(), row.cells.cend(), [](const TokenGridCell& cell) { return !cell.dropped; }));
}

double keepRatio(const TokenGridRow& row)
{
    if (row.cells.isEmpty()) return 0;
    return static_cast<double>(keptCount(row)) / static_cast<double>(row.cells.size());
}

}  // namespace megatoken
