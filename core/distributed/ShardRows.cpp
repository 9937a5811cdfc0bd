#include "core/distributed/ShardRows.h"

#include <stdexcept>
#include <string>

namespace megatoken {

RowRange shardRows(std::size_t rows, int worldSize, int rank)
{
    if (worldSize < 1 || rank < 0 || rank >= worldSize)
        throw std::invalid_argument("shardRows: rank " + std::to_string(rank) + " of world size " +
                                    std::to_string(worldSize));
    const auto w = static_cast<std::size_t>(worldSize), r = static_cast<std::size_t>(rank);
    return {rows * r / w, rows * (r + 1) / w};
}

}  // namespace megatoken
