// Inference speed of a trained run with its tokens dropped three ways: full (gates open, nothing
// dropped), threshold-masked (dropped tokens masked: the same work as full) and hard-removed
// (dropped tokens gathered out, so later blocks and the decoder's cross-attention run shorter).
// Throughput at batch 64 and latency at batch 1, teacher-forced encoder+decoder, beside the
// analytic FLOP ratio that hard removal should approach. Prints one JSON object.
//
//   bench_inference RUN_DIR [--texts 1024] [--batch 64] [--single 200] [--repeats 5] [--threads N]

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <limits>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/compression/FlopCount.h"
#include "core/config/CorpusSpecFromConfig.h"
#include "core/data/EncodedCorpus.h"
#include "core/data/SplitReader.h"
#include "core/engine/train/BatchTensor.h"
#include "core/engine/train/InferenceTiming.h"
#include "core/engine/train/RunLoader.h"
#include "core/platform/BlasKernels.h"

using namespace megatoken;

namespace {

// Per-text FLOPs with and without removal, from the gates' real decisions on these texts.
std::pair<double, double> analyticFlops(MegatokenModel& model, const EncodedCorpus& corpus)
{
    torch::NoGradGuard noGrad;
    model->eval();
    const auto& config = model->config();
    double full = 0, removed = 0;
    for (std::size_t i = 0; i < corpus.size(); ++i) {
        const auto ids = makeBatchTensor(corpus, Batch{i}, config.padId, torch::kCPU);
        const auto length = ids.size(1);
        const auto out = model->encode(ids, MaskMode::Threshold);
        std::vector<std::int64_t> kept;
        for (const auto& gate : out.gates) kept.push_back(gate.kept.sum().item<std::int64_t>());
        const auto lengths = encoderLengthsWithRemoval(config, length, kept);
        full += forwardFlops(config, std::vector<std::int64_t>(lengths.size(), length), length, length);
        removed += forwardFlops(config, lengths, length, kept.empty() ? length : kept.back());
    }
    return {full, removed};
}

struct Latencies {
    double full = 0, masked = 0, removed = 0;  // medians, ms
};

// Batch 1, one text at a time; the three variants take turns on each text so that a drift in the
// machine's speed (a shared VM) hits them alike.
Latencies medianLatenciesMs(MegatokenModel& model, const EncodedCorpus& corpus, std::size_t count)
{
    torch::NoGradGuard noGrad;
    model->eval();
    const auto padId = model->config().padId;
    const double threshold = model->encoder->threshold();
    std::vector<double> full, masked, removed;
    const auto time = [&](const torch::Tensor& ids, MaskMode mode, double gateThreshold) {
        model->encoder->setThreshold(gateThreshold);
        model->forward(ids, mode);  // warm
        const auto start = std::chrono::steady_clock::now();
        const auto out = model->forward(ids, mode);
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    };
    for (std::size_t i = 0; i < std::min(count, corpus.size()); ++i) {
        const auto ids = makeBatchTensor(corpus, Batch{i}, padId, torch::kCPU);
        full.push_back(time(ids, MaskMode::Threshold, -std::numeric_limits<double>::infinity()));
        masked.push_back(time(ids, MaskMode::Threshold, threshold));
        removed.push_back(time(ids, MaskMode::HardRemoval, threshold));
    }
    model->encoder->setThreshold(threshold);
    const auto median = [](std::vector<double>& v) {
        std::sort(v.begin(), v.end());
        return v.empty() ? 0.0 : v[v.size() / 2];
    };
    return {median(full), median(masked), median(removed)};
}

}  // namespace

int main(int argc, char** argv)
{
    if (const auto note = megatoken::restartWithFastBlasKernels(argv); !note.empty()) std::cerr << note << "\n";
    if (argc < 2 || std::string(argv[1]).rfind("--", 0) == 0) {
        std::cerr << "usage: bench_inference RUN_DIR [--texts 1024] [--batch 64] [--single 200] [--repeats 5] "
                     "[--threads N]\n";
        return 2;
    }
    const std::string runDir = argv[1];
    std::int64_t texts = 1024, batch = 64, single = 200;
    int repeats = 5;
    int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--texts")
            texts = std::stoll(argv[i + 1]);
        else if (flag == "--batch")
            batch = std::stoll(argv[i + 1]);
        else if (flag == "--single")
            single = std::stoll(argv[i + 1]);
        else if (flag == "--repeats")
            repeats = std::stoi(argv[i + 1]);
        else if (flag == "--threads")
            threads = std::stoi(argv[i + 1]);
        else {
            std::cerr << "unknown option " << flag << "\n";
            return 2;
        }
    }
    torch::set_num_threads(threads);
    try {
        LoadedRun run = loadRun(runDir);
        MegatokenModel& model = *run.model;
        const auto raw = readSplitTexts(corpusSpecFor(run.config.data), Split::Test, texts);
        EncodeOptions encode;
        encode.maxTokens = static_cast<std::size_t>(run.config.data.maxTokens);
        encode.minTokens = static_cast<std::size_t>(run.config.data.minTokens);
        const auto corpus = encodeTexts(*run.tokenizer, raw, encode);

        const double threshold = model->encoder->threshold();
        model->encoder->setThreshold(-std::numeric_limits<double>::infinity());  // open gates: nothing dropped
        const auto full = timeInference(model, corpus, MaskMode::Threshold, batch, 0, repeats, torch::kCPU);
        model->encoder->setThreshold(threshold);
        const auto masked = timeInference(model, corpus, MaskMode::Threshold, batch, 0, repeats, torch::kCPU);
        const auto removed = timeInference(model, corpus, MaskMode::HardRemoval, batch, 0, repeats, torch::kCPU);
        const auto latency = medianLatenciesMs(model, corpus, static_cast<std::size_t>(single));
        const double fullLatency = latency.full, maskedLatency = latency.masked, removedLatency = latency.removed;
        const auto [flopsFull, flopsRemoved] = analyticFlops(model, corpus);
        const double flopRatio = flopsFull / flopsRemoved;
        const double speedup = removed.tokensPerSecond / masked.tokensPerSecond;

        const auto figures = [](const InferenceTiming& t, double latency) {
            return nlohmann::json{{"tokens_per_s", t.tokensPerSecond},
                                  {"ms_per_batch", 1000.0 * t.secondsPerBatch},
                                  {"batch1_latency_ms_p50", latency}};
        };
        nlohmann::json out = {
            {"benchmark", "inference"},
            {"run", runDir},
            {"step", run.step},
            {"texts", corpus.size()},
            {"tokens", masked.tokens},
            {"batch_size", batch},
            {"threads", threads},
            {"blas_core", megatoken::loadedOpenBlasCore()},
            {"keep_ratio", masked.keptFraction},
            {"full", figures(full, fullLatency)},
            {"threshold_masked", figures(masked, maskedLatency)},
            {"hard_removed", figures(removed, removedLatency)},
            {"analytic_flop_ratio", flopRatio},
            {"speedup_batch", speedup},
            {"speedup_batch_vs_full", removed.tokensPerSecond / full.tokensPerSecond},
            {"gain_fraction_of_flop_gain", (speedup - 1.0) / std::max(1e-9, flopRatio - 1.0)},
            {"speedup_over_flop_ratio", speedup / flopRatio},
            {"speedup_batch1", maskedLatency / std::max(1e-9, removedLatency)},
        };
        std::cout << out.dump(2) << std::endl;
    } catch (const std::exception& e) {
        std::cerr << "bench_inference: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
