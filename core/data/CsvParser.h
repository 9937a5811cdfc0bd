#pragma once

#include "core/data/ChunkedInput.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace megatoken {

// An incremental RFC 4180 parser over a ChunkedInput, lenient where Python's csv module is:
// a quote inside an unquoted field, or text after a closing quote, is kept literally.
// Only the current record is held in memory, and not even that once it passes maxRecordBytes.
// Line breaks inside quoted fields (LF, CRLF or CR) come out as "\n".
class CsvParser {
public:
    struct Record {
        enum class Status { Complete, Oversized, UnterminatedQuote };

        Status status = Status::Complete;
        // fields[i] holds field i when it is stored (all fields, or only the kept one).
        std::vector<std::string> fields;
        std::size_t fieldCount = 0;
        std::uint64_t firstLine = 0;        // 1-based line where the record starts
        std::uint64_t lastLine = 0;         // line where it ends
        std::uint64_t quoteOpenedLine = 0;  // for UnterminatedQuote: where the open quote is
    };

    CsvParser(ChunkedInput& input, char delimiter, std::size_t maxRecordBytes);

    // After the header: store only this field of each record, count the others.
    void keepOnlyField(std::size_t index) { keptField_ = index; }

    // Parses the next non-blank record; false at the end of the input.
    bool next(Record& record);

private:
    enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted };

    void startField(Record& record);
    void append(Record& record, const char* data, std::size_t size);
    void endLine(char terminator);

    static constexpr std::size_t kAllFields = std::numeric_limits<std::size_t>::max();

    ChunkedInput& input_;
    const char delimiter_;
    const std::size_t maxRecordBytes_;
    std::size_t keptField_ = kAllFields;

    std::string_view chunk_;
    std::uint64_t line_ = 1;
    bool pendingCarriageReturn_ = false;  // a '\r' ended a line; a following '\n' belongs to it
    bool atLineStart_ = true;

    std::string* currentField_ = nullptr;  // nullptr: the field is not stored
    std::size_t recordBytes_ = 0;
    bool oversized_ = false;
};

}  // namespace megatoken
