#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace megatoken {

// A problem with an input file. what() always names the file, the line when known and the
// problem, e.g. "/data/reviews.csv:1234: unterminated quoted field (opened at line 1200)", so a
// researcher can open the file at the right place without a debugger.
class DataError : public std::runtime_error {
public:
    DataError(std::string file, std::uint64_t line, std::string problem);
    DataError(std::string file, std::string problem);

    const std::string& file() const noexcept { return file_; }
    // 1-based line number, 0 when the problem is not tied to a line.
    std::uint64_t line() const noexcept { return line_; }
    // The message without the "file:line: " prefix.
    const std::string& problem() const noexcept { return problem_; }

private:
    std::string file_;
    std::uint64_t line_;
    std::string problem_;
};

}  // namespace megatoken
