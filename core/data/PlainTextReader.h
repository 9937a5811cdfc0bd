#pragma once

#include "core/data/FileTextReader.h"
#include "core/data/LineScanner.h"

namespace megatoken {

// One text per line; blank lines are separators, not records.
class PlainTextReader final : public FileTextReader {
public:
    explicit PlainTextReader(const CorpusSpec& spec, Feedback* feedback = nullptr,
                             std::size_t chunkBytes = ChunkedInput::kDefaultChunkBytes);

private:
    bool nextRecord(std::string& text, std::uint64_t& line) override;

    LineScanner lines_;
};

}  // namespace megatoken
