#pragma once
// Which settings differ between runs: the keys of the config key table (ConfigKeys.h) whose values
// are not all equal across two or more configurations, as `megatoken config diff` prints them and
// the run table's comparison shows them. Torch-free.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/config/RunConfig.h"

namespace megatoken {

// One key and its value in each configuration compared, in the order they were given; a value is
// JSON of the key's type (ConfigKey::get: int64, double, bool, string, or the enum value's name).
struct ConfigDifference {
    std::string key;  // dotted name, "gates.tau"
    std::vector<nlohmann::json> values;
};

// The keys, in configKeys() order, whose values are not all equal across configs (every key when
// includeEqual). Values compare as JSON, so 0.5 and 0.50 are one value and 1 (int) is not 1.0 of
// a double key (each key has one type). Throws std::invalid_argument for fewer than two configs.
std::vector<ConfigDifference> diffConfigs(const std::vector<RunConfig>& configs, bool includeEqual = false);

// A value as a table shows it: strings without quotes (an empty one as ""), numbers as JSON
// writes them (shortest round-trip, '.' whatever the locale), true/false.
std::string configValueText(const nlohmann::json& value);

// A text table: a "key" column, then one column per label, padded to the widest cell; one line per
// difference, newline-terminated. labels.size() must equal each difference's values.size()
// (std::invalid_argument otherwise). No differences: a line saying so.
std::string configDiffText(const std::vector<std::string>& labels, const std::vector<ConfigDifference>& differences);

}  // namespace megatoken
