#pragma once
// A run configuration small enough that a few dozen steps take seconds on two cores: a 2 + 1
// layer model with d_model 64 on 2,000 WordNet glosses.

#include <QString>

#include <cstdlib>

#include "core/config/RunConfig.h"

namespace megatoken::testing {

inline RunConfig smallRunConfig(const QString& runsDirectory, const std::string& name, std::int64_t steps)
{
    RunConfig c;
    c.preset = "tiny";
    c.data.corpus = "";  // the WordNet glosses (Debian package wordnet-base)
    c.data.maxTexts = 2000;
    c.data.maxTokens = 24;
    c.data.batchSize = 32;
    c.data.validationTexts = 32;
    c.tokenizer.vocabSize = 400;
    c.model.dModel = 64;
    c.model.numHeads = 2;
    c.model.dKv = 32;
    c.model.dFf = 128;
    c.model.encoderLayers = 2;
    c.model.decoderLayers = 1;
    c.model.maxPositions = 32;
    c.model.gates.first = 0;
    c.model.gates.every = 1;
    c.loss.schedule = LambdaSchedule::Constant;
    c.loss.lambda = 0.0;
    c.optim.steps = steps;
    c.optim.warmupSteps = 5;
    c.optim.learningRate = 3e-3;
    // The constant rate these short runs' thresholds were set on; a cosine over 200 steps decays
    // too early for tst_trainer_torch's smoke run on LibTorch 2.x (accuracy +0.18, not +0.2).
    c.optim.schedule = LearningRateSchedule::Constant;
    c.run.runsDirectory = runsDirectory.toStdString();
    c.run.name = name;
    c.run.evalEvery = 0;
    c.run.checkpointEvery = 0;
    c.run.threads = 2;
    // scripts/device-check.sh runs the suites on a GPU with MEGATOKEN_TEST_DEVICE=cuda.
    if (const char* device = std::getenv("MEGATOKEN_TEST_DEVICE"); device && *device) c.run.device = device;
    return c;
}

}  // namespace megatoken::testing
