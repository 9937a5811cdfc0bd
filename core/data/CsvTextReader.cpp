#include "core/data/CsvTextReader.h"

#include "core/data/DataError.h"
#include "core/data/Utf8.h"

#include <algorithm>
#include <cstdint>

namespace megatoken {

namespace {

bool isDigits(std::string_view text)
{
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string asciiLower(std::string_view text)
{
    std::string lower(trimAsciiWhitespace(text));
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c); });
    return lower;
}

}  // namespace

CsvTextReader::CsvTextReader(const CorpusSpec& spec, char delimiter, Feedback* feedback, std::size_t chunkBytes)
    : FileTextReader(spec, feedback, chunkBytes), parser_(input_, delimiter, spec.maxRecordBytes)
{
    if (spec_.hasHeader) readHeader();
    column_ = resolveColumn();
    expectedFields_ = spec_.hasHeader ? header_.size() : column_ + 1;
    parser_.keepOnlyField(column_);

    haveRecord_ = parser_.next(record_);
    if (!haveRecord_ && spec_.hasHeader)
        throw DataError(spec_.path, "no data rows, only a header (" + describeColumns() + ")");
}

void CsvTextReader::readHeader()
{
    if (!parser_.next(record_)) throw DataError(spec_.path, "no header row: the file holds only blank lines");
    if (record_.status == CsvParser::Record::Status::UnterminatedQuote)
        throw DataError(spec_.path, record_.lastLine,
                        "unterminated quoted field in the header (opened at line " +
                            std::to_string(record_.quoteOpenedLine) + ")");
    if (record_.status == CsvParser::Record::Status::Oversized)
        throw DataError(spec_.path, record_.firstLine,
                        "header row longer than " + std::to_string(spec_.maxRecordBytes) + " bytes");
    header_.assign(record_.fields.begin(), record_.fields.begin() + record_.fieldCount);
    for (std::string& name : header_) sanitizeUtf8(name);
}

std::size_t CsvTextReader::resolveColumn() const
{
    const std::string& wanted = spec_.column;
    if (isDigits(wanted)) {
        const std::size_t index = wanted.size() > 9 ? SIZE_MAX : std::stoul(wanted);
        if (spec_.hasHeader && index >= header_.size())
            throw DataError(spec_.path, 1, "column index " + wanted + " is out of range; " + describeColumns());
        return index;
    }
    if (!spec_.hasHeader)
        throw DataError(spec_.path, "without a header row the column must be a 0-based index, not '" + wanted + "'");

    if (wanted.empty()) {
        // Default: the column named "text", or the only column there is.
        for (std::size_t i = 0; i < header_.size(); ++i)
            if (asciiLower(header_[i]) == "text") return i;
        if (header_.size() == 1) return 0;
        throw DataError(spec_.path, 1, "no column named 'text'; choose the text column; " + describeColumns());
    }
    for (std::size_t i = 0; i < header_.size(); ++i)
        if (header_[i] == wanted) return i;
    // Forgive case and stray spaces, which header rows often have.
    for (std::size_t i = 0; i < header_.size(); ++i)
        if (asciiLower(header_[i]) == asciiLower(wanted)) return i;
    throw DataError(spec_.path, 1, "unknown column '" + wanted + "'; " + describeColumns());
}

std::string CsvTextReader::describeColumns() const
{
    constexpr std::size_t kMaxListed = 20, kMaxNameBytes = 40;
    std::string text = "available columns: ";
    for (std::size_t i = 0; i < header_.size() && i < kMaxListed; ++i) {
        std::string name = header_[i].substr(0, kMaxNameBytes);
        sanitizeUtf8(name);
        text += (i ? ", " : "") + std::to_string(i) + " '" + name + (name.size() < header_[i].size() ? "...'" : "'");
    }
    if (header_.size() > kMaxListed) text += ", ... (" + std::to_string(header_.size()) + " in all)";
    return text;
}

bool CsvTextReader::nextRecord(std::string& text, std::uint64_t& line)
{
    for (;;) {
        if (!haveRecord_ && !parser_.next(record_)) return false;
        haveRecord_ = false;
        line = record_.firstLine;
        countRecord(line);
        switch (record_.status) {
            case CsvParser::Record::Status::Oversized: skipOversized(line); continue;
            case CsvParser::Record::Status::UnterminatedQuote:
                skipMalformed(record_.lastLine, "unterminated quoted field (opened at line " +
                                                    std::to_string(record_.quoteOpenedLine) + ")");
                continue;
            case CsvParser::Record::Status::Complete: break;
        }
        if (record_.fieldCount < expectedFields_) {
            skipMalformed(line, "row has " + std::to_string(record_.fieldCount) + " field(s), expected " +
                                    std::to_string(expectedFields_));
            continue;
        }
        text.swap(record_.fields[column_]);
        return true;
    }
}

}  // namespace megatoken
