#pragma once
// Named starting points for a run. resources/presets/<name>.json holds the same configurations
// for users to copy; tst_run_config checks that they match this code.

#include <string>
#include <vector>

#include "core/config/RunConfig.h"

namespace megatoken {

// The preset name of a run made by `megatoken import-hf` (core/engine/train/HfImport.h): a valid
// value of the preset key, but no preset to train from (the run's config.json holds every key).
inline constexpr const char* kImportedPreset = "hf-import";

// "tiny", "tiny-search", "tiny-drop", "small", "flan-t5-small", "authors-code", "mrt5", "long".
std::vector<std::string> presetNames();

// The named preset, with RunConfig::preset set to its name. Throws ConfigError listing the
// names for an unknown one.
RunConfig preset(const std::string& name);

}  // namespace megatoken
