#pragma once
// Texts as token ids, ready for batching: truncated to a maximum length with EOS appended.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace megatoken {

class Feedback;
class Tokenizer;

struct EncodeOptions {
    std::size_t maxTokens = 64;  // EOS included; longer texts keep their first maxTokens - 1 pieces
    std::size_t minTokens = 2;   // EOS included; shorter texts are skipped
};

struct EncodedCorpus {
    std::vector<std::vector<std::int32_t>> sequences;  // each ends with EOS
    std::vector<std::string> texts;                    // the source text of each sequence
    std::uint64_t truncated = 0;
    std::uint64_t skippedShort = 0;

    std::size_t size() const { return sequences.size(); }
    std::vector<std::size_t> lengths() const;
    std::uint64_t tokenCount() const;
};

// Throws std::invalid_argument for unusable options, TokenizerError when a text cannot be
// encoded, and Cancelled once feedback (may be null) is cancelled, checked every 256 texts;
// feedback sees the fraction of the texts encoded.
EncodedCorpus encodeTexts(const Tokenizer& tokenizer, const std::vector<std::string>& texts,
                          const EncodeOptions& options, Feedback* feedback = nullptr);

}  // namespace megatoken
