#include "core/engine/model/MegatokenEncoder.h"
#include "core/engine/model/Dropout.h"

#include <algorithm>
#include <cmath>

#include <stdexcept>

#include "core/compression/KeepRatioTarget.h"
#include "core/engine/model/AttentionBias.h"
#include "core/engine/model/FixedRuleGate.h"
#include "core/engine/model/StackInputs.h"
#include "core/engine/model/TokenGate.h"
#include "core/engine/model/TokenMerge.h"

namespace megatoken {

MegatokenEncoderImpl::MegatokenEncoderImpl(const ModelConfig& config, torch::nn::Embedding sharedEmbedding)
    : config_(config)
{
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
            std::shared_ptr<GateModuleImpl> gate;
            if (config.gates.rule == GateRule::Learned)
                gate = TokenGate(config.gates, config.dModel, config.layerNormEpsilon).ptr();
            else
                gate = FixedRuleGate(config.gates.rule).ptr();
            gates->push_back(gate);
            gateModules_.push_back(gate);
            if (gate->readsAttention()) blocks[b]->as<EncoderBlock>()->selfAttention->setRecordWeights(true);
        }
    }
    finalNorm = register_module("final_norm", RMSNorm(config.dModel, config.layerNormEpsilon));
}

GateDecision MegatokenEncoderImpl::applyGate(std::size_t gateIndex, std::int64_t block, const torch::Tensor& x,
                                             const torch::Tensor& neverDrop, const torch::Tensor& alive)
{
    auto& gate = *gateModules_[gateIndex];
    const auto attention =
        gate.readsAttention() ? blocks[block]->as<EncoderBlock>()->selfAttention->lastWeights() : torch::Tensor();
    return gate.decide(x, neverDrop, alive, attention);
}

namespace {

// Scatters the [B, M] kept flags of the gathered sequence back to the input's [B, L] (kept is
// false on the gathered padding, so the padding slots scatter nothing).
torch::Tensor keptInInputCoordinates(const torch::Tensor& kept, const torch::Tensor& positions,
                                     std::int64_t inputLength)
{
    return torch::zeros({kept.size(0), inputLength}, kept.options()).scatter(1, positions, kept);
}

// The [B, H, M, M] relative bias between gathered tokens, looked up in the input's [1, H, L, L]
// bias by their original positions: two cheap index operations instead of recomputing buckets.
torch::Tensor gatheredPositionBias(const torch::Tensor& inputBias, const torch::Tensor& positions)
{
    const std::int64_t heads = inputBias.size(1), length = inputBias.size(2);
    const std::int64_t batch = positions.size(0), kept = positions.size(1);
    const auto pairs = (positions.unsqueeze(2) * length + positions.unsqueeze(1)).reshape({-1});
    return inputBias.reshape({heads, length * length})
        .index_select(1, pairs)
        .view({heads, batch, kept, kept})
        .permute({1, 0, 2, 3});
}

}  // namespace

EncoderOutput MegatokenEncoderImpl::forward(const torch::Tensor& inputIds, MaskMode mode)
{
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
    x = megatoken::dropout(x, config_.dropout, is_training());

    auto paddingBias = bias::padding(padding);
    const auto positionBias = relativeBias->forward(length, length);  // once per stack
    auto baseBias = positionBias + paddingBias;

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
    // The mechanisms of docs/gate-mechanisms.md; with the defaults none of them acts.
    const bool multiplicative = config_.gates.mask == GateMask::Multiplicative;
    const bool columnsOnly = config_.gates.form == GateForm::MrT5;  // MrT5: a key bias, no row term
    const bool merging = config_.gates.merge != GateMerge::None;
    torch::Tensor sizes;    // merging: how many input tokens each token stands for (0 on padding)
    torch::Tensor keyMask;  // multiplicative: [B, M] the keys' mask after the gates so far
    if (merging) sizes = padding.logical_not().to(x.scalar_type());
    torch::Tensor penalty;  // the sum of the blocks' attention-score penalties
    // The multiplicative mask as the mode sees it: soft, hard, or hard with the soft gradient.
    const auto multiplicativeMask = [&]() -> torch::Tensor {
        const auto hard = kept.to(x.scalar_type());
        switch (mode) {
            case MaskMode::Soft: return torch::exp(g);
            case MaskMode::Threshold:
            case MaskMode::HardRemoval: return hard;
            case MaskMode::StraightThrough: {
                const auto soft = torch::exp(gSoft);
                return hard + (soft - soft.detach());
            }
        }
        return hard;
    };

    std::size_t gateIndex = 0;
    for (std::int64_t b = 0; b < config_.encoderLayers; ++b) {
        const bool gated = gateIndex < gatedBlocks_.size() && gatedBlocks_[gateIndex] == b;
        if (gated && resetElement0.defined()) x = x * resetElement0;  // every gate starts from a neutral score
        auto blockBias = baseBias;
        torch::Tensor keyScale;
        if (gateIndex > 0) {
            if (multiplicative)
                keyScale = bias::selfKeyScale(keyMask);
            else
                blockBias = blockBias + (columnsOnly ? bias::gateColumns(g) : bias::gatePairs(g));
            if (merging) blockBias = blockBias + proportionalAttentionBias(sizes);
        }
        auto& block = *blocks[b]->as<EncoderBlock>();
        x = block.forward(x, blockBias, keyScale);
        if (trackScorePenalty_) {
            const auto& p = block.selfAttention->lastScorePenalty();
            penalty = penalty.defined() ? penalty + p : p;
        }
        if (!gated) continue;

        auto gate = applyGate(gateIndex, b, x, neverDrop, kept);
        x = gate.hidden;
        const auto& logAlpha = gate.logAlpha;
        const auto& softLogAlpha = gate.softLogAlpha.defined() ? gate.softLogAlpha : logAlpha;
        if (!removing) gSoft = gSoft + softLogAlpha;  // a trace only; removal keeps none
        switch (mode) {
            case MaskMode::Soft: g = g + logAlpha; break;
            case MaskMode::Threshold:
            case MaskMode::HardRemoval: g = g + bias::thresholdLogAlpha(logAlpha, threshold); break;
            case MaskMode::StraightThrough: g = g + bias::straightThroughLogAlpha(logAlpha, threshold); break;
        }
        const auto alive = kept;
        kept = kept & (logAlpha > threshold);
        torch::Tensor mergedInto;
        if (merging) {
            auto merged = mergeDropped(config_.gates.merge, x, sizes, alive, kept);
            x = merged.hidden;
            sizes = merged.sizes;
            if (!removing)
                mergedInto =
                    torch::where(alive & kept.logical_not(), merged.target, torch::full_like(merged.target, -1));
        }
        const double keepTarget = gateModules_[gateIndex]->keepTarget();
        if (!removing) {
            out.gates.push_back(
                GateTrace{b, softLogAlpha, gSoft, kept, alive & neverDrop.logical_not(), mergedInto, keepTarget});
            if (multiplicative) keyMask = multiplicativeMask();
            ++gateIndex;
            continue;
        }
        // Only the kept flags go back to the input's coordinates: the scores of a shorter
        // sequence have no input-sized form, and the inspector uses the threshold mask.
        out.gates.push_back(
            GateTrace{b, {}, {}, keptInInputCoordinates(kept, positionIds, length), {}, {}, keepTarget});
        ++gateIndex;

        if (x.size(0) == 1) {
            // One text (interactive latency): its kept tokens in order, no padding to track.
            const auto index = kept[0].nonzero().squeeze(1);
            x = x.index_select(1, index);
            g = g.index_select(1, index);
            if (merging) sizes = sizes.index_select(1, index);
            positionIds = positionIds.index_select(1, index);
            neverDrop = neverDrop.index_select(1, index);
            padding = torch::zeros_like(neverDrop);
            kept = padding.logical_not();
            paddingBias = torch::zeros({1, 1, 1, index.size(0)}, g.options());
            baseBias = gatheredPositionBias(positionBias, positionIds);
            if (multiplicative) keyMask = multiplicativeMask();
            continue;
        }
        // Gather each row's kept tokens, in order, to the front; re-pad to the longest row.
        const auto keptCount = kept.sum(1);
        const std::int64_t newLength = std::max<std::int64_t>(1, keptCount.max().item<std::int64_t>());
        const auto current = kept.size(1);
        const auto sortKey =
            kept.logical_not().to(torch::kLong) * current + torch::arange(current, positionIds.options()).unsqueeze(0);
        const auto index = std::get<1>(sortKey.sort(1)).narrow(1, 0, newLength);
        x = x.gather(1, index.unsqueeze(-1).expand({-1, -1, x.size(2)}));
        g = g.gather(1, index);
        positionIds = positionIds.gather(1, index);
        padding = torch::arange(newLength, keptCount.options()).unsqueeze(0).ge(keptCount.unsqueeze(1));
        if (merging) sizes = sizes.gather(1, index).masked_fill(padding, 0.0);
        neverDrop = neverDrop.gather(1, index) | padding;
        kept = padding.logical_not();
        paddingBias = bias::padding(padding);
        baseBias = gatheredPositionBias(positionBias, positionIds) + paddingBias;
        if (multiplicative) keyMask = multiplicativeMask();
    }
    out.hidden = megatoken::dropout(finalNorm->forward(x), config_.dropout, is_training());
    if (multiplicative && keyMask.defined()) {
        out.crossBias = paddingBias;
        out.crossScale = keyMask.unsqueeze(1).unsqueeze(1);
    } else {
        out.crossBias = g.unsqueeze(1).unsqueeze(1) + paddingBias;
    }
    if (merging) out.crossBias = out.crossBias + proportionalAttentionBias(sizes);
    if (penalty.defined()) out.scorePenalty = penalty / static_cast<double>(config_.encoderLayers);
    if (removing) out.positions = positionIds;
    return out;
}

void MegatokenEncoderImpl::setKeepTarget(double overall)
{
    const double perGate = KeepRatioTarget::perGate(overall, gateModules_.size());
    for (const auto& gate : gateModules_) gate->setKeepTarget(perGate);
}

void MegatokenEncoderImpl::setTrackScorePenalty(bool track)
{
    trackScorePenalty_ = track;
    for (const auto& block : *blocks) block->as<EncoderBlock>()->selfAttention->setTrackScorePenalty(track);
}

void MegatokenEncoderImpl::setRecordAttention(bool record)
{
    std::size_t gateIndex = 0;
    for (std::int64_t b = 0; b < config_.encoderLayers; ++b) {
        // A gate that reads attention keeps its block recording: it needs the probabilities.
        bool gateNeedsIt = false;
        if (config_.isGatedBlock(b)) gateNeedsIt = gateModules_[gateIndex++]->readsAttention();
        blocks[b]->as<EncoderBlock>()->selfAttention->setRecordWeights(record || gateNeedsIt);
    }
}

std::vector<torch::Tensor> MegatokenEncoderImpl::lastAttention() const
{
    std::vector<torch::Tensor> weights;
    for (const auto& block : *blocks) weights.push_back(block->as<EncoderBlock>()->selfAttention->lastWeights());
    return weights;
}

}  // namespace megatoken
