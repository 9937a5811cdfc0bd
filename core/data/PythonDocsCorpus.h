#pragma once

#include "core/data/ReadStats.h"
#include "core/data/TextReader.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace megatoken {

class Feedback;

// The corpus name that selects this corpus as data.corpus or --input (any case).
inline constexpr std::string_view kPythonDocsCorpusName = "python-docs";
// Where the Debian package python3-doc installs the reStructuredText sources of the Python
// documentation (a link to the current python3.X-doc).
inline constexpr std::string_view kPythonDocsDirectory = "/usr/share/doc/python3/html/_sources";

struct PythonDocsOptions {
    std::string directory = std::string(kPythonDocsDirectory);
    // A paragraph is kept when it has this many words (runs of non-space) or more and no more
    // than maxWords: about 40 to 200 sentencepiece pieces with a 4096-piece vocabulary trained on
    // the corpus (README, "python-docs").
    std::size_t minWords = 32;
    std::size_t maxWords = 120;
    // At most this share of a paragraph's bytes may come from inline code (``x``, :func:`y`).
    double maxCodeShare = 0.35;
    bool lowercase = false;
    std::size_t minChars = 1;  // in code points
    bool useCache = true;
};

// A corpus of longer texts: the paragraphs of running prose of the Python documentation (Debian
// package python3-doc, PSF licence), one text per paragraph, inline markup rendered as plain text
// (core/data/RstProse.h). The files are read in sorted order, and the texts deduplicated in that
// order, so the list (and every split and vocabulary built from it) is the same on every machine
// with the same package version. Parsing takes a second or so; the list is cached (see
// megatokenCacheDirectory()) under a name that changes with the source files (their paths, sizes
// and modification times, so an upgrade of the package rebuilds it) and the options above.
class PythonDocsCorpus {
public:
    static constexpr int kCacheFormatVersion = 1;

    // Throws DataError naming the directory when the sources are not installed there (saying to
    // install python3-doc, e.g. with scripts/setup-debian.sh). feedback (may be null) sees the
    // fraction of the source bytes parsed so far (or of the cache file read); cancelling it makes
    // load throw Cancelled within one source file (or 1 MiB of the cache), writing no cache file.
    static PythonDocsCorpus load(const PythonDocsOptions& options = {}, Feedback* feedback = nullptr);

    // The kept paragraphs of one reStructuredText document, in order, before deduplication;
    // references to other documents stay unresolved (such paragraphs are left out).
    static std::vector<std::string> proseOf(std::string_view restructuredText, const PythonDocsOptions& options = {});

    const std::vector<std::string>& texts() const { return texts_; }
    std::vector<std::string> takeTexts() { return std::move(texts_); }
    bool loadedFromCache() const { return loadedFromCache_; }
    // Empty when caching was off or the cache directory is unknown.
    const std::filesystem::path& cacheFile() const { return cacheFile_; }
    // recordsSeen counts candidate paragraphs; skippedShort and skippedOversized those with too
    // few or too many words; a failed cache write shows up among the warnings.
    const ReadStats& stats() const { return stats_; }
    std::uint64_t sourceFiles() const { return sourceFiles_; }
    // Paragraphs left out as code-heavy, unterminated or with an unresolved reference.
    std::uint64_t skippedNotProse() const { return skippedNotProse_; }

private:
    std::vector<std::string> texts_;
    bool loadedFromCache_ = false;
    std::filesystem::path cacheFile_;
    ReadStats stats_;
    std::uint64_t sourceFiles_ = 0;
    std::uint64_t skippedNotProse_ = 0;

    friend struct PythonDocsBuilder;
};

// True for "python-docs" in any case.
bool isPythonDocsCorpusName(std::string_view path);

// The corpus as a TextReader, for openTextReader().
std::unique_ptr<TextReader> openPythonDocsReader(const PythonDocsOptions& options, Feedback* feedback = nullptr);

}  // namespace megatoken
