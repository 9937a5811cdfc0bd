#pragma once

#include "core/data/CorpusSpec.h"
#include "core/data/ReadStats.h"

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace megatoken {

class Feedback;

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
// feedback (may be null; must outlive the reader): the fraction of the input read so far, and
// cancellation: opening (the WordNet corpus is parsed here) and next() throw Cancelled once it is
// cancelled, within one chunk of input (1 MiB).
std::unique_ptr<TextReader> openTextReader(const CorpusSpec& spec, Feedback* feedback = nullptr);

// All texts of a (small) corpus; maxTexts > 0 stops after that many. feedback as above; it
// reaches 1 when the reading ends. Throws DataError, or Cancelled (nothing is returned then).
std::vector<std::string> readAllTexts(const CorpusSpec& spec, ReadStats* stats = nullptr, Feedback* feedback = nullptr,
                                      std::size_t maxTexts = 0);

}  // namespace megatoken
