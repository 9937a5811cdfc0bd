#include "core/data/DataError.h"

namespace megatoken {

namespace {

std::string formatMessage(const std::string& file, std::uint64_t line, const std::string& problem)
{
    std::string message = file.empty() ? std::string("<unnamed input>") : file;
    if (line > 0) message += ':' + std::to_string(line);
    message += ": ";
    message += problem;
    return message;
}

}  // namespace

DataError::DataError(std::string file, std::uint64_t line, std::string problem)
    : std::runtime_error(formatMessage(file, line, problem)),
      file_(std::move(file)),
      line_(line),
      problem_(std::move(problem))
{
}

DataError::DataError(std::string file, std::string problem) : DataError(std::move(file), 0, std::move(problem)) {}

}  // namespace megatoken
