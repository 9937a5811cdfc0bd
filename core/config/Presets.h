#pragma once
// Named starting points for a run. resources/presets/<name>.json holds the same configurations
// for users to copy; tst_run_config checks that they match this code.

#include <string>
#include <vector>

#include "core/config/RunConfig.h"

namespace megatoken {

// "tiny", "small", "flan-t5-small", "authors-code".
std::vector<std::string> presetNames();

// The named preset, with RunConfig::preset set to its name. Throws ConfigError listing the
// names for an unknown one.
RunConfig preset(const std::string& name);

}  // namespace megatoken
