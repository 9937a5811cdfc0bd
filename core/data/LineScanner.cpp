#include "core/data/LineScanner.h"

#include "core/data/BoundedAppend.h"

#include <cstring>

namespace megatoken {

LineScanner::LineScanner(ChunkedInput& input, std::size_t maxLineBytes) : input_(input), maxLineBytes_(maxLineBytes) {}

LineScanner::Result LineScanner::next(std::string& line)
{
    line.clear();
    bool oversized = false;
    bool sawAnything = false;
    for (;;) {
        if (chunk_.empty()) {
            chunk_ = input_.nextChunk();
            if (chunk_.empty()) {
                if (!sawAnything) return Result::End;
                break;  // last line without a terminator
            }
        }
        sawAnything = true;
        const void* found = std::memchr(chunk_.data(), '\n', chunk_.size());
        const std::size_t length = found ? static_cast<const char*>(found) - chunk_.data() : chunk_.size();
        if (!oversized) {
            // The +1 leaves room for the '\r' of a "\r\n" that is stripped below.
            if (line.size() + length > maxLineBytes_ + 1) {
                oversized = true;
                line.clear();
                line.shrink_to_fit();
            } else {
                appendBounded(line, chunk_.data(), length, maxLineBytes_ + 1);
            }
        }
        chunk_.remove_prefix(found ? length + 1 : length);
        if (found) break;
    }

    ++lineNumber_;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!oversized && line.size() > maxLineBytes_) oversized = true;
    if (oversized) {
        line.clear();
        return Result::Oversized;
    }
    return Result::Line;
}

}  // namespace megatoken
