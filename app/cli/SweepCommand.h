#pragma once
#include <CLI/CLI.hpp>

namespace megatoken::cli {

// `megatoken sweep`: learned gates against the fixed-rule baselines at matched keep ratios.
void addSweepCommand(CLI::App& app);

}  // namespace megatoken::cli
