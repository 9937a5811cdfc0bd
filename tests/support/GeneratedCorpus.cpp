#include "support/GeneratedCorpus.h"

#include <array>

namespace megatoken::test {

std::vector<std::string> generatedSentences(std::size_t count, std::uint64_t seed)
{
    static constexpr std::array<const char*, 32> kSyllables = {
        "ka", "lo", "ne", "ri", "su", "ta", "mi", "do", "ve", "pa", "zu", "or", "en", "il", "ba", "co",
        "fy", "gu", "ho", "ja", "ke", "lu", "mo", "ny", "pe", "qu", "ra", "se", "ti", "ul", "wi", "xe"};
    std::uint64_t state = seed * 0x9E3779B97F4A7C15ull + 1;
    const auto next = [&state](std::uint64_t range) {  // xorshift64*: fixed forever, unlike std::
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return (state * 0x2545F4914F6CDD1Dull >> 33) % range;
    };
    std::vector<std::string> sentences;
    sentences.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        std::string sentence;
        const auto words = 4 + next(12);
        for (std::uint64_t w = 0; w < words; ++w) {
            if (w) sentence += ' ';
            // Zipf-like: a few short words are common, long ones rare.
            const auto syllables = 1 + next(next(4) + 1);
            for (std::uint64_t s = 0; s < syllables; ++s) sentence += kSyllables[next(next(32) + 1)];
        }
        sentences.push_back(std::move(sentence));
    }
    return sentences;
}

}  // namespace megatoken::test
