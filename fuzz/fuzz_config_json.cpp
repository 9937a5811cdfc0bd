// Fuzzes config JSON parsing and validation (parseConfigText: `--config FILE`, a run's
// config.json). Bad input may only end in a ConfigError.
#include <cstdint>
#include <string>

#include "core/config/ConfigError.h"
#include "core/config/RunConfigJson.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        megatoken::parseConfigText(text, "fuzz.json");
    } catch (const megatoken::ConfigError&) {
    }
    return 0;
}
