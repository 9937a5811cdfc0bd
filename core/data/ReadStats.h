#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace megatoken {

// What a reader saw and why it skipped what it skipped, so a researcher can judge a corpus.
struct ReadStats {
    std::uint64_t recordsSeen = 0;  // lines / rows / objects, blank lines excluded
    std::uint64_t textsYielded = 0;
    std::uint64_t skippedMalformed = 0;    // bad CSV row, bad JSON, missing or non-string field
    std::uint64_t skippedShort = 0;        // empty, or shorter than minChars after trimming
    std::uint64_t skippedOversized = 0;    // longer than maxRecordBytes
    std::uint64_t skippedDuplicates = 0;   // only the WordNet corpus deduplicates
    std::uint64_t invalidUtf8Records = 0;  // records where bad UTF-8 was replaced with U+FFFD
    std::uint64_t bytesRead = 0;
    std::uint64_t totalBytes = 0;
    // The first kMaxWarnings problems, each "file:line: problem".
    std::vector<std::string> warnings;
    static constexpr std::size_t kMaxWarnings = 10;

    void addWarning(std::string warning);
    // One line for logs, e.g. "1200 records: 1180 texts, 12 malformed, 8 short, ...".
    std::string summary() const;
};

}  // namespace megatoken
