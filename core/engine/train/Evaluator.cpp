#include "core/engine/train/Evaluator.h"

#include <algorithm>
#include <chrono>
#include <numeric>

#include "core/engine/train/BatchTensor.h"
#include "core/engine/train/CompressionLoss.h"
#include "core/feedback/Feedback.h"
#include "core/tokenizer/Tokenizer.h"

namespace megatoken {
namespace {

std::vector<int> rowIds(const torch::Tensor& row, std::int64_t padId, std::int64_t eosId)
{
    std::vector<int> ids;
    const auto cpu = row.to(torch::kCPU);
    const auto accessor = cpu.accessor<std::int64_t, 1>();
    for (std::int64_t t = 0; t < cpu.size(0); ++t) {
        const auto id = accessor[t];
        if (id == eosId) break;
        if (id != padId) ids.push_back(static_cast<int>(id));
    }
    return ids;
}

}  // namespace

EvaluationTally evaluateTexts(MegatokenModel& model, const EncodedCorpus& corpus,
                              const std::vector<std::size_t>& indices, const Tokenizer& tokenizer,
                              const EvalOptions& options, const torch::Device& device, Feedback* feedback)
{
    const bool wasTraining = model->is_training();
    // The training mode comes back however this ends: results, an error, or Cancelled.
    struct RestoreMode {
        MegatokenModel& model;
        bool training;
        ~RestoreMode() { model->train(training); }
    } restoreMode{model, wasTraining};
    model->eval();
    torch::NoGradGuard noGrad;
    const auto& config = model->config();

    const std::size_t count = indices.size();
    // Sorted by length so batches pad little; results do not depend on the order.
    std::vector<std::size_t> order = indices;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return corpus.sequences[a].size() < corpus.sequences[b].size();
    });

    EvaluationTally tally;
    tally.freeRunning = options.freeRunning;
    tally.keptSum.assign(static_cast<std::size_t>(config.gateCount()), 0.0);
    tally.indices = order;
    tally.predictions.resize(count);

    for (std::size_t begin = 0; begin < count; begin += static_cast<std::size_t>(options.batchSize)) {
        if (feedback) {
            feedback->throwIfCancelled();
            feedback->setProgress(count ? static_cast<double>(begin) / static_cast<double>(count) : 0.0);
        }
        const std::size_t end = std::min(count, begin + static_cast<std::size_t>(options.batchSize));
        const Batch batch(order.begin() + static_cast<std::ptrdiff_t>(begin),
                          order.begin() + static_cast<std::ptrdiff_t>(end));
        const auto ids = makeBatchTensor(corpus, batch, config.padId, device);
        const auto labelMask = ids.ne(config.padId);
        tally.tokens += labelMask.sum().item<double>();

        // Dropped tokens removed: the same outputs as the threshold mask (tst_hard_removal_torch),
        // and the decoder's greedy steps read the shorter memory.
        const auto hard = model->forward(ids, MaskMode::HardRemoval);
        const auto hardArgmax = hard.logits.argmax(-1);
        tally.correctHard += (hardArgmax.eq(ids) & labelMask).sum().item<double>();
        tally.crossEntropySum +=
            torch::nn::functional::cross_entropy(
                hard.logits.reshape({-1, config.vocabSize}), ids.reshape({-1}),
                torch::nn::functional::CrossEntropyFuncOptions().ignore_index(config.padId).reduction(torch::kSum))
                .item<double>();
        for (std::size_t g = 0; g < hard.encoder.gates.size(); ++g)
            tally.keptSum[g] += hard.encoder.gates[g].kept.sum().item<double>();

        const auto soft = model->forward(ids, MaskMode::Soft);
        tally.correctSoft += (soft.logits.argmax(-1).eq(ids) & labelMask).sum().item<double>();
        tally.softKeepRatioSum +=
            compressionLoss(soft.encoder, config.dKv).overallRatio.item<double>() * static_cast<double>(batch.size());

        torch::Tensor generated;
        if (options.freeRunning) {
            generated = model->greedyDecode(hard.encoder, options.decodeMaxLength, feedback);
            // Position-wise accuracy against the labels; positions never generated count as wrong.
            const std::int64_t overlap = std::min(generated.size(1), ids.size(1));
            tally.correctFree +=
                (generated.narrow(1, 0, overlap).eq(ids.narrow(1, 0, overlap)) & labelMask.narrow(1, 0, overlap))
                    .sum()
                    .item<double>();
        }

        const auto keptLast = hard.encoder.gates.empty() ? labelMask : hard.encoder.gates.back().kept;
        const auto idsCpu = ids.to(torch::kCPU);
        const auto keptCpu = keptLast.to(torch::kCPU).contiguous();
        const auto idsAccess = idsCpu.accessor<std::int64_t, 2>();
        const auto keptAccess = keptCpu.accessor<bool, 2>();
        for (std::size_t row = 0; row < batch.size(); ++row) {
            Prediction& p = tally.predictions[begin + row];
            const auto r = static_cast<std::int64_t>(row);
            p.input = tokenizer.decode(rowIds(idsCpu[r], config.padId, config.eosId));
            p.teacherForced = tokenizer.decodeModelOutput(rowIds(hardArgmax[r], config.padId, config.eosId));
            if (generated.defined())
                p.freeRunning = tokenizer.decodeModelOutput(rowIds(generated[r], config.padId, config.eosId));
            for (std::int64_t t = 0; t < idsCpu.size(1); ++t) {
                if (!keptAccess[r][t]) continue;
                if (!p.keptPieces.empty()) p.keptPieces += ' ';
                p.keptPieces += tokenizer.displayPiece(static_cast<int>(idsAccess[r][t]));
            }
        }
    }
    if (feedback) feedback->setProgress(1.0);
    return tally;
}

EvaluationResult evaluate(MegatokenModel& model, const EncodedCorpus& corpus, const Tokenizer& tokenizer,
                          const EvalOptions& options, const torch::Device& device, Feedback* feedback)
{
    const auto start = std::chrono::steady_clock::now();
    std::size_t count = corpus.size();
    if (options.maxTexts > 0) count = std::min<std::size_t>(count, static_cast<std::size_t>(options.maxTexts));
    std::vector<std::size_t> indices(count);
    std::iota(indices.begin(), indices.end(), std::size_t{0});
    const EvaluationTally tally = evaluateTexts(model, corpus, indices, tokenizer, options, device, feedback);
    EvaluationResult result;
    result.metrics = metricsFrom(tally);
    result.predictions = predictionsInOrder(tally);
    result.metrics.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

}  // namespace megatoken
