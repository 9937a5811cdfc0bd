#pragma once

#include "core/data/FileTextReader.h"
#include "core/data/LineScanner.h"

#include <string>
#include <vector>

namespace megatoken {

// JSON Lines: one object per line, the text under CorpusSpec::field (a dotted path reaches
// into nested objects). Lines that are not objects or lack a string there are malformed.
class JsonlTextReader final : public FileTextReader {
public:
    explicit JsonlTextReader(const CorpusSpec& spec, Feedback* feedback = nullptr,
                             std::size_t chunkBytes = ChunkedInput::kDefaultChunkBytes);

private:
    bool nextRecord(std::string& text, std::uint64_t& line) override;
    bool extractField(const std::string& jsonLine, std::string& text, std::uint64_t line);

    LineScanner lines_;
    std::string jsonLine_;
    std::string fieldName_;
    std::vector<std::string> fieldPath_;
};

}  // namespace megatoken
