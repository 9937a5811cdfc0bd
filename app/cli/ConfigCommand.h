#pragma once
#include <CLI/CLI.hpp>

namespace megatoken::cli {

void addConfigCommand(CLI::App& app);

}  // namespace megatoken::cli
