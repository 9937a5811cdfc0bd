#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace megatoken {

// A run directory file (metrics.csv, eval.csv, status.json, an export) that cannot be read or
// written. what() names the file, and the line when there is one: "runs/e3/metrics.csv:17:
// expected 16 cells, got 3", so the message alone says where to look.
class RunFileError : public std::runtime_error {
public:
    RunFileError(const std::string& file, const std::string& problem)
        : std::runtime_error(file + ": " + problem), file_(file)
    {
    }
    RunFileError(const std::string& file, std::uint64_t line, const std::string& problem)
        : std::runtime_error(file + ":" + std::to_string(line) + ": " + problem), file_(file)
    {
    }

    const std::string& file() const noexcept { return file_; }

private:
    std::string file_;
};

}  // namespace megatoken
