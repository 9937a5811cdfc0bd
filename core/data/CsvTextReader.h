#pragma once

#include "core/data/CsvParser.h"
#include "core/data/FileTextReader.h"

#include <string>
#include <vector>

namespace megatoken {

// CSV or TSV (the same quoting rules with '\t'): the text is one column, chosen by header name
// or 0-based index. Rows with fewer fields than the header (or than the column needs) are
// malformed. The first data row is read ahead so that a header-only file fails at open.
class CsvTextReader final : public FileTextReader {
public:
    CsvTextReader(const CorpusSpec& spec, char delimiter, Feedback* feedback = nullptr,
                  std::size_t chunkBytes = ChunkedInput::kDefaultChunkBytes);

    // The header names (empty without a header) and the index of the text column.
    const std::vector<std::string>& header() const { return header_; }
    std::size_t columnIndex() const { return column_; }

private:
    bool nextRecord(std::string& text, std::uint64_t& line) override;
    void readHeader();
    std::size_t resolveColumn() const;
    std::string describeColumns() const;

    CsvParser parser_;
    CsvParser::Record record_;
    bool haveRecord_ = false;  // record_ holds a row read ahead and not yet returned
    std::vector<std::string> header_;
    std::size_t column_ = 0;
    std::size_t expectedFields_ = 0;
};

}  // namespace megatoken
