#pragma once
// A TextReader over texts already in memory (a built-in corpus loaded from its cache: WordNet,
// python-docs). Each text is handed out once, moved rather than copied.

#include <string>
#include <vector>

#include "core/data/ReadStats.h"
#include "core/data/TextReader.h"

namespace megatoken {

class InMemoryTextReader final : public TextReader {
public:
    // stats: the corpus's reading statistics; textsYielded restarts at 0 and counts what this
    // reader hands out, like the file readers.
    InMemoryTextReader(ReadStats stats, std::vector<std::string> texts);

    bool next(std::string& text) override;
    const ReadStats& stats() const override { return stats_; }

private:
    ReadStats stats_;
    std::vector<std::string> texts_;
    std::size_t position_ = 0;
};

}  // namespace megatoken
