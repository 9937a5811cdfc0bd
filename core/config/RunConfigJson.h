#pragma once
// RunConfig <-> JSON, nested by group:
//   {"preset": "tiny", "data": {"batch_size": 64, ...}, "model": {...}, "gates": {"tau": 1.0, ...}, ...}
// The keys and their types come from the table in ConfigKeys.h.

#include <string>

#include <nlohmann/json.hpp>

#include "core/config/RunConfig.h"

namespace megatoken {

// Every key of config.
nlohmann::json toJson(const RunConfig& config);

// base with the keys present in json applied over it, so a partial document overrides only what
// it names. Does not re-base on json's "preset" (see parseConfigText()). Throws one ConfigError
// listing every unknown key (with the closest known one) and every value of the wrong type.
// Ranges are not checked: that is validate()'s job.
RunConfig fromJson(const nlohmann::json& json, const RunConfig& base);

// toJson() as the text of a config file: in table order (preset, data, tokenizer, model, gates,
// loss, optim, run), indented, one key per line, newline-terminated.
std::string configJsonText(const RunConfig& config);

// A config file's text: the preset it names (tiny when none) with its keys applied over it.
// // and /* */ comments are allowed. Every ConfigError message starts with source (a file name,
// or e.g. "checkpoint config"), and a syntax error gives nlohmann's line and column.
RunConfig parseConfigText(const std::string& text, const std::string& source);

// parseConfigText() of the file; a missing, unreadable or unparsable file is a ConfigError
// naming it.
RunConfig loadConfigFile(const std::string& path);

// Writes configJsonText() to path atomically: a temporary file in the same directory is renamed
// over it, so a crash never leaves a half-written config behind. Throws ConfigError naming path.
void saveConfigFile(const RunConfig& config, const std::string& path);

}  // namespace megatoken
