#include "core/model/MegatokenEncoder.h"

#include <algorithm>
#include <cmath>

#include <stdexcept>

#include "core/model/AttentionBias.h"
#include "core/model/StackInputs.h"

namespace megatoken {

MegatokenEncoderImpl::MegatokenEncoderImpl(const ModelConfig& config, torch::nn::Embedding sharedEmbedding)
    : config_(config) {
    // Shared with the model, which registers it: registering it here too would list the same
    // tensor three times in parameters(), and the optimizer would update it three times.
    embedding = std::move(sharedEmbedding);
    if (config.absolutePositions) positions = register_module("positions", makeAbsolutePositions(config));
    relativeBias = register_module("relative_bias", makeRelativeBias(config, /*bidirectional=*/true));
    blocks = register_module("blocks", torch::nn::ModuleList());
    gates = register_module("gates", torch::nn::ModuleList());
    for (std::int64_t b = 0; b < config.encoderLayers; ++b) {
        blocks->push_back(EncoderBlock(config));
        if (config.isGatedBlock(b)) {
            gatedBlocks_.push_back(b);
            if (config.gates.rule == GateRule::Learned) {
                gates->push_back(TokenGate(config.gates, config.dModel, config.layerNormEpsilon));
            } else {
                gates->push_back(FixedRuleGate(config.gates.rule));
                // The attention rule reads the probabilities of the block before the gate.
                if (config.gates.rule == GateRule::AttentionReceived)
                    blocks[b]->as<EncoderBlock>()->selfAttention->setRecordWeights(true);
            }
        }
    }
    finalNorm = register_module("final_norm", RMSNorm(config.dModel, config.layerNormEpsilon));
}

MegatokenEncoderImpl::GateResult MegatokenEncoderImpl::applyGate(std::size_t gateIndex, std::int64_t block,
                                                                const torch::Tensor& x, const torch::Tensor& neverDrop,
                                                                const torch::Tensor& alive) {
    if (auto* learned = gates[gateIndex]->as<TokenGate>()) return {learned->forward(x, neverDrop, alive), x};
    auto* rule = gates[gateIndex]->as<FixedRuleGate>();
    const auto attention = rule->rule() == GateRule::AttentionReceived
                               ? blocks[block]->as<EncoderBlock>()->selfAttention->lastWeights()
                               : torch::Tensor();
    auto decision = rule->forward(x, neverDrop, alive, attention);
    return {decision.logAlpha, decision.hidden};
}

namespace {

// Scatters [B, M] values of the (possibly gathered) sequence back to the input's [B, L]; slots
// that are padding in the gathered sequence are left at `fill`.
torch::Tensor toInputCoordinates(const torch::Tensor& values, const torch::Tensor& positions,
                                 const torch::Tensor& gatheredPadding, std::int64_t inputLength, double fill) {
    auto full = torch::full({values.size(0), inputLength}, fill, values.options());
    const auto kept = values.masked_fill(gatheredPadding, fill);
    return full.scatter(1, positions, kept);
}

}  // namespace

EncoderOutput MegatokenEncoderImpl::forward(const torch::Tensor& inputIds, MaskMode mode) {
    const std::int64_t length = inputIds.size(1);
    if (config_.absolutePositions && length > config_.maxPositions)
        throw std::invalid_argument("encoder: sequence of " + std::to_string(length) +
                                    " tokens exceeds model.max_positions = " + std::to_string(config_.maxPositions));
    const bool removing = mode == MaskMode::HardRemoval;
    EncoderOutput out;
    out.padMask = inputIds.eq(config_.padId);
    // The state of the (possibly gathered) sequence: padding, never-droppable tokens, original
    // positions and the accumulated ln alpha, all [B, M].
    auto padding = out.padMask;
    auto neverDrop = padding | inputIds.eq(config_.eosId);
    auto positionIds = torch::arange(length, inputIds.options()).unsqueeze(0).expand({inputIds.size(0), length});

    auto x = embedding->forward(inputIds);
    if (positions) x = x + positions->forward(torch::arange(length, inputIds.options())).unsqueeze(0);
    x = torch::dropout(x, config_.dropout, is_training());

    auto paddingBias = bias::padding(padding);
    auto baseBias = relativeBias->forward(length, length) + paddingBias;  // once per stack (per gather when removing)

    // g: accumulated ln alpha as the masks see it (soft, thresholded or straight-through).
    auto g = torch::zeros({inputIds.size(0), length}, x.options());
    auto gSoft = g;
    auto kept = padding.logical_not();
    torch::Tensor resetElement0;
    if (config_.gates.resetElement0) {
        resetElement0 = torch::ones({config_.dModel}, x.options());
        resetElement0[0] = 0.0;
    }
    const double threshold = config_.gates.threshold;

    std::size_t gateIndex = 0;
    for (std::int64_t b = 0; b < config_.encoderLayers; ++b) {
        const bool gated = gateIndex < gatedBlocks_.size() && gatedBlocks_[gateIndex] == b;
        if (gated && resetElement0.defined()) x = x * resetElement0;  // every gate starts from a neutral score
        const auto blockBias = gateIndex == 0 ? baseBias : baseBias + bias::gatePairs(g);
        x = blocks[b]->as<EncoderBlock>()->forward(x, blockBias);
        if (!gated) continue;

        auto gate = applyGate(gateIndex, b, x, neverDrop, kept);
        x = gate.hidden;
        const auto& logAlpha = gate.logAlpha;
        gSoft = gSoft + logAlpha;
        switch (mode) {
            case MaskMode::Soft: g = g + logAlpha; break;
            case MaskMode::Threshold:
            case MaskMode::HardRemoval: g = g + bias::thresholdLogAlpha(logAlpha, threshold); break;
            case MaskMode::StraightThrough: g = g + bias::straightThroughLogAlpha(logAlpha, threshold); break;
        }
        kept = kept & (logAlpha > threshold);
        if (!removing) {
            out.gates.push_back(GateTrace{b, logAlpha, gSoft, kept});
            ++gateIndex;
            continue;
        }
        out.gates.push_back(GateTrace{b, toInputCoordinates(logAlpha, positionIds, padding, length, 0.0),
                                      toInputCoordinates(gSoft, positionIds, padding, length, 0.0),
                                      toInputCoordinates(kept, positionIds, padding, length, 0.0).to(torch::kBool)});
        ++gateIndex;

        // Gather each row's kept tokens, in order, to the front; re-pad to the longest row.
        const auto keptCount = kept.sum(1);
        const std::int64_t newLength = std::max<std::int64_t>(1, keptCount.max().item<std::int64_t>());
        const auto current = kept.size(1);
        const auto sortKey = kept.logical_not().to(torch::kLong) * current +
                             torch::arange(current, positionIds.options()).unsqueeze(0);
        const auto index = std::get<1>(sortKey.sort(1)).narrow(1, 0, newLength);
        x = x.gather(1, index.unsqueeze(-1).expand({-1, -1, x.size(2)}));
        g = g.gather(1, index);
        gSoft = gSoft.gather(1, index);
        positionIds = positionIds.gather(1, index);
        padding = torch::arange(newLength, keptCount.options()).unsqueeze(0).ge(keptCount.unsqueeze(1));
        neverDrop = neverDrop.gather(1, index) | padding;
        kept = padding.logical_not();
        paddingBias = bias::padding(padding);
        baseBias = relativeBias->forPositions(positionIds, positionIds) + paddingBias;
    }
    out.hidden = torch::dropout(finalNorm->forward(x), config_.dropout, is_training());
    out.crossBias = g.unsqueeze(1).unsqueeze(1) + paddingBias;
    if (removing) out.positions = positionIds;
    return out;
}

void MegatokenEncoderImpl::setKeepTarget(double overall) {
    if (gates->size() == 0) return;
    const double perGate = std::pow(std::clamp(overall, 1e-6, 1.0), 1.0 / static_cast<double>(gates->size()));
    for (const auto& gate : *gates) {
        if (auto* learned = gate->as<TokenGate>()) learned->setKeepTarget(perGate);
        if (auto* rule = gate->as<FixedRuleGate>()) rule->setKeepTarget(perGate);
    }
}

void MegatokenEncoderImpl::setRecordAttention(bool record) {
    for (std::int64_t b = 0; b < config_.encoderLayers; ++b) {
        // The attention rule's gated blocks keep recording: the rule needs their probabilities.
        const bool ruleNeedsIt = config_.gates.rule == GateRule::AttentionReceived && config_.isGatedBlock(b);
        blocks[b]->as<EncoderBlock>()->selfAttention->setRecordWeights(record || ruleNeedsIt);
    }
}

std::vector<torch::Tensor> MegatokenEncoderImpl::lastAttention() const {
    std::vector<torch::Tensor> weights;
    for (const auto& block : *blocks) weights.push_back(block->as<EncoderBlock>()->selfAttention->lastWeights());
    return weights;
}

}  // namespace megatoken
