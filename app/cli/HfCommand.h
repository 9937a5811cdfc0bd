#pragma once
#include <CLI/CLI.hpp>

namespace megatoken::cli {

// `megatoken import-hf DIR --name NAME` and `megatoken export-hf --run RUN --out DIR`: Hugging Face
// T5 / Flan-T5 folders in and out (core/engine/train/HfImport.h).
void addHfCommands(CLI::App& app);

}  // namespace megatoken::cli
