#include "core/data/CacheDirectory.h"

#include <cstdlib>

namespace megatoken {

namespace {

const char* nonEmptyEnvironment(const char* name)
{
    const char* value = std::getenv(name);
    return value && *value ? value : nullptr;
}

}  // namespace

std::filesystem::path megatokenCacheDirectory()
{
    if (const char* explicitDirectory = nonEmptyEnvironment("MEGATOKEN_CACHE_DIR")) return explicitDirectory;
    if (const char* xdgCache = nonEmptyEnvironment("XDG_CACHE_HOME"))
        return std::filesystem::path(xdgCache) / "megatoken";
    if (const char* home = nonEmptyEnvironment("HOME")) return std::filesystem::path(home) / ".cache" / "megatoken";
    return {};
}

}  // namespace megatoken
