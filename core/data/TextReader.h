#pragma once

#include "core/data/CorpusSpec.h"
#include "core/data/ProgressCallback.h"
#include "core/data/ReadStats.h"

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace megatoken {

// A stream of texts from a corpus, one at a time, so that corpora of any size can be read.
class TextReader {
public:
    virtual ~TextReader() = default;

    // Stores the next text (trimmed, valid UTF-8, lowercased if asked) and returns true, or
    // returns false at the end. Throws DataError when the input is unusable: too many
    // malformed records, a read error, or no text at all by the end.
    virtual bool next(std::string& text) = 0;

    virtual const ReadStats& stats() const = 0;
};

// Opens the corpus described by spec. Throws DataError for a missing, unreadable or empty file,
// a CSV with only a header, an unknown column, or a missing WordNet installation.
std::unique_ptr<TextReader> openTextReader(const CorpusSpec& spec, ProgressCallback onProgress = {});

// All texts of a (small) corpus; maxTexts > 0 stops after that many.
std::vector<std::string> readAllTexts(const CorpusSpec& spec, ReadStats* stats = nullptr,
                                      ProgressCallback onProgress = {}, std::size_t maxTexts = 0);

} // namespace megatoken
