#pragma once
#include <CLI/CLI.hpp>

namespace megatoken::cli {

// `megatoken corpus --stats`: counts, skipped records, length percentiles and batching padding.
void addCorpusCommand(CLI::App& app);

}  // namespace megatoken::cli
