#include "app/cli/CorpusOptions.h"

namespace megatoken::cli {

void CorpusOptions::addTo(CLI::App& command)
{
    command.add_option("--input,--corpus", input,
                       "Corpus file (.txt, .csv, .tsv, .jsonl) or a WordNet directory; default: the WordNet glosses");
    command.add_option("--format", format, "auto, text, csv, tsv, jsonl or wordnet (auto: by extension)")
        ->capture_default_str();
    command.add_option("--column", column,
                       "CSV/TSV column: header name or 0-based index (default: 'text' or the only column)");
    command.add_option("--field", field, "JSONL key holding the text; dotted paths reach into objects")
        ->capture_default_str();
    command.add_flag("--no-header", noHeader, "CSV/TSV file starts with data (then --column is an index)");
    command.add_flag("--lowercase", lowercase, "Lowercase every text");
    command.add_option("--min-chars", minChars, "Skip texts shorter than this many characters")->capture_default_str();
}

CorpusSpec CorpusOptions::toSpec() const
{
    CorpusSpec spec;
    spec.path = input;
    const auto parsed = parseCorpusFormat(format);
    if (!parsed)
        throw CLI::ValidationError("--format",
                                   "unknown corpus format '" + format + "' (auto, text, csv, tsv, jsonl, wordnet)");
    spec.format = *parsed;
    spec.column = column;
    spec.field = field;
    spec.hasHeader = !noHeader;
    spec.lowercase = lowercase;
    spec.minChars = minChars;
    return spec;
}

std::string CorpusOptions::displayName() const
{
    return isDefaultCorpusPath(input) ? std::string("WordNet (default corpus)") : input;
}

}  // namespace megatoken::cli
