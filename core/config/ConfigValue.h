#pragma once
// Converting values between JSON, text and a config, checked against a key's type.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/config/ConfigKeys.h"
#include "core/config/RunConfig.h"

namespace megatoken {

// value in the form the key's set() expects: integers as int64 (an integral number such as 64.0
// is accepted), enum names as the table spells them (matched case-insensitively). Throws
// ConfigError naming the key and the expected type, e.g. "gates.tau: expected a number, got
// string \"0.5\"".
nlohmann::json checkConfigValue(const ConfigKey& key, const nlohmann::json& value);

// Parses text typed on a command line or into a form by the key's type: "64", "0.5", "1e-4",
// true/false/1/0/on/off/yes/no, an enum name; a string key takes the text as it is. Numbers are
// read independently of the C locale. Throws ConfigError naming the key.
nlohmann::json parseConfigValue(const ConfigKey& key, std::string_view text);

// The value as a person would type it: 0.001, true, gumbel; strings in JSON quotes, so that an
// empty one shows as "".
std::string formatConfigValue(const ConfigKey& key, const nlohmann::json& value);

// "an integer", "a number", "true or false", "a string", "one of post, code".
std::string expectedValueDescription(const ConfigKey& key);

// Get and set by dotted name, for callers that hold a name rather than a ConfigKey (the GUI).
// Both throw ConfigError for an unknown name; setConfigValue() checks the value's type.
nlohmann::json getConfigValue(const RunConfig& config, std::string_view name);
void setConfigValue(RunConfig& config, std::string_view name, const nlohmann::json& value);

}  // namespace megatoken
