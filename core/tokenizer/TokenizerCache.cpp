#include "core/tokenizer/TokenizerCache.h"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <system_error>

#include "core/data/CacheDirectory.h"
#include "core/feedback/Feedback.h"
#include "core/io/AtomicFile.h"

namespace fs = std::filesystem;

namespace megatoken {
namespace {

struct Fnv1a {
    std::uint64_t hash = 14695981039346656037ull;
    void add(const void* data, std::size_t size)
    {
        const auto* bytes = static_cast<const unsigned char*>(data);
        for (std::size_t i = 0; i < size; ++i) hash = (hash ^ bytes[i]) * 1099511628211ull;
    }
    void add(const std::string& text)
    {
        add(text.data(), text.size());
        const char separator = '\n';  // so {"ab","c"} and {"a","bc"} differ
        add(&separator, 1);
    }
};

}  // namespace

std::string tokenizerCacheKey(const std::vector<std::string>& texts, const TokenizerTrainOptions& options,
                              Feedback* feedback)
{
    Fnv1a fnv;
    constexpr std::size_t kCheckEvery = 4096;  // well under a millisecond of hashing
    for (std::size_t i = 0; i < texts.size(); ++i) {
        if (feedback && i % kCheckEvery == 0) feedback->throwIfCancelled();
        fnv.add(texts[i]);
    }
    fnv.add("v" + std::to_string(options.vocabSize) + " c" + std::to_string(options.characterCoverage) + " " +
            options.modelType + " m" + std::to_string(options.maxSentences) + " b" +
            std::to_string(options.byteFallback ? 1 : 0));
    char key[17];
    std::snprintf(key, sizeof key, "%016llx", static_cast<unsigned long long>(fnv.hash));
    return key;
}

CachedTokenizer trainTokenizerCached(const std::vector<std::string>& texts, const std::string& outPrefix,
                                     const TokenizerTrainOptions& options, Feedback* feedback)
{
    const fs::path cacheRoot = megatokenCacheDirectory();
    const fs::path cached = cacheRoot.empty()
                                ? fs::path()
                                : cacheRoot / "tokenizers" / (tokenizerCacheKey(texts, options, feedback) + ".model");
    std::error_code error;
    if (!cached.empty() && fs::exists(cached, error)) {
        try {
            Tokenizer tokenizer = Tokenizer::load(cached.string());  // validates before we copy
            // A failed copy into the run folder is the run's problem, not the cache's: it throws
            // FileWriteError naming the run's tokenizer.model.
            copyFileAtomically(cached.string(), outPrefix + ".model");
            if (feedback) feedback->setProgress(1.0);
            return {std::move(tokenizer), true};
        } catch (const TokenizerError&) {
            fs::remove(cached, error);  // a corrupt cache entry: train afresh
        }
    }
    Tokenizer tokenizer = Tokenizer::train(texts, outPrefix, options, feedback);
    if (!cached.empty()) {
        fs::create_directories(cached.parent_path(), error);
        if (!error) {
            try {
                copyFileAtomically(outPrefix + ".model", cached.string());
            } catch (const FileWriteError&) {
                // The cache only saves time: a run trains its tokenizer again next time.
            }
        }
    }
    return {std::move(tokenizer), false};
}

}  // namespace megatoken
