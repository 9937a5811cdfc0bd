// Fuzzes loading a tokenizer model (Tokenizer::fromSerialized: a run's tokenizer.model, a
// checkpoint's embedded model): our checks in front of sentencepiece must turn every malformed
// model into a TokenizerError before sentencepiece parses it into a crash.
#include <cstdint>
#include <string>

#include "core/tokenizer/Tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    try {
        const auto tokenizer = megatoken::Tokenizer::fromSerialized(bytes, "fuzz.model");
        (void)tokenizer.encode("A short text, with punctuation and ünïcode.");
    } catch (const megatoken::TokenizerError&) {
    }
    return 0;
}
