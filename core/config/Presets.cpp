#include "core/config/Presets.h"

#include "core/config/ConfigError.h"

namespace megatoken {

namespace {

// The CPU default: the struct defaults, which hold the best setting measured so far
// (docs/experiments.md): since the first look at the gate mechanisms, learned gates whose dropped
// tokens are pooled into the kept token that ends their run (gates.merge=segment); since the
// search, the schedule that did better in 20 minutes on 2 cores (a cosine learning rate over
// 2,700 steps, the keep target reached by step 500, an evaluation every 250 steps;
// docs/experiments.md, "The tiny default in 20 minutes").
RunConfig tiny()
{
    return RunConfig{};
}

// The tiny default until the search issue (docs/experiments.md, "The search"): 2,000 steps at a
// constant learning rate, compression from step 250 with the target reached over the next 600
// steps, an evaluation every 100. Every point of the search's sweeps trained with it, and the
// other presets keep its schedule.
RunConfig tinySearch()
{
    RunConfig config = tiny();
    config.optim.schedule = LearningRateSchedule::Constant;
    config.loss.warmupSteps = 250;
    config.loss.targetRampSteps = 600;
    config.run.evalEvery = 100;
    config.optim.steps = 2000;
    return config;
}

// The tiny default before segment merging (config version 1): the same learned gates, but a
// dropped token is simply gone. Kept to compare with, and what a version-1 run file without
// gates.merge means.
RunConfig tinyDrop()
{
    RunConfig config = tinySearch();
    config.model.gates.merge = GateMerge::None;
    return config;
}

RunConfig small()
{
    RunConfig config = tinySearch();
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
    gates.merge = GateMerge::None;  // their code drops
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
    RunConfig config = tinySearch();
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
    RunConfig config = tinySearch();
    useAuthorsGatesAndLoss(config);
    return config;
}

// MrT5's delete gate (Kallini et al. 2024) on the tiny shape: one gate, G = -30 sigmoid(-z) as a
// key bias only, hard deletion below k/2 = -15, softmax1 in every attention, the soft mask in
// training (no straight-through, no noise, no calibration), and their PI controller on the hard
// deletion rate: kp 0.5, ki 3e-5 (their range 1e-5..5e-5), lambda >= 0. The attention-score
// regulariser's beta is ours (docs/gate-mechanisms.md).
RunConfig mrt5()
{
    RunConfig config = tinySearch();
    GateConfig& gates = config.model.gates;
    gates.form = GateForm::MrT5;
    gates.merge = GateMerge::None;  // MrT5 deletes
    gates.mrt5K = -30.0;
    gates.threshold = gates.mrt5K / 2;
    gates.source = GateSource::Projection;
    gates.first = 1;
    gates.every = static_cast<int>(config.model.encoderLayers);  // one gate, after block 1
    gates.straightThrough = false;
    gates.noise = GateNoise::None;
    gates.calibrationRate = 0.0;
    config.model.softmax1 = true;
    config.loss.schedule = LambdaSchedule::Target;
    config.loss.controllerKp = 0.5;
    config.loss.controllerKi = 3e-5;
    config.loss.lambdaMin = 0.0;
    config.loss.attentionScoreBeta = 0.01;
    return config;
}

// The tiny model on longer texts: paragraphs of the Python documentation (data.corpus
// python-docs, Debian package python3-doc; 40 to 200 pieces each), a batch of fewer of them.
// Free-running decoding costs about the square of the length (steps times memory; on the 2-core
// CPU nine times as long at 256 tokens as at 64), so evaluations are fewer and smaller than the
// tiny preset's.
RunConfig longTexts()
{
    RunConfig config = tinySearch();
    config.data.corpus = "python-docs";
    config.data.maxTokens = 256;  // model.max_positions (512) holds them
    config.data.batchSize = 16;
    config.data.validationTexts = 64;
    config.run.evalEvery = 250;
    return config;
}

struct NamedPreset {
    const char* name;
    RunConfig (*make)();
};

// clang-format off
constexpr NamedPreset kPresets[] = {
    {"tiny", tiny},
    {"tiny-search", tinySearch},
    {"tiny-drop", tinyDrop},
    {"small", small},
    {"flan-t5-small", flanT5Small},
    {"authors-code", authorsCode},
    {"mrt5", mrt5},
    {"long", longTexts},
};
// clang-format on

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
