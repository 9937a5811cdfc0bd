#pragma once
// Which rows of a global batch a rank trains on: contiguous, as even as they go. Rank r of W gets
// rows [floor(r * B / W), floor((r + 1) * B / W)) of a batch of B rows, so the shard sizes differ
// by at most one and a batch of fewer than W rows leaves some ranks without rows (they still take
// part in every collective, with zero weight). The batch itself, and so the data order, is the same
// whatever W (core/data/LengthBucketedBatches.h).

#include <cstddef>

namespace megatoken {

struct RowRange {
    std::size_t begin = 0, end = 0;  // [begin, end)
    std::size_t size() const { return end - begin; }
};

// worldSize >= 1 and 0 <= rank < worldSize, else std::invalid_argument.
RowRange shardRows(std::size_t rows, int worldSize, int rank);

}  // namespace megatoken
