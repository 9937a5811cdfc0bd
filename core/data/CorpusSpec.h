#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace megatoken {

enum class CorpusFormat {
    Auto,     // by extension: .txt, .csv, .tsv, .jsonl/.json; a directory, "" or "wordnet" -> WordNet;
              // "python-docs" -> PythonDocs
    Text,     // one text per line
    Csv,      // RFC 4180, header row unless CorpusSpec::hasHeader is false
    Tsv,      // same quoting rules, tab separated
    Jsonl,    // one JSON object per line
    WordNet,  // WordNet glosses; path is the WordNet directory ("" or "wordnet": the default one)
    // Paragraphs of the Python documentation (core/data/PythonDocsCorpus.h); path is a folder of
    // *.rst.txt sources ("" or "python-docs": the one the Debian package python3-doc installs).
    PythonDocs,
};

// What to read and how. The defaults suit a researcher's own file of reasonable quality.
struct CorpusSpec {
    std::string path;
    CorpusFormat format = CorpusFormat::Auto;

    // CSV/TSV: a header name, or a 0-based index written as digits. Empty: the column named
    // "text" (any case), or the only column.
    std::string column;
    // CSV/TSV: false for files such as the Yelp review CSV that start with data; `column` must
    // then be an index.
    bool hasHeader = true;

    // JSONL: the key holding the text; a dotted path ("review.text") reaches into objects.
    std::string field = "text";

    bool lowercase = false;
    // Texts with fewer code points than this after trimming are skipped (and counted).
    std::size_t minChars = 1;
    // A record longer than this is skipped (and counted) without ever being held in memory.
    std::size_t maxRecordBytes = std::size_t{16} << 20;

    // Malformed records (bad CSV row, bad JSON, missing field) are skipped and counted until
    // more than maxMalformed of them, or more than maxMalformedFraction of the records once at
    // least kMinRecordsForFraction were seen: then reading stops with a DataError, because the
    // file is probably not what the settings say it is.
    std::uint64_t maxMalformed = 1000;
    double maxMalformedFraction = 0.1;
    static constexpr std::uint64_t kMinRecordsForFraction = 100;
};

// True for "" and "wordnet": the built-in default corpus.
bool isDefaultCorpusPath(std::string_view path);

// The concrete format for spec (never Auto). Throws DataError when Auto cannot tell.
CorpusFormat resolveFormat(const CorpusSpec& spec);

std::string_view formatName(CorpusFormat format);
// "auto", "text"/"txt", "csv", "tsv", "jsonl"/"json", "wordnet", "python-docs"; case-insensitive.
std::optional<CorpusFormat> parseCorpusFormat(std::string_view name);

}  // namespace megatoken
