#include "core/engine/train/InferenceTiming.h"

#include <algorithm>
#include <chrono>
#include <numeric>

#include "core/engine/train/BatchTensor.h"
#include "core/feedback/Feedback.h"

namespace megatoken {

InferenceTiming timeInference(MegatokenModel& model, const EncodedCorpus& corpus, MaskMode mode, std::int64_t batchSize,
                              std::int64_t maxTexts, int repeats, const torch::Device& device, const Feedback* feedback)
{
    struct RestoreMode {
        MegatokenModel& model;
        bool training;
        ~RestoreMode() { model->train(training); }
    } restoreMode{model, model->is_training()};
    model->eval();
    torch::NoGradGuard noGrad;
    const auto& config = model->config();
    std::size_t count = corpus.size();
    if (maxTexts > 0) count = std::min(count, static_cast<std::size_t>(maxTexts));
    std::vector<std::size_t> order(count);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return corpus.sequences[a].size() < corpus.sequences[b].size();
    });
    // The batches are built once: the timing is the model's, not the data pipeline's.
    std::vector<torch::Tensor> batches;
    InferenceTiming timing;
    for (std::size_t begin = 0; begin < count; begin += static_cast<std::size_t>(batchSize)) {
        const std::size_t end = std::min(count, begin + static_cast<std::size_t>(batchSize));
        const Batch batch(order.begin() + static_cast<std::ptrdiff_t>(begin),
                          order.begin() + static_cast<std::ptrdiff_t>(end));
        batches.push_back(makeBatchTensor(corpus, batch, config.padId, device));
        timing.tokens += batches.back().ne(config.padId).sum().item<std::int64_t>();
    }
    timing.batches = static_cast<std::int64_t>(batches.size());
    if (batches.empty()) return timing;

    double kept = 0;
    std::vector<double> passSeconds;
    for (int pass = 0; pass <= std::max(1, repeats); ++pass) {  // pass 0 warms up
        const auto start = std::chrono::steady_clock::now();
        for (const auto& ids : batches) {
            if (feedback) feedback->throwIfCancelled();
            const auto out = model->forward(ids, mode);
            if (pass == 0 && !out.encoder.gates.empty()) kept += out.encoder.gates.back().kept.sum().item<double>();
            (void)out.logits[0][0][0].item<float>();  // waits for an asynchronous (CUDA) device
        }
        if (pass > 0)
            passSeconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(passSeconds.begin(), passSeconds.end());
    const double median = passSeconds[passSeconds.size() / 2];
    timing.tokensPerSecond = static_cast<double>(timing.tokens) / std::max(1e-9, median);
    timing.secondsPerBatch = median / static_cast<double>(batches.size());
    timing.keptFraction =
        model->encoder->gates->size() == 0 ? 1.0 : kept / std::max<double>(1, static_cast<double>(timing.tokens));
    return timing;
}

}  // namespace megatoken
