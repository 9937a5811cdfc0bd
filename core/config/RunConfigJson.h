#pragma once
// RunConfig <-> JSON, nested by group:
//   {"preset": "tiny", "data": {"batch_size": 64, ...}, "model": {...}, "gates": {"tau": 1.0, ...}, ...}
// The keys and their types come from the table in ConfigKeys.h.
//
// Every document written carries "config_version" (kConfigVersion). A document without one was
// written before version 2 and is read as such: a key it leaves out that was added later means the
// behaviour before the key existed, not today's default. Version 2 made segment merging the tiny
// default (docs/experiments.md, "First look at the gate mechanisms"), so a version-1 run file that
// has no gates.merge trained without merging and is read as gates.merge=none.

#include <string>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "core/config/RunConfig.h"

namespace megatoken {

// The version of the config documents this build writes; "config_version" in every document.
inline constexpr int kConfigVersion = 2;

// Every key of config, and "config_version".
nlohmann::json toJson(const RunConfig& config);

// base with the keys present in json applied over it, so a partial document overrides only what
// it names. Does not re-base on json's "preset" (see parseConfigText()). Throws one ConfigError
// listing every unknown key (with the closest known one) and every value of the wrong type.
// Ranges are not checked: that is validate()'s job. A document without "config_version" is
// read as version 1 (see above); a version above kConfigVersion is a ConfigError (a newer build
// wrote it). notes, when given, gets one line for every key such a version-1 document leaves out
// whose default has changed since and that therefore keeps its old meaning (gates.merge: none),
// so that a hand-written file without "config_version" does not silently train otherwise than
// the preset it names.
RunConfig fromJson(const nlohmann::json& json, const RunConfig& base, std::vector<std::string>* notes = nullptr);

// toJson() as the text of a config file: in table order (preset, data, tokenizer, model, gates,
// loss, optim, run), indented, one key per line, newline-terminated.
std::string configJsonText(const RunConfig& config);

// A config file's text: the preset it names (tiny when none) with its keys applied over it.
// // and /* */ comments are allowed. Every ConfigError message starts with source (a file name,
// or e.g. "checkpoint config"), and a syntax error gives nlohmann's line and column.
// notes: as for fromJson(), each line starting with source.
RunConfig parseConfigText(const std::string& text, const std::string& source,
                          std::vector<std::string>* notes = nullptr);

// parseConfigText() of the file; a missing, unreadable or unparsable file is a ConfigError
// naming it. notes: as for parseConfigText().
RunConfig loadConfigFile(const std::string& path, std::vector<std::string>* notes = nullptr);

// Writes configJsonText() to path atomically: a temporary file in the same directory is renamed
// over it, so a crash never leaves a half-written config behind. Throws ConfigError naming path.
void saveConfigFile(const RunConfig& config, const std::string& path);

}  // namespace megatoken
