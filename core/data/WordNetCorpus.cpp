#include "core/data/WordNetCorpus.h"

#include "core/data/InMemoryTextReader.h"

#include "core/data/CacheDirectory.h"
#include "core/data/ChunkedInput.h"
#include "core/data/DataError.h"
#include "core/data/LineScanner.h"
#include "core/data/Split.h"
#include "core/data/UnicodeCase.h"
#include "core/data/Utf8.h"
#include "core/feedback/Feedback.h"
#include "core/io/AtomicFile.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <unordered_set>

namespace megatoken {

namespace fs = std::filesystem;

namespace {

// The fixed order makes the deduplicated list, and so every split and vocabulary built from
// it, reproducible.
constexpr std::array<const char*, 4> kDataFiles = {"data.noun", "data.verb", "data.adj", "data.adv"};
constexpr std::size_t kMaxWordNetLineBytes = std::size_t{1} << 20;
constexpr std::string_view kCacheMagic = "megatoken-wordnet-glosses";

const std::string kInstallHint = "install the Debian package wordnet-base (apt-get install wordnet-base), "
                                 "or point the corpus at a directory holding data.noun, data.verb, "
                                 "data.adj and data.adv";

struct SourceFiles {
    std::vector<fs::path> paths;
    std::uint64_t totalBytes = 0;
    std::string cacheKey;  // changes with the directory, the sizes and the modification times
};

SourceFiles findSourceFiles(const std::string& directory)
{
    std::error_code error;
    if (!fs::is_directory(directory, error)) throw DataError(directory, "WordNet directory not found; " + kInstallHint);

    SourceFiles sources;
    std::string fingerprint = fs::weakly_canonical(directory, error).string();
    for (const char* name : kDataFiles) {
        const fs::path path = fs::path(directory) / name;
        if (!fs::is_regular_file(path, error))
            throw DataError(path.string(), "WordNet data file missing; " + kInstallHint);
        const std::uint64_t size = fs::file_size(path, error);
        const auto modified = fs::last_write_time(path, error).time_since_epoch().count();
        sources.paths.push_back(path);
        sources.totalBytes += size;
        fingerprint += '\n' + std::to_string(size) + ' ' + std::to_string(modified);
    }
    char hash[17];
    std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(fnv1a64(fingerprint)));
    sources.cacheKey = "v" + std::to_string(WordNetCorpus::kCacheFormatVersion) + '-' +
                       std::to_string(sources.totalBytes) + '-' + hash;
    return sources;
}

std::vector<std::string> parseSources(const SourceFiles& sources, ReadStats& stats, Feedback* feedback)
{
    std::vector<std::string> texts;
    std::unordered_set<std::string> seen;
    std::vector<std::string> lineTexts;
    std::uint64_t bytesBefore = 0;
    const double total = static_cast<double>(std::max<std::uint64_t>(sources.totalBytes, 1));
    for (const fs::path& path : sources.paths) {
        // Each file is its share of the whole, by size.
        std::optional<Feedback> fileFeedback;
        if (feedback) {
            std::error_code error;
            const auto size = static_cast<double>(fs::file_size(path, error));
            const double begin = std::min(1.0, static_cast<double>(bytesBefore) / total);
            fileFeedback.emplace(*feedback, begin,
                                 std::clamp((static_cast<double>(bytesBefore) + size) / total, begin, 1.0));
        }
        ChunkedInput input(path.string(), fileFeedback ? &*fileFeedback : nullptr);
        LineScanner lines(input, kMaxWordNetLineBytes);
        std::string line;
        for (LineScanner::Result result; (result = lines.next(line)) != LineScanner::Result::End;) {
            if (result == LineScanner::Result::Oversized)
                throw DataError(path.string(), lines.lineNumber(), "line too long for a WordNet data file");
            lineTexts.clear();
            WordNetCorpus::appendGlossTexts(line, lineTexts);
            if (line.find(" | ") != std::string::npos) ++stats.recordsSeen;
            for (std::string& text : lineTexts) {
                if (seen.insert(text).second)
                    texts.push_back(std::move(text));
                else
                    ++stats.skippedDuplicates;
            }
        }
        bytesBefore += input.bytesRead();
    }
    stats.bytesRead = bytesBefore;
    return texts;
}

// The cache: a header line "megatoken-wordnet-glosses <texts> <synsets> <duplicates>", then
// one text per line (glosses never contain a newline).
bool readCache(const fs::path& file, std::vector<std::string>& texts, ReadStats& stats, Feedback* feedback)
{
    std::error_code error;
    if (!fs::is_regular_file(file, error)) return false;
    try {
        ChunkedInput input(file.string(), feedback);
        LineScanner lines(input, kMaxWordNetLineBytes);
        std::string line;
        if (lines.next(line) != LineScanner::Result::Line) return false;
        std::istringstream header(line);
        std::string magic;
        std::uint64_t count = 0, synsets = 0, duplicates = 0;
        if (!(header >> magic >> count >> synsets >> duplicates) || magic != kCacheMagic) return false;
        texts.clear();
        texts.reserve(count);
        for (LineScanner::Result result; (result = lines.next(line)) != LineScanner::Result::End;) {
            if (result != LineScanner::Result::Line) return false;
            texts.push_back(line);
        }
        if (texts.size() != count) return false;  // truncated or tampered with: rebuild
        stats.recordsSeen = synsets;
        stats.skippedDuplicates = duplicates;
        return true;
    } catch (const DataError&) {
        return false;
    }
}

// Written to a temporary file and renamed, so that a crash or a concurrent run never leaves a
// half-written cache behind. Returns an empty string or the problem.
std::string writeCache(const fs::path& file, const std::vector<std::string>& texts, const ReadStats& stats)
{
    std::error_code error;
    fs::create_directories(file.parent_path(), error);
    if (error) return "cannot create " + file.parent_path().string() + ": " + error.message();

    try {
        writeFileAtomically(file.string(), [&](std::ostream& out) {
            out << kCacheMagic << ' ' << texts.size() << ' ' << stats.recordsSeen << ' ' << stats.skippedDuplicates
                << '\n';
            for (const std::string& text : texts) out << text << '\n';
        });
    } catch (const FileWriteError& e) {
        return e.what();
    }
    return {};
}

void applyOptions(std::vector<std::string>& texts, const WordNetOptions& options, ReadStats& stats)
{
    std::unordered_set<std::string> seen;
    std::size_t kept = 0;
    for (std::string& text : texts) {
        if (countCodePoints(text) < std::max<std::size_t>(options.minChars, 1)) {
            ++stats.skippedShort;
            continue;
        }
        if (options.lowercase) {
            // Lowercasing can make two glosses equal; keep the first, as for the raw list.
            lowercaseUtf8(text);
            if (!seen.insert(text).second) {
                ++stats.skippedDuplicates;
                continue;
            }
        }
        if (&texts[kept] != &text) texts[kept] = std::move(text);
        ++kept;
    }
    texts.resize(kept);
}

}  // namespace

void WordNetCorpus::appendGlossTexts(std::string_view dataLine, std::vector<std::string>& texts)
{
    if (dataLine.substr(0, 2) == "  ") return;  // licence header
    const std::size_t bar = dataLine.find(" | ");
    if (bar == std::string_view::npos) return;
    std::string_view gloss = dataLine.substr(bar + 3);
    while (!gloss.empty()) {
        const std::size_t semicolon = gloss.find(';');
        std::string part(gloss.substr(0, semicolon));
        gloss.remove_prefix(semicolon == std::string_view::npos ? gloss.size() : semicolon + 1);
        // Example sentences are quoted: "he made his escape"; the quotes are markup, not text.
        part.erase(std::remove(part.begin(), part.end(), '"'), part.end());
        trimAsciiWhitespace(part);
        if (!part.empty()) texts.push_back(std::move(part));
    }
}

WordNetCorpus WordNetCorpus::load(const WordNetOptions& options, Feedback* feedback)
{
    const SourceFiles sources = findSourceFiles(options.directory);
    WordNetCorpus corpus;
    corpus.stats_.totalBytes = sources.totalBytes;
    if (options.useCache) {
        const fs::path cacheDirectory = megatokenCacheDirectory();
        if (!cacheDirectory.empty())
            corpus.cacheFile_ = cacheDirectory / ("wordnet-glosses-" + sources.cacheKey + ".txt");
    }

    if (!corpus.cacheFile_.empty() && readCache(corpus.cacheFile_, corpus.texts_, corpus.stats_, feedback)) {
        corpus.loadedFromCache_ = true;
        corpus.stats_.bytesRead = sources.totalBytes;
        if (feedback) feedback->setProgress(1.0);
    } else {
        corpus.texts_ = parseSources(sources, corpus.stats_, feedback);
        if (!corpus.cacheFile_.empty()) {
            const std::string problem = writeCache(corpus.cacheFile_, corpus.texts_, corpus.stats_);
            if (!problem.empty()) {
                corpus.stats_.addWarning("WordNet cache not written: " + problem);
                corpus.cacheFile_.clear();
            }
        }
    }

    applyOptions(corpus.texts_, options, corpus.stats_);
    corpus.stats_.textsYielded = corpus.texts_.size();
    if (corpus.texts_.empty())
        throw DataError(options.directory, "no WordNet texts found (" + corpus.stats_.summary() + ")");
    return corpus;
}

std::unique_ptr<TextReader> openWordNetReader(const WordNetOptions& options, Feedback* feedback)
{
    WordNetCorpus corpus = WordNetCorpus::load(options, feedback);
    ReadStats stats = corpus.stats();
    return std::make_unique<InMemoryTextReader>(std::move(stats), corpus.takeTexts());
}

}  // namespace megatoken
