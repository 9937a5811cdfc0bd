#include "core/data/ReleaseGradually.h"

#include <cstdlib>

namespace megatoken {

void tidyAllocator()
{
#ifdef __GLIBC__
    // A request above the small-bin range (1 KiB) and below the mmap threshold (128 KiB) is served
    // from the arena, and glibc consolidates the arena's fast bins first.
    constexpr std::size_t kLarge = std::size_t{64} << 10;
    void* block = std::malloc(kLarge);
    // Touching it keeps the allocation from being optimized away.
    if (block) static_cast<volatile char*>(block)[0] = 0;
    std::free(block);
#endif
}

}  // namespace megatoken
