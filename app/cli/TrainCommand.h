#pragma once
#include <CLI/CLI.hpp>

namespace megatoken::cli {

// `megatoken train`, `megatoken eval`, `megatoken inspect`.
void addTrainCommand(CLI::App& app);
void addEvalCommand(CLI::App& app);
void addInspectCommand(CLI::App& app);

}  // namespace megatoken::cli
