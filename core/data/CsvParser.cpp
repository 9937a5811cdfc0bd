#include "core/data/CsvParser.h"

#include "core/data/BoundedAppend.h"

namespace megatoken {

CsvParser::CsvParser(ChunkedInput& input, char delimiter, std::size_t maxRecordBytes)
    : input_(input), delimiter_(delimiter), maxRecordBytes_(maxRecordBytes)
{
}

void CsvParser::startField(Record& record)
{
    const std::size_t index = record.fieldCount++;
    currentField_ = nullptr;
    if (oversized_ || (keptField_ != kAllFields && index != keptField_)) return;
    if (record.fields.size() <= index) record.fields.resize(index + 1);
    currentField_ = &record.fields[index];
    currentField_->clear();
}

void CsvParser::append(Record& record, const char* data, std::size_t size)
{
    if (size == 0) return;
    atLineStart_ = false;
    recordBytes_ += size;
    if (oversized_) return;
    if (recordBytes_ > maxRecordBytes_) {
        // Give the memory back and scan on to the end of the record without storing it.
        oversized_ = true;
        currentField_ = nullptr;
        for (std::string& field : record.fields) {
            field.clear();
            field.shrink_to_fit();
        }
        return;
    }
    if (currentField_) appendBounded(*currentField_, data, size, maxRecordBytes_);
}

void CsvParser::endLine(char terminator)
{
    ++line_;
    pendingCarriageReturn_ = terminator == '\r';
    atLineStart_ = true;
}

bool CsvParser::next(Record& record)
{
    const auto beginRecord = [&] {
        record.status = Record::Status::Complete;
        record.fieldCount = 0;
        record.quoteOpenedLine = 0;
        recordBytes_ = 0;
        oversized_ = false;
        startField(record);
        record.firstLine = line_;
    };
    beginRecord();
    State state = State::FieldStart;
    bool hasContent = false;

    for (;;) {
        if (chunk_.empty()) {
            chunk_ = input_.nextChunk();
            if (chunk_.empty()) break;
        }
        const char* const data = chunk_.data();
        const std::size_t size = chunk_.size();
        std::size_t i = 0;
        bool recordEnded = false;
        while (i < size && !recordEnded) {
            if (pendingCarriageReturn_) {
                pendingCarriageReturn_ = false;
                if (data[i] == '\n') {
                    ++i;
                    continue;
                }
            }
            const char c = data[i];
            switch (state) {
                case State::FieldStart:
                    hasContent = hasContent || (c != '\r' && c != '\n');
                    if (c == '"') {
                        state = State::Quoted;
                        record.quoteOpenedLine = line_;
                        atLineStart_ = false;
                        ++i;
                    } else if (c == delimiter_) {
                        startField(record);
                        atLineStart_ = false;
                        ++i;
                    } else if (c == '\r' || c == '\n') {
                        record.lastLine = line_;
                        endLine(c);
                        recordEnded = true;
                        ++i;
                    } else {
                        state = State::Unquoted;
                    }
                    break;
                case State::Unquoted: {
                    std::size_t end = i;
                    while (end < size && data[end] != delimiter_ && data[end] != '\r' && data[end] != '\n') ++end;
                    append(record, data + i, end - i);
                    i = end;
                    if (i == size) break;
                    if (data[i] == delimiter_) {
                        startField(record);
                        state = State::FieldStart;
                    } else {
                        record.lastLine = line_;
                        endLine(data[i]);
                        recordEnded = true;
                    }
                    ++i;
                    break;
                }
                case State::Quoted: {
                    std::size_t end = i;
                    while (end < size && data[end] != '"' && data[end] != '\r' && data[end] != '\n') ++end;
                    append(record, data + i, end - i);
                    i = end;
                    if (i == size) break;
                    if (data[i] == '"') {
                        state = State::QuoteInQuoted;
                    } else {
                        append(record, "\n", 1);
                        endLine(data[i]);
                    }
                    ++i;
                    break;
                }
                case State::QuoteInQuoted:
                    if (c == '"') {
                        append(record, "\"", 1);  // a doubled quote
                        state = State::Quoted;
                        ++i;
                    } else if (c == delimiter_) {
                        startField(record);
                        state = State::FieldStart;
                        ++i;
                    } else if (c == '\r' || c == '\n') {
                        record.lastLine = line_;
                        endLine(c);
                        recordEnded = true;
                        ++i;
                    } else {
                        state = State::Unquoted;  // text after the closing quote is kept
                    }
                    break;
            }
        }
        chunk_.remove_prefix(i);
        if (!recordEnded) continue;
        if (hasContent) {
            if (oversized_) record.status = Record::Status::Oversized;
            return true;
        }
        // A blank line separates nothing and is not a record.
        beginRecord();
        state = State::FieldStart;
    }

    // End of input.
    record.lastLine = atLineStart_ && line_ > 1 ? line_ - 1 : line_;
    if (state == State::Quoted) {
        record.status = Record::Status::UnterminatedQuote;
        return true;
    }
    if (!hasContent) return false;
    if (oversized_) record.status = Record::Status::Oversized;
    return true;
}

}  // namespace megatoken
