#pragma once

#include "core/data/ReadStats.h"
#include "core/data/TextReader.h"

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace megatoken {

class Feedback;

struct WordNetOptions {
    // Holds data.noun, data.verb, data.adj and data.adv (Debian package wordnet-base).
    std::string directory = "/usr/share/wordnet";
    bool lowercase = false;
    std::size_t minChars = 1;  // in code points
    bool useCache = true;
};

// The default corpus: the glosses and example sentences of WordNet 3.0, split on ';', unquoted
// and deduplicated in file order (noun, verb, adj, adv). Parsing takes a second or two, so the
// list is cached (see megatokenCacheDirectory()) under a name that changes with the sources.
class WordNetCorpus {
public:
    static constexpr int kCacheFormatVersion = 1;

    // Throws DataError naming the directory, or the file, when WordNet is not installed there.
    // feedback (may be null) sees the fraction of the data files' bytes parsed so far (or of the
    // cache file read); cancelling it makes load throw Cancelled within 1 MiB of input, writing
    // no cache file.
    static WordNetCorpus load(const WordNetOptions& options = {}, Feedback* feedback = nullptr);

    // Appends the texts of one line of a data.* file; licence lines add nothing.
    static void appendGlossTexts(std::string_view dataLine, std::vector<std::string>& texts);

    const std::vector<std::string>& texts() const { return texts_; }
    std::vector<std::string> takeTexts() { return std::move(texts_); }
    bool loadedFromCache() const { return loadedFromCache_; }
    // Empty when caching was off or the cache directory is unknown.
    const std::filesystem::path& cacheFile() const { return cacheFile_; }
    // recordsSeen counts synsets; a failed cache write shows up among the warnings.
    const ReadStats& stats() const { return stats_; }

private:
    std::vector<std::string> texts_;
    bool loadedFromCache_ = false;
    std::filesystem::path cacheFile_;
    ReadStats stats_;
};

// The WordNet corpus as a TextReader, for openTextReader().
std::unique_ptr<TextReader> openWordNetReader(const WordNetOptions& options, Feedback* feedback = nullptr);

}  // namespace megatoken
