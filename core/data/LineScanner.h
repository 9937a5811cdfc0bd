#pragma once

#include "core/data/ChunkedInput.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace megatoken {

// Splits a ChunkedInput into lines ending in "\n" or "\r\n". A line longer than maxLineBytes is
// scanned to its end without being stored, so one giant line cannot exhaust memory.
class LineScanner {
public:
    enum class Result { Line, Oversized, End };

    LineScanner(ChunkedInput& input, std::size_t maxLineBytes);

    // Line: line holds the text without its terminator. Oversized: line is empty.
    Result next(std::string& line);

    // 1-based number of the line last returned.
    std::uint64_t lineNumber() const { return lineNumber_; }

private:
    ChunkedInput& input_;
    std::size_t maxLineBytes_;
    std::string_view chunk_;
    std::uint64_t lineNumber_ = 0;
};

}  // namespace megatoken
