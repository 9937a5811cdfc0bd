#include "core/data/PythonDocsCorpus.h"

#include "core/data/InMemoryTextReader.h"

#include "core/data/CacheDirectory.h"
#include "core/data/ChunkedInput.h"
#include "core/data/DataError.h"
#include "core/data/LineScanner.h"
#include "core/data/RstProse.h"
#include "core/data/Split.h"
#include "core/data/UnicodeCase.h"
#include "core/data/Utf8.h"
#include "core/feedback/Feedback.h"
#include "core/io/AtomicFile.h"
#include "core/io/NumberFormat.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <sstream>
#include <unordered_set>

namespace megatoken {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kSourceSuffix = ".rst.txt";
constexpr std::string_view kCacheMagic = "megatoken-python-docs";
constexpr std::size_t kMaxCacheLineBytes = std::size_t{1} << 20;
// Parsing is this share of a cold load; rendering and filtering the paragraphs the rest.
constexpr double kParseShare = 0.9;

const std::string kInstallHint = "install the Debian package python3-doc (apt-get install python3-doc, or run "
                                 "scripts/setup-debian.sh), or point the corpus at a folder of *.rst.txt files";

struct SourceFile {
    fs::path path;
    std::string name;  // "library/os": the path under the directory without ".rst.txt"
    std::uint64_t bytes = 0;
};

struct SourceFiles {
    std::vector<SourceFile> files;
    std::uint64_t totalBytes = 0;
    std::string cacheKey;
};

std::string hex64(std::uint64_t value)
{
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
    return text;
}

SourceFiles findSourceFiles(const PythonDocsOptions& options)
{
    const std::string& directory = options.directory;
    std::error_code error;
    if (!fs::is_directory(directory, error))
        throw DataError(directory, "Python documentation sources not found; " + kInstallHint);

    SourceFiles sources;
    fs::recursive_directory_iterator it(directory, fs::directory_options::none, error);  // no link loops
    if (error) throw DataError(directory, "cannot list the folder (" + error.message() + ")");
    for (; it != fs::recursive_directory_iterator(); it.increment(error)) {
        if (error) throw DataError(directory, "cannot list the folder (" + error.message() + ")");
        const std::string name = it->path().filename().string();
        if (name.size() <= kSourceSuffix.size() ||
            std::string_view(name).substr(name.size() - kSourceSuffix.size()) != kSourceSuffix)
            continue;
        if (!it->is_regular_file(error)) continue;
        const std::string relative = it->path().lexically_relative(directory).generic_string();
        sources.files.push_back({it->path(), relative.substr(0, relative.size() - kSourceSuffix.size()), 0});
    }
    if (sources.files.empty())
        throw DataError(directory, "no Python documentation sources (*.rst.txt) in the folder; " + kInstallHint);

    // Sorted by their names, byte by byte, whatever order the file system lists them in.
    std::sort(sources.files.begin(), sources.files.end(),
              [](const SourceFile& a, const SourceFile& b) { return a.name < b.name; });
    std::string fingerprint = fs::weakly_canonical(directory, error).string();
    fingerprint += "\nwords " + std::to_string(options.minWords) + ' ' + std::to_string(options.maxWords) + " code " +
                   numberText(options.maxCodeShare);
    for (SourceFile& file : sources.files) {
        file.bytes = fs::file_size(file.path, error);
        if (error) file.bytes = 0;
        const auto modified = fs::last_write_time(file.path, error).time_since_epoch().count();
        sources.totalBytes += file.bytes;
        fingerprint += '\n' + file.name + ' ' + std::to_string(file.bytes) + ' ' + std::to_string(modified);
    }
    sources.cacheKey = "v" + std::to_string(PythonDocsCorpus::kCacheFormatVersion) + '-' +
                       std::to_string(sources.files.size()) + '-' + hex64(fnv1a64(fingerprint));
    return sources;
}

std::string readWholeFile(const SourceFile& file, Feedback* feedback)
{
    std::string text;
    if (file.bytes == 0) return text;  // ChunkedInput refuses empty files; an empty page has no prose
    ChunkedInput input(file.path.string(), feedback);
    text.reserve(file.bytes);
    for (std::string_view chunk = input.nextChunk(); !chunk.empty(); chunk = input.nextChunk()) text += chunk;
    return text;
}

std::size_t wordCount(std::string_view text)
{
    std::size_t words = 0;
    bool inWord = false;
    for (char c : text) {
        const bool space = c == ' ';
        if (!space && !inWord) ++words;
        inWord = !space;
    }
    return words;
}

bool endsASentence(std::string_view text)
{
    // Closing quotes and brackets may follow the full stop: (... end.) "... end."
    for (bool stripped = true; stripped && !text.empty();) {
        stripped = false;
        for (std::string_view closer : {")", "\"", "'", "\xE2\x80\x9D", "\xE2\x80\x99", "\xC2\xBB"}) {
            if (text.size() >= closer.size() && text.substr(text.size() - closer.size()) == closer) {
                text.remove_suffix(closer.size());
                stripped = true;
            }
        }
    }
    return !text.empty() && (text.back() == '.' || text.back() == '!' || text.back() == '?');
}

bool startsLikeProse(std::string_view text)
{
    if (text.empty()) return false;
    const auto c = static_cast<unsigned char>(text[0]);
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80 || c == '"' ||
           c == '\'' || c == '(';
}

// Letters among the non-space bytes: low in lists of numbers, paths and expressions.
double letterShare(std::string_view text)
{
    std::size_t letters = 0, visible = 0;
    for (char c : text) {
        if (c == ' ') continue;
        ++visible;
        const auto u = static_cast<unsigned char>(c);
        if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || u >= 0x80) ++letters;
    }
    return visible == 0 ? 0.0 : static_cast<double>(letters) / static_cast<double>(visible);
}

// Words that start with a capital letter, among all: high in lists of names and constants.
double capitalisedShare(std::string_view text)
{
    std::size_t words = 0, capitalised = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == ' ' || (i > 0 && text[i - 1] != ' ')) continue;
        ++words;
        if (text[i] >= 'A' && text[i] <= 'Z') ++capitalised;
    }
    return words == 0 ? 0.0 : static_cast<double>(capitalised) / static_cast<double>(words);
}

enum class Verdict { Keep, NotProse, Short, Long };

Verdict judge(const RstPlainText& plain, const PythonDocsOptions& options)
{
    const std::string& text = plain.text;
    if (text.empty()) return Verdict::Short;
    if (plain.unresolved || text.find('`') != std::string::npos || !endsASentence(text) || !startsLikeProse(text) ||
        letterShare(text) < 0.7 || capitalisedShare(text) > 0.5 ||
        static_cast<double>(plain.codeBytes) > options.maxCodeShare * static_cast<double>(text.size()))
        return Verdict::NotProse;
    const std::size_t words = wordCount(text);
    if (words < options.minWords) return Verdict::Short;
    if (words > options.maxWords) return Verdict::Long;
    return Verdict::Keep;
}

struct Counts {
    std::uint64_t paragraphs = 0, notProse = 0, tooShort = 0, tooLong = 0, duplicates = 0, invalidUtf8 = 0;
};

// Renders and judges the paragraphs of one document; appends the kept ones.
void appendProse(const RstDocument& document, const std::string& name, const RstReferences& references,
                 const PythonDocsOptions& options, Counts& counts, std::vector<std::string>& texts)
{
    for (const RstParagraph& paragraph : document.paragraphs) {
        ++counts.paragraphs;
        // Plain text starting in lower case continues a sentence interrupted by a code block.
        const char first = paragraph.markup.empty() ? '\0' : paragraph.markup[0];
        if (first >= 'a' && first <= 'z') {
            ++counts.notProse;
            continue;
        }
        RstPlainText plain = rstToPlainText(paragraph.markup, references, name);
        if (sanitizeUtf8(plain.text) > 0) ++counts.invalidUtf8;
        switch (judge(plain, options)) {
            case Verdict::Keep: texts.push_back(std::move(plain.text)); break;
            case Verdict::NotProse: ++counts.notProse; break;
            case Verdict::Short: ++counts.tooShort; break;
            case Verdict::Long: ++counts.tooLong; break;
        }
    }
}

std::vector<std::string> parseSources(const SourceFiles& sources, const PythonDocsOptions& options, Counts& counts,
                                      Feedback* feedback)
{
    // 1. Every document's paragraphs and section labels: a :ref: may name a section of any file.
    std::vector<RstDocument> documents;
    documents.reserve(sources.files.size());
    RstReferences references;
    std::uint64_t bytesBefore = 0;
    const double total = static_cast<double>(std::max<std::uint64_t>(sources.totalBytes, 1));
    for (const SourceFile& file : sources.files) {
        std::optional<Feedback> fileFeedback;
        if (feedback) {
            feedback->throwIfCancelled();
            const double begin = kParseShare * std::min(1.0, static_cast<double>(bytesBefore) / total);
            const double end = kParseShare * std::min(1.0, static_cast<double>(bytesBefore + file.bytes) / total);
            fileFeedback.emplace(*feedback, begin, std::max(begin, end));
        }
        documents.push_back(parseRstDocument(readWholeFile(file, fileFeedback ? &*fileFeedback : nullptr)));
        references.add(file.name, documents.back());
        bytesBefore += file.bytes;
    }

    // 2. The paragraphs as plain text, judged, deduplicated in file order.
    std::vector<std::string> texts;
    std::unordered_set<std::string> seen;
    std::vector<std::string> documentTexts;
    for (std::size_t i = 0; i < documents.size(); ++i) {
        if (feedback) {
            feedback->throwIfCancelled();
            feedback->setProgress(kParseShare +
                                  (1.0 - kParseShare) * static_cast<double>(i) / static_cast<double>(documents.size()));
        }
        documentTexts.clear();
        appendProse(documents[i], sources.files[i].name, references, options, counts, documentTexts);
        for (std::string& text : documentTexts) {
            if (seen.insert(text).second)
                texts.push_back(std::move(text));
            else
                ++counts.duplicates;
        }
    }
    if (feedback) feedback->setProgress(1.0);
    return texts;
}

void copyCounts(const Counts& counts, ReadStats& stats, std::uint64_t& notProse)
{
    stats.recordsSeen = counts.paragraphs;
    stats.skippedShort = counts.tooShort;
    stats.skippedOversized = counts.tooLong;
    stats.skippedDuplicates = counts.duplicates;
    stats.invalidUtf8Records = counts.invalidUtf8;
    notProse = counts.notProse;
}

// The cache: a header line "megatoken-python-docs <texts> <files> <paragraphs> <not prose> <short>
// <long> <duplicates> <invalid UTF-8>", then one text per line (whitespace is collapsed, so a
// text never holds a newline).
bool readCache(const fs::path& file, std::vector<std::string>& texts, std::uint64_t expectedFiles, Counts& counts,
               Feedback* feedback)
{
    std::error_code error;
    if (!fs::is_regular_file(file, error)) return false;
    try {
        ChunkedInput input(file.string(), feedback);
        LineScanner lines(input, kMaxCacheLineBytes);
        std::string line;
        if (lines.next(line) != LineScanner::Result::Line) return false;
        std::istringstream header(line);
        std::string magic;
        std::uint64_t count = 0, files = 0;
        if (!(header >> magic >> count >> files >> counts.paragraphs >> counts.notProse >> counts.tooShort >>
              counts.tooLong >> counts.duplicates >> counts.invalidUtf8) ||
            magic != kCacheMagic || files != expectedFiles)
            return false;
        texts.clear();
        texts.reserve(count);
        for (LineScanner::Result result; (result = lines.next(line)) != LineScanner::Result::End;) {
            if (result != LineScanner::Result::Line || line.empty()) return false;
            texts.push_back(line);
        }
        return texts.size() == count;  // truncated or tampered with: rebuild
    } catch (const DataError&) {
        return false;
    }
}

// Written to a temporary file and renamed (core/io/AtomicFile), so that a crash or a concurrent
// run never leaves a half-written cache behind. Returns an empty string or the problem.
std::string writeCache(const fs::path& file, const std::vector<std::string>& texts, std::uint64_t files,
                       const Counts& counts)
{
    std::error_code error;
    fs::create_directories(file.parent_path(), error);
    if (error) return "cannot create " + file.parent_path().string() + ": " + error.message();
    try {
        writeFileAtomically(file.string(), [&](std::ostream& out) {
            out << kCacheMagic << ' ' << texts.size() << ' ' << files << ' ' << counts.paragraphs << ' '
                << counts.notProse << ' ' << counts.tooShort << ' ' << counts.tooLong << ' ' << counts.duplicates << ' '
                << counts.invalidUtf8 << '\n';
            for (const std::string& text : texts) out << text << '\n';
        });
    } catch (const FileWriteError& e) {
        return e.what();
    }
    return {};
}

void applyOptions(std::vector<std::string>& texts, const PythonDocsOptions& options, ReadStats& stats)
{
    std::unordered_set<std::string> seen;
    std::size_t kept = 0;
    for (std::string& text : texts) {
        if (countCodePoints(text) < std::max<std::size_t>(options.minChars, 1)) {
            ++stats.skippedShort;
            continue;
        }
        if (options.lowercase) {
            lowercaseUtf8(text);  // may make two paragraphs equal: keep the first
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

struct PythonDocsBuilder {
    static PythonDocsCorpus load(const PythonDocsOptions& options, Feedback* feedback)
    {
        const SourceFiles sources = findSourceFiles(options);
        PythonDocsCorpus corpus;
        corpus.sourceFiles_ = sources.files.size();
        corpus.stats_.totalBytes = sources.totalBytes;
        if (options.useCache) {
            const fs::path cacheDirectory = megatokenCacheDirectory();
            if (!cacheDirectory.empty())
                corpus.cacheFile_ = cacheDirectory / ("python-docs-" + sources.cacheKey + ".txt");
        }

        Counts counts;
        if (!corpus.cacheFile_.empty() &&
            readCache(corpus.cacheFile_, corpus.texts_, sources.files.size(), counts, feedback)) {
            corpus.loadedFromCache_ = true;
            if (feedback) feedback->setProgress(1.0);
        } else {
            counts = Counts{};
            corpus.texts_ = parseSources(sources, options, counts, feedback);
            if (!corpus.cacheFile_.empty()) {
                const std::string problem = writeCache(corpus.cacheFile_, corpus.texts_, sources.files.size(), counts);
                if (!problem.empty()) {
                    corpus.stats_.addWarning("python-docs cache not written: " + problem);
                    corpus.cacheFile_.clear();
                }
            }
        }
        copyCounts(counts, corpus.stats_, corpus.skippedNotProse_);
        corpus.stats_.bytesRead = sources.totalBytes;

        applyOptions(corpus.texts_, options, corpus.stats_);
        corpus.stats_.textsYielded = corpus.texts_.size();
        if (corpus.texts_.empty())
            throw DataError(options.directory, "no paragraphs of prose found (" + corpus.stats_.summary() + ")");
        return corpus;
    }
};

PythonDocsCorpus PythonDocsCorpus::load(const PythonDocsOptions& options, Feedback* feedback)
{
    return PythonDocsBuilder::load(options, feedback);
}

std::vector<std::string> PythonDocsCorpus::proseOf(std::string_view restructuredText, const PythonDocsOptions& options)
{
    const RstDocument document = parseRstDocument(restructuredText);
    RstReferences references;
    references.add("document", document);
    Counts counts;
    std::vector<std::string> texts;
    appendProse(document, "document", references, options, counts, texts);
    return texts;
}

bool isPythonDocsCorpusName(std::string_view path)
{
    if (path.size() != kPythonDocsCorpusName.size()) return false;
    for (std::size_t i = 0; i < path.size(); ++i) {
        char c = path[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
        if (c != kPythonDocsCorpusName[i]) return false;
    }
    return true;
}

std::unique_ptr<TextReader> openPythonDocsReader(const PythonDocsOptions& options, Feedback* feedback)
{
    PythonDocsCorpus corpus = PythonDocsCorpus::load(options, feedback);
    ReadStats stats = corpus.stats();
    return std::make_unique<InMemoryTextReader>(std::move(stats), corpus.takeTexts());
}

}  // namespace megatoken
