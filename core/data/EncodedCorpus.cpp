#include "core/data/EncodedCorpus.h"

#include <stdexcept>

#include "core/feedback/Feedback.h"
#include "core/tokenizer/Tokenizer.h"

namespace megatoken {

std::vector<std::size_t> EncodedCorpus::lengths() const
{
    std::vector<std::size_t> result;
    result.reserve(sequences.size());
    for (const auto& s : sequences) result.push_back(s.size());
    return result;
}

std::uint64_t EncodedCorpus::tokenCount() const
{
    std::uint64_t total = 0;
    for (const auto& s : sequences) total += s.size();
    return total;
}

EncodedCorpus encodeTexts(const Tokenizer& tokenizer, const std::vector<std::string>& texts,
                          const EncodeOptions& options, Feedback* feedback)
{
    if (options.maxTokens < 2)
        throw std::invalid_argument("encoding: max tokens must be at least 2 (one piece and EOS)");
    if (tokenizer.eosId() < 0) throw std::invalid_argument(tokenizer.modelPath() + ": the tokenizer has no EOS piece");
    EncodedCorpus corpus;
    corpus.sequences.reserve(texts.size());
    corpus.texts.reserve(texts.size());
    constexpr std::size_t kCheckEvery = 256;  // a few milliseconds of encoding
    for (std::size_t i = 0; i < texts.size(); ++i) {
        if (feedback && i % kCheckEvery == 0) {
            feedback->throwIfCancelled();
            feedback->setProgress(static_cast<double>(i) / static_cast<double>(texts.size()));
        }
        const std::string& text = texts[i];
        auto ids = tokenizer.encode(text);
        if (ids.size() + 1 > options.maxTokens) {
            ids.resize(options.maxTokens - 1);
            ++corpus.truncated;
        }
        if (ids.size() + 1 < options.minTokens) {
            ++corpus.skippedShort;
            continue;
        }
        std::vector<std::int32_t> sequence(ids.begin(), ids.end());
        sequence.push_back(tokenizer.eosId());
        corpus.sequences.push_back(std::move(sequence));
        corpus.texts.push_back(text);
    }
    if (feedback) feedback->setProgress(1.0);
    return corpus;
}

}  // namespace megatoken
