#pragma once
// Opens a finished (or running) run directory for evaluation and inspection: its config.json,
// its tokenizer and the newest (or a chosen) checkpoint's weights.

#include <optional>
#include <string>

#include "core/config/RunConfig.h"
#include "core/engine/model/MegatokenModel.h"
#include "core/tokenizer/Tokenizer.h"

namespace megatoken {

struct LoadedRun {
    std::string directory;
    std::string checkpoint;
    RunConfig config;
    std::optional<Tokenizer> tokenizer;
    std::optional<MegatokenModel> model;
    std::int64_t step = 0;
};

// Throws with a message naming the directory or file when something is missing or broken.
LoadedRun loadRun(const std::string& directory, const std::string& checkpoint = {},
                  const torch::Device& device = torch::kCPU);

}  // namespace megatoken
