#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/data/CorpusSpec.h"
#include "core/data/Split.h"

namespace megatoken {

// The texts of one split of a corpus, in corpus order, at most maxTexts (0: all). Reads only as
// far as needed. Throws DataError naming the file on unreadable input.
std::vector<std::string> readSplitTexts(const CorpusSpec& spec, Split split, std::int64_t maxTexts);

}  // namespace megatoken
