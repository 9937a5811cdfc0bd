#pragma once
// Made-up sentences for tests that need a corpus of a chosen size: deterministic (a fixed seed),
// with enough variety of words that sentencepiece has something to learn, and no tabs, quotes or
// newlines, so they can be written as txt, CSV, TSV or JSONL rows as they are.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace megatoken::test {

// count sentences of 4 to 15 words; words are 1 to 4 syllables from a fixed table.
std::vector<std::string> generatedSentences(std::size_t count, std::uint64_t seed = 1);

}  // namespace megatoken::test
