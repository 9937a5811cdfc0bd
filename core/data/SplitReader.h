#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/data/CorpusSpec.h"
#include "core/data/Split.h"

namespace megatoken {

class Feedback;

// The texts of one split of a corpus, in corpus order, at most maxTexts (0: all). Reads only as
// far as needed. Throws DataError naming the file on unreadable input, Cancelled once feedback
// (may be null) is cancelled; feedback sees the fraction of the input read, as in readAllTexts.
std::vector<std::string> readSplitTexts(const CorpusSpec& spec, Split split, std::int64_t maxTexts,
                                        Feedback* feedback = nullptr);

}  // namespace megatoken
