#include "core/tokenizer/TokenizerCache.h"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <system_error>

#include "core/data/CacheDirectory.h"

namespace fs = std::filesystem;

namespace megatoken {
namespace {

struct Fnv1a {
    std::uint64_t hash = 14695981039346656037ull;
    void add(const void* data, std::size_t size) {
        const auto* bytes = static_cast<const unsigned char*>(data);
        for (std::size_t i = 0; i < size; ++i) hash = (hash ^ bytes[i]) * 1099511628211ull;
    }
    void add(const std::string& text) {
        add(text.data(), text.size());
        const char separator = '\n';  // so {"ab","c"} and {"a","bc"} differ
        add(&separator, 1);
    }
};

// Copies from -> to through a temporary name, so a reader never sees half a file.
bool copyAtomically(const fs::path& from, const fs::path& to) {
    std::error_code error;
    const fs::path temporary = to.string() + ".tmp";
    fs::copy_file(from, temporary, fs::copy_options::overwrite_existing, error);
    if (!error) fs::rename(temporary, to, error);
    if (error) fs::remove(temporary, error);
    return !error;
}

}  // namespace

std::string tokenizerCacheKey(const std::vector<std::string>& texts, const TokenizerTrainOptions& options) {
    Fnv1a fnv;
    for (const auto& text : texts) fnv.add(text);
    fnv.add("v" + std::to_string(options.vocabSize) + " c" + std::to_string(options.characterCoverage) + " " +
            options.modelType + " m" + std::to_string(options.maxSentences) + " b" +
            std::to_string(options.byteFallback ? 1 : 0));
    char key[17];
    std::snprintf(key, sizeof key, "%016llx", static_cast<unsigned long long>(fnv.hash));
    return key;
}

CachedTokenizer trainTokenizerCached(const std::vector<std::string>& texts, const std::string& outPrefix,
                                     const TokenizerTrainOptions& options) {
    const fs::path cacheRoot = megatokenCacheDirectory();
    const fs::path cached = cacheRoot.empty() ? fs::path() : cacheRoot / "tokenizers" / (tokenizerCacheKey(texts, options) + ".model");
    std::error_code error;
    if (!cached.empty() && fs::exists(cached, error)) {
        try {
            Tokenizer tokenizer = Tokenizer::load(cached.string());  // validates before we copy
            if (copyAtomically(cached, outPrefix + ".model")) return {std::move(tokenizer), true};
        } catch (const TokenizerError&) {
            fs::remove(cached, error);  // a corrupt cache entry: train afresh
        }
    }
    Tokenizer tokenizer = Tokenizer::train(texts, outPrefix, options);
    if (!cached.empty()) {
        fs::create_directories(cached.parent_path(), error);
        if (!error) copyAtomically(outPrefix + ".model", cached);
    }
    return {std::move(tokenizer), false};
}

}  // namespace megatoken
