#include "core/config/Presets.h"

#include "core/config/ConfigError.h"

namespace megatoken {

namespace {

// The CPU default: the struct defaults, which hold the best setting measured so far
// (docs/experiments.md).
RunConfig tiny()
{
    return RunConfig{};
}

RunConfig small()
{
    RunConfig config;
    config.model.dModel = 512;
    config.model.numHeads = 8;
    config.model.dKv = 64;
    config.model.dFf = 2048;
    config.model.encoderLayers = 6;
    config.model.decoderLayers = 4;
    config.model.vocabSize = 8192;
    config.tokenizer.vocabSize = 8192;
    config.data.batchSize = 32;
    config.data.maxTokens = 128;
    config.optim.learningRate = 5e-4;
    return config;
}

// The authors' gate and loss: alpha = sigmoid((E0 + beta) / tau) with Gumbel noise, E[0] reset
// before each gated block, and lambda switched from 0 to 3 after 500 steps.
void useAuthorsGatesAndLoss(RunConfig& config)
{
    GateConfig& gates = config.model.gates;
    gates.form = GateForm::Code;
    gates.tau = 0.1;
    gates.beta = 5.0;
    gates.noise = GateNoise::Gumbel;
    gates.resetElement0 = true;
    gates.source = GateSource::Element0;
    gates.straightThrough = false;  // their code trains with the soft mask
    gates.noiseScale = 1.0;
    gates.calibrationRate = 0.0;  // nor any keep-ratio calibration
    config.loss.schedule = LambdaSchedule::Step;
    config.loss.lambda = 3.0;
    config.loss.warmupSteps = 500;
}

// The authors' setting: Flan-T5-small's shape, gates after encoder blocks 0, 2, 4 and 6, decoder window
// 5, Adam at 1e-4, for train --init-from a run imported from google/flan-t5-small (docs/pretrained.md).
RunConfig flanT5Small()
{
    RunConfig config;
    ModelConfig& model = config.model;
    model.dModel = 512;
    model.numHeads = 6;
    model.dKv = 64;
    model.feedForward = FeedForwardKind::GatedGelu;
    model.dFf = 1024;
    model.encoderLayers = 8;
    model.decoderLayers = 8;
    // T5 pads its 32000-piece sentencepiece vocabulary to 32128 embedding rows.
    model.vocabSize = 32128;
    config.tokenizer.vocabSize = 32000;
    model.tiedHead = false;
    model.absolutePositions = false;  // T5 checkpoints have relative positions only
    model.maxPositions = 512;
    model.gates.every = 2;
    model.gates.first = 0;
    useAuthorsGatesAndLoss(config);
    // Applied on top of pretrained weights (train --init-from an imported Flan-T5-small): nothing
    // may alter the pretrained states, so the gate reads element 0 as it is (alpha starts open:
    // see Trainer's init-from), and gates.source=projection is the alternative.
    model.gates.resetElement0 = false;
    config.optim.optimizer = OptimizerKind::Adam;
    config.optim.learningRate = 1e-4;
    config.data.batchSize = 20;
    config.data.maxTokens = 512;
    return config;
}

// The tiny shape with the authors' gates and loss: the reference point for comparisons.
RunConfig authorsCode()
{
    RunConfig config = tiny();
    useAuthorsGatesAndLoss(config);
    return config;
}

struct NamedPreset {
    const char* name;
    RunConfig (*make)();
};

constexpr NamedPreset kPresets[] = {
    {"tiny", tiny},
    {"small", small},
    {"flan-t5-small", flanT5Small},
    {"authors-code", authorsCode},
};

}  // namespace

std::vector<std::string> presetNames()
{
    std::vector<std::string> names;
    for (const NamedPreset& entry : kPresets) names.emplace_back(entry.name);
    return names;
}

RunConfig preset(const std::string& name)
{
    for (const NamedPreset& entry : kPresets) {
        if (name == entry.name) {
            RunConfig config = entry.make();
            config.preset = name;
            return config;
        }
    }
    std::string known;
    for (const NamedPreset& entry : kPresets) known += (known.empty() ? "" : ", ") + std::string(entry.name);
    throw ConfigError("preset", "unknown preset \"" + name + "\" (known: " + known + ")");
}

}  // namespace megatoken
