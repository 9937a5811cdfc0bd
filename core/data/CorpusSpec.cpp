#include "core/data/CorpusSpec.h"

#include "core/data/DataError.h"
#include "core/data/PythonDocsCorpus.h"

#include <algorithm>
#include <filesystem>

namespace megatoken {

namespace {

std::string asciiLower(std::string_view text)
{
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c); });
    return lower;
}

}  // namespace

bool isDefaultCorpusPath(std::string_view path)
{
    return path.empty() || asciiLower(path) == "wordnet";
}

CorpusFormat resolveFormat(const CorpusSpec& spec)
{
    if (spec.format != CorpusFormat::Auto) return spec.format;
    if (isDefaultCorpusPath(spec.path)) return CorpusFormat::WordNet;
    if (isPythonDocsCorpusName(spec.path)) return CorpusFormat::PythonDocs;

    std::error_code error;
    if (std::filesystem::is_directory(spec.path, error)) return CorpusFormat::WordNet;

    const std::string extension = asciiLower(std::filesystem::path(spec.path).extension().string());
    if (extension == ".txt") return CorpusFormat::Text;
    if (extension == ".csv") return CorpusFormat::Csv;
    if (extension == ".tsv") return CorpusFormat::Tsv;
    if (extension == ".jsonl" || extension == ".json") return CorpusFormat::Jsonl;
    throw DataError(spec.path, "cannot tell the format from the extension '" + extension +
                                   "'; use .txt, .csv, .tsv, .jsonl or .json, or choose the format explicitly");
}

std::string_view formatName(CorpusFormat format)
{
    switch (format) {
        case CorpusFormat::Auto: return "auto";
        case CorpusFormat::Text: return "text";
        case CorpusFormat::Csv: return "csv";
        case CorpusFormat::Tsv: return "tsv";
        case CorpusFormat::Jsonl: return "jsonl";
        case CorpusFormat::WordNet: return "wordnet";
        case CorpusFormat::PythonDocs: return kPythonDocsCorpusName;
    }
    return "unknown";
}

std::optional<CorpusFormat> parseCorpusFormat(std::string_view name)
{
    const std::string lower = asciiLower(name);
    if (lower == "auto") return CorpusFormat::Auto;
    if (lower == "text" || lower == "txt") return CorpusFormat::Text;
    if (lower == "csv") return CorpusFormat::Csv;
    if (lower == "tsv") return CorpusFormat::Tsv;
    if (lower == "jsonl" || lower == "json") return CorpusFormat::Jsonl;
    if (lower == "wordnet") return CorpusFormat::WordNet;
    if (lower == kPythonDocsCorpusName) return CorpusFormat::PythonDocs;
    return std::nullopt;
}

}  // namespace megatoken
