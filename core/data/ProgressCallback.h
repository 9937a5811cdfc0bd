#pragma once

#include <cstdint>
#include <functional>

namespace megatoken {

// Reports reading progress; called about once per MiB read and once at the end.
// totalBytes is 0 when the size is unknown (a pipe).
using ProgressCallback = std::function<void(std::uint64_t bytesRead, std::uint64_t totalBytes)>;

} // namespace megatoken
