#pragma once
// The whole configuration of a run: what reproduces it, saved as config.json in its directory.

#include <string>

#include "core/config/ModelConfig.h"
#include "core/config/TrainConfig.h"

namespace megatoken {

struct RunConfig {
    std::string preset = "tiny";
    DataConfig data;
    TokenizerConfig tokenizer;
    ModelConfig model;
    LossConfig loss;
    OptimConfig optim;
    RunSettings run;
};

}  // namespace megatoken
