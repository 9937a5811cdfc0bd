#pragma once
// Whether a configuration can run: each key's range from the table in ConfigKeys.h, plus the
// rules that tie keys together.

#include <vector>

#include "core/config/ConfigError.h"
#include "core/config/ConfigIssue.h"
#include "core/config/RunConfig.h"

namespace megatoken {

// Every problem found, in table order, then the cross-key rules; empty when config is valid.
std::vector<ConfigIssue> validate(const RunConfig& config);

// Throws a ConfigError listing every issue as "key: message" when there is any.
void validateOrThrow(const RunConfig& config);

}  // namespace megatoken
