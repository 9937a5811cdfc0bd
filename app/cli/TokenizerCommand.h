#pragma once
#include <CLI/CLI.hpp>

namespace megatoken::cli {

// `megatoken tokenizer train|encode`.
void addTokenizerCommand(CLI::App& app);

}  // namespace megatoken::cli
