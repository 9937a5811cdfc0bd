#include "core/data/TextLines.h"

#include "core/data/ChunkedInput.h"
#include "core/data/DataError.h"
#include "core/data/Utf8.h"

namespace megatoken {

std::vector<std::string> readTextLines(const std::string& path)
{
    ChunkedInput input(path);  // throws for missing, unreadable, directory, empty
    std::vector<std::string> lines;
    std::string current;
    bool pendingCr = false;  // the last chunk ended in "\r": a "\n" opening the next one joins it
    bool lineOpen = false;   // bytes (or nothing yet) after the last line end
    const auto finish = [&] {
        if (!isValidUtf8(current))
            throw DataError(path, lines.size() + 1, "not valid UTF-8 (score files must be UTF-8 text)");
        lines.push_back(std::move(current));
        current.clear();
        lineOpen = false;
    };
    for (auto chunk = input.nextChunk(); !chunk.empty(); chunk = input.nextChunk()) {
        std::size_t i = 0;
        if (pendingCr && chunk.front() == '\n') i = 1;
        pendingCr = false;
        for (; i < chunk.size(); ++i) {
            const char c = chunk[i];
            if (c == '\n') {
                finish();
            } else if (c == '\r') {
                finish();
                if (i + 1 < chunk.size()) {
                    if (chunk[i + 1] == '\n') ++i;
                } else {
                    pendingCr = true;
                }
            } else {
                current.push_back(c);
                lineOpen = true;
            }
        }
    }
    if (lineOpen) finish();
    return lines;
}

}  // namespace megatoken
