#pragma once
// A JSON number as an exact 64-bit integer. nlohmann's get<std::int64_t>() converts a float such
// as 1e122 to int64 with a plain cast, which is undefined behaviour (found by fuzz_run_files under
// UBSan), and wraps an unsigned value past INT64_MAX. Every integer the program reads from JSON
// (config.json, status.json, run summaries) goes through here.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>

namespace megatoken {

// The value as an int64 when it is one exactly: a JSON integer within int64's range, or a float
// with no fractional part within it (3.0 is 3); nullopt for anything else (1e122, 2.5, a string).
std::optional<std::int64_t> exactInt64(const nlohmann::json& value);

}  // namespace megatoken
