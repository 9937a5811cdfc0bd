#pragma once
// The corpus options shared by every subcommand that reads texts.

#include <CLI/CLI.hpp>

#include "core/data/CorpusSpec.h"

namespace megatoken::cli {

struct CorpusOptions {
    std::string input;  // empty: the default WordNet corpus
    std::string format = "auto";
    std::string column;
    std::string field = "text";
    bool noHeader = false;
    bool lowercase = false;
    std::size_t minChars = 1;

    // Adds --input/--corpus, --format, --column, --field, --no-header, --lowercase, --min-chars.
    void addTo(CLI::App& command);
    // Throws CLI::ValidationError for an unknown format.
    CorpusSpec toSpec() const;
    std::string displayName() const;  // the file, or "WordNet (default corpus)"
};

}  // namespace megatoken::cli
