#pragma once
// Freeing a corpus without stalling other threads.
//
// A corpus of a few hundred MB is millions of small heap blocks (one per text, one per token
// sequence). glibc puts freed small blocks in its "fast bins" and only merges them at the next
// large allocation in the same arena: one pass over all of them, most of a second for 7 million
// texts, paid by whichever thread allocates next in that arena. Threads share arenas, so that can
// be the GUI thread, in the middle of handling a Stop. releaseGradually frees a container in
// batches and has the allocator tidy up after each batch, so no single pause is long.
//
// Threads: call it on the thread that owns the container; it blocks that thread for as long as
// freeing takes (about 0.1 s per million texts), in pauses of a few milliseconds for the others.

#include <cstddef>
#include <vector>

namespace megatoken {

// glibc: merges this thread's arena's fast bins now (one large allocation and its release).
// Elsewhere: nothing.
void tidyAllocator();

template <typename T>
void releaseGradually(std::vector<T>& items, std::size_t batch = std::size_t{1} << 16)
{
    while (!items.empty()) {
        const std::size_t keep = items.size() > batch ? items.size() - batch : 0;
        items.erase(items.begin() + static_cast<std::ptrdiff_t>(keep), items.end());
        tidyAllocator();
    }
    std::vector<T>().swap(items);
}

}  // namespace megatoken
