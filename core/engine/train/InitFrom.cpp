#include "core/engine/train/InitFrom.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "core/config/Presets.h"
#include "core/config/RunConfigJson.h"
#include "core/engine/model/TokenGate.h"
#include "core/engine/train/Checkpoint.h"
#include "core/hf/HfFolder.h"
#include "core/runs/CheckpointFiles.h"

namespace megatoken {

std::string initCheckpoint(const std::string& runDirectory)
{
    if (!std::filesystem::is_directory(runDirectory))
        throw std::runtime_error("run.init_from: " + runDirectory + ": no such run directory");
    const std::string checkpoint = latestCheckpoint(runDirectory);
    if (checkpoint.empty())
        throw std::runtime_error("run.init_from: " + runDirectory + ": the run has no checkpoint to start from" +
                                 hfFolderHint(runDirectory));
    return checkpoint;
}

InitSource readInitSource(const std::string& runDirectory)
{
    InitSource source;
    source.checkpoint = initCheckpoint(runDirectory);
    const CheckpointState state = readCheckpointState(source.checkpoint);
    try {
        source.config = fromJson(nlohmann::json::parse(state.configJson), preset("tiny"));
    } catch (const std::exception& e) {
        throw CheckpointError(source.checkpoint + ": its saved config is unreadable: " + e.what());
    }
    source.tokenizerModel = state.tokenizerModel;
    return source;
}

void adoptModelShape(ModelConfig& target, const ModelConfig& source)
{
    target.vocabSize = source.vocabSize;
    target.dModel = source.dModel;
    target.numHeads = source.numHeads;
    target.dKv = source.dKv;
    target.dFf = source.dFf;
    target.encoderLayers = source.encoderLayers;
    target.decoderLayers = source.decoderLayers;
    target.feedForward = source.feedForward;
    target.tiedHead = source.tiedHead;
    target.absolutePositions = source.absolutePositions;
    target.maxPositions = source.maxPositions;
    target.relativeBuckets = source.relativeBuckets;
    target.relativeMaxDistance = source.relativeMaxDistance;
    target.scaledAttention = source.scaledAttention;
    target.layerNormEpsilon = source.layerNormEpsilon;
    target.padId = source.padId;
    target.eosId = source.eosId;
}

std::vector<std::string> loadInitWeights(const std::string& checkpoint, MegatokenModel& model)
{
    const auto lacking = loadWeightsPartially(checkpoint, model);
    std::vector<std::string> notGates;
    for (const auto& name : lacking)
        if (name.rfind("encoder.gates.", 0) != 0) notGates.push_back(name);
    if (!notGates.empty()) {
        std::string names;
        for (std::size_t i = 0; i < notGates.size() && i < 8; ++i) names += (i ? ", " : "") + notGates[i];
        if (notGates.size() > 8) names += ", and " + std::to_string(notGates.size() - 8) + " more";
        throw CheckpointError(checkpoint + ": lacks " + std::to_string(notGates.size()) +
                              " weight(s) of this model that are not gates: " + names);
    }
    return lacking;
}

std::vector<double> openGates(MegatokenModel& model, const torch::Tensor& ids, double minAlpha)
{
    const bool wasTraining = model->is_training();
    model->eval();  // no noise, no dropout
    torch::NoGradGuard noGrad;
    const double wanted = std::log(minAlpha / (1.0 - minAlpha));  // the logit of minAlpha
    const auto& config = model->config();
    const auto droppable = ids.ne(config.padId) & ids.ne(config.eosId);
    std::vector<double> offsets(model->encoder->gateCount(), 0.0);
    for (std::size_t g = 0; g < offsets.size(); ++g) {
        auto* gate = dynamic_cast<TokenGateImpl*>(&model->encoder->gate(g));
        if (!gate) continue;
        // Gate g's input depends on the gates before it, so each is measured after those opened.
        const auto encoded = model->encode(ids, MaskMode::Soft);
        const auto logAlpha = encoded.gates.at(g).logAlpha.to(torch::kDouble);
        // ln alpha -> logit: z = ln alpha - ln(1 - alpha)
        const auto logits = logAlpha - torch::log1p(-logAlpha.exp().clamp_max(1.0 - 1e-15));
        if (!droppable.any().item<bool>()) break;
        const double lowest = logits.masked_select(droppable).min().item<double>();
        if (lowest >= wanted) continue;
        offsets[g] = wanted - lowest;
        gate->addLogitOffset(offsets[g]);
    }
    model->train(wasTraining);
    return offsets;
}

}  // namespace megatoken
