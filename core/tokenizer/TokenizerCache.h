#pragma once
// Trained tokenizers are cached by what determines them (the training texts and the options), so
// a second run on the same corpus starts in seconds instead of retraining sentencepiece. The
// cache lives in megatokenCacheDirectory()/tokenizers; a cache that cannot be written is skipped.

#include <string>
#include <vector>

#include "core/tokenizer/Tokenizer.h"

namespace megatoken {

struct CachedTokenizer {
    Tokenizer tokenizer;
    bool fromCache = false;
};

// Like Tokenizer::train (writes <outPrefix>.model and .vocab), but reuses an identical earlier
// training from the cache. feedback (may be null) as for Tokenizer::train: progress 0..1 and a
// cancel that throws Cancelled promptly (hashing the texts checks it too), leaving neither the
// run's files nor the cache changed.
CachedTokenizer trainTokenizerCached(const std::vector<std::string>& texts, const std::string& outPrefix,
                                     const TokenizerTrainOptions& options, Feedback* feedback = nullptr);

// The cache key: a 64-bit FNV-1a hash of the texts and options, as 16 hex digits. Throws Cancelled
// once feedback (may be null) is cancelled.
std::string tokenizerCacheKey(const std::vector<std::string>& texts, const TokenizerTrainOptions& options,
                              Feedback* feedback = nullptr);

}  // namespace megatoken
