#pragma once
// `--set key=value` on the command line.

#include <string>
#include <vector>

#include "core/config/RunConfig.h"

namespace megatoken {

// Applies one "key=value" assignment, e.g. "gates.tau=0.5" or "gates.noise=gumbel", parsing the
// value by the key's type (ConfigValue.h). Throws ConfigError naming the key: unknown keys come
// with the closest known one. Ranges are checked later, by validate().
void applyOverride(RunConfig& config, const std::string& assignment);

// Applies every assignment in order; throws one ConfigError listing all the bad ones, so a user
// fixes a command line in one go. config is left with the good ones applied.
void applyOverrides(RunConfig& config, const std::vector<std::string>& assignments);

}  // namespace megatoken
