#include "core/engine/inspect/InspectText.h"

#include <algorithm>

#include "core/tokenizer/Tokenizer.h"

namespace megatoken {

Inspection inspectText(MegatokenModel& model, const Tokenizer& tokenizer, const std::string& text,
                       std::int64_t maxTokens, const torch::Device& device, std::optional<double> threshold)
{
    torch::NoGradGuard noGrad;
    const bool wasTraining = model->is_training();
    model->eval();
    const auto& config = model->config();
    const double savedThreshold = model->encoder->threshold();
    if (threshold) model->encoder->setThreshold(*threshold);

    Inspection result;
    result.text = text;
    result.threshold = model->encoder->threshold();
    result.dKv = config.dKv;
    auto ids = tokenizer.encode(text);
    if (maxTokens > 1 && static_cast<std::int64_t>(ids.size()) + 1 > maxTokens)
        ids.resize(static_cast<std::size_t>(maxTokens - 1));
    ids.push_back(tokenizer.eosId());
    std::vector<std::int64_t> ids64(ids.begin(), ids.end());
    const auto input = torch::tensor(ids64, torch::kLong).unsqueeze(0).to(device);

    model->encoder->setRecordAttention(true);
    const auto encoded = model->encode(input, MaskMode::Threshold);
    const auto attention = model->encoder->lastAttention();
    model->encoder->setRecordAttention(false);
    const auto logits = model->decodeLogits(model->shiftRight(input), encoded);
    const auto generated = model->greedyDecode(encoded, maxTokens);

    const std::size_t n = ids.size();
    for (std::size_t b = 0; b < attention.size(); ++b) {
        const auto weights = attention[b][0].to(torch::kCPU, torch::kFloat).contiguous();  // [H, L, L]
        BlockAttention block;
        block.block = static_cast<std::int64_t>(b);
        block.heads = weights.size(0);
        block.length = weights.size(1);
        block.weights.assign(weights.data_ptr<float>(), weights.data_ptr<float>() + weights.numel());
        result.attention.push_back(std::move(block));
    }
    result.pieces.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        result.pieces[i].id = ids[i];
        result.pieces[i].piece = tokenizer.piece(ids[i]);
        result.pieces[i].display = tokenizer.displayPiece(ids[i]);
    }
    for (std::size_t g = 0; g < encoded.gates.size(); ++g) {
        const auto& gate = encoded.gates[g];
        result.gateBlocks.push_back(gate.block);
        // Whole rows at once through accessors: per-element item() calls cost more than the model.
        const auto logAlpha = gate.logAlpha[0].to(torch::kCPU, torch::kDouble).contiguous();
        const auto accumulated = gate.accumulated[0].to(torch::kCPU, torch::kDouble).contiguous();
        const auto kept = gate.kept[0].to(torch::kCPU).contiguous();
        const auto logAlphaAt = logAlpha.accessor<double, 1>();
        const auto accumulatedAt = accumulated.accessor<double, 1>();
        const auto keptAt = kept.accessor<bool, 1>();
        // Attention of the block this gate follows, averaged over heads, without each token's
        // attention to itself: the top three others of every row in one topk.
        auto weights = attention.at(static_cast<std::size_t>(gate.block))[0].mean(0).to(torch::kCPU, torch::kDouble);
        weights.fill_diagonal_(-1.0);
        const std::int64_t topCount = std::min<std::int64_t>(3, static_cast<std::int64_t>(n) - 1);
        const auto top = weights.topk(std::max<std::int64_t>(topCount, 0), 1);
        const auto topWeights = std::get<0>(top).contiguous();
        const auto topIndices = std::get<1>(top).contiguous();
        const auto topWeightsAt = topWeights.accessor<double, 2>();
        const auto topIndicesAt = topIndices.accessor<std::int64_t, 2>();
        for (auto& p : result.pieces) p.absorbed.emplace_back();
        if (gate.mergedInto.defined()) {
            // Which kept piece absorbed which dropped pieces here (gates.merge).
            const auto target = gate.mergedInto[0].to(torch::kCPU).contiguous();
            const auto targetAt = target.accessor<std::int64_t, 1>();
            for (std::size_t i = 0; i < n; ++i) {
                const auto into = targetAt[static_cast<std::int64_t>(i)];
                if (into < 0 || static_cast<std::size_t>(into) >= n) continue;
                result.pieces[i].mergedInto = static_cast<int>(into);
                result.pieces[static_cast<std::size_t>(into)].absorbed.back().push_back(static_cast<int>(i));
            }
        }
        int keptCount = 0;
        for (std::size_t i = 0; i < n; ++i) {
            auto& p = result.pieces[i];
            const auto t = static_cast<std::int64_t>(i);
            p.logAlpha.push_back(logAlphaAt[t]);
            p.accumulated.push_back(accumulatedAt[t]);
            const bool isKept = keptAt[t];
            keptCount += isKept ? 1 : 0;
            if (!isKept && p.droppedAtGate < 0) p.droppedAtGate = static_cast<int>(g);
            std::vector<std::pair<int, double>> attended;
            for (std::int64_t k = 0; k < topCount; ++k)
                attended.emplace_back(static_cast<int>(topIndicesAt[t][k]), topWeightsAt[t][k]);
            p.topAttended.push_back(std::move(attended));
        }
        result.keptCount.push_back(keptCount);
    }
    for (const auto& p : result.pieces)
        if (p.droppedAtGate < 0) result.megatokens.push_back(p.display);

    const auto toIds = [&](const torch::Tensor& row) {
        std::vector<int> out;
        const auto cpu = row.to(torch::kCPU);
        for (std::int64_t t = 0; t < cpu.size(0); ++t) {
            const auto id = cpu[t].item<std::int64_t>();
            if (id == config.eosId) break;
            if (id != config.padId) out.push_back(static_cast<int>(id));
        }
        return out;
    };
    const auto predicted = logits.argmax(-1)[0];
    result.reconstructionTeacherForced = tokenizer.decodeModelOutput(toIds(predicted));
    result.tokenAccuracyTeacherForced = predicted.eq(input[0]).to(torch::kDouble).mean().item<double>();
    result.reconstructionFree = tokenizer.decodeModelOutput(toIds(generated[0]));

    // The cross-attention behind the free-running reconstruction: the generated pieces up to and
    // including EOS, decoded once more teacher-forced with the decoder's recording on.
    std::vector<std::int64_t> outputIds;
    {
        const auto cpu = generated[0].to(torch::kCPU);
        for (std::int64_t t = 0; t < cpu.size(0); ++t) {
            const auto id = cpu[t].item<std::int64_t>();
            outputIds.push_back(id);
            if (id == config.eosId) break;
        }
    }
    if (!outputIds.empty()) {
        const auto output = torch::tensor(outputIds, torch::kLong).unsqueeze(0).to(device);
        model->decoder->setRecordCrossAttention(true);
        model->decodeLogits(model->shiftRight(output), encoded);
        const auto cross = model->decoder->lastCrossAttention();
        model->decoder->setRecordCrossAttention(false);
        CrossAttention& c = result.crossAttention;
        c.blocks = static_cast<std::int64_t>(cross.size());
        c.outputLength = static_cast<std::int64_t>(outputIds.size());
        c.inputLength = static_cast<std::int64_t>(n);
        for (const auto id : outputIds) c.outputPieces.push_back(tokenizer.displayPiece(static_cast<int>(id)));
        for (const auto& block : cross) {
            const auto weights = block[0].to(torch::kCPU, torch::kFloat).contiguous();  // [H, T, L]
            c.heads = weights.size(0);
            c.outputLength = weights.size(1);
            c.inputLength = weights.size(2);  // the memory: every piece, dropped ones masked out
            c.weights.insert(c.weights.end(), weights.data_ptr<float>(), weights.data_ptr<float>() + weights.numel());
        }
    }
    model->encoder->setThreshold(savedThreshold);
    model->train(wasTraining);
    return result;
}

}  // namespace megatoken
