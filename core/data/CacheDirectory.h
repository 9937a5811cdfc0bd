#pragma once

#include <filesystem>

namespace megatoken {

// Where derived data (parsed corpora, ...) is cached: $MEGATOKEN_CACHE_DIR, else
// $XDG_CACHE_HOME/megatoken, else ~/.cache/megatoken. Empty when none can be determined.
// The directory is not created here.
std::filesystem::path megatokenCacheDirectory();

}  // namespace megatoken
