#pragma once
// Times in run files, written as ISO 8601 in UTC ("2026-11-23T02:40:00Z") so that they sort as
// text and read the same on every machine.

#include <ctime>
#include <filesystem>
#include <string>

namespace megatoken {

std::string utcTimestamp(std::time_t time);

std::string currentUtcTimestamp();

// A file's modification time; "" when the time cannot be read.
std::string utcTimestamp(std::filesystem::file_time_type time);

}  // namespace megatoken
