#pragma once

#include "core/data/ChunkedInput.h"
#include "core/data/LineScanner.h"
#include "core/data/TextReader.h"

#include <cstdint>
#include <string>

namespace megatoken {

// The policy shared by the file formats: trimming, UTF-8 repair, lowercasing, the minChars
// filter, counting, warnings and the malformed-record budget. A format only finds records.
class FileTextReader : public TextReader {
public:
    bool next(std::string& text) final;
    const ReadStats& stats() const final { return stats_; }

protected:
    FileTextReader(const CorpusSpec& spec, Feedback* feedback, std::size_t chunkBytes);

    // Stores the raw text of the next record and its 1-based line, or returns false at the
    // end. Skipped records are reported through the calls below and not returned.
    virtual bool nextRecord(std::string& text, std::uint64_t& line) = 0;

    // For line formats (plain text, JSONL): the next line that is not blank, counted as a record,
    // with its 1-based number; oversized lines are counted and skipped. False at the end.
    bool nextLine(LineScanner& lines, std::string& text, std::uint64_t& line);

    void countRecord(std::uint64_t line);
    void skipMalformed(std::uint64_t line, const std::string& problem);
    void skipOversized(std::uint64_t line);
    // Replaces invalid UTF-8 in place, counting and warning once per record.
    void repairUtf8(std::string& text, std::uint64_t line);
    void warn(std::uint64_t line, const std::string& problem);

    const CorpusSpec spec_;
    ChunkedInput input_;

private:
    bool accept(std::string& text, std::uint64_t line);
    void enforceMalformedBudget(std::uint64_t line);

    ReadStats stats_;
    bool finished_ = false;
};

}  // namespace megatoken
