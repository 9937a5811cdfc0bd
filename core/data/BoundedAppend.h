#pragma once

#include <algorithm>
#include <cstddef>
#include <string>

namespace megatoken {

// Appends to a record buffer that may never exceed limit bytes (the caller checks that
// target.size() + size <= limit). Growing by plain doubling could reserve up to twice the
// limit, so growth is capped at the limit itself.
inline void appendBounded(std::string& target, const char* data, std::size_t size, std::size_t limit)
{
    const std::size_t needed = target.size() + size;
    if (needed > target.capacity())
        target.reserve(std::min(std::max(needed, 2 * target.capacity()), std::max(needed, limit)));
    target.append(data, size);
}

}  // namespace megatoken
