// Training throughput of a preset's shape on real WordNet batches: non-pad tokens/s and ms/step,
// with length-bucketed and with plain random batches, the achieved GFLOP/s (analytic FLOPs of the
// shapes run, forward x 3) and the machine's matmul peak through LibTorch as the reference, measured
// in the same run. Beside them, the same model written the straightforward eager way
// (bench/eager_reference.h: separate Q/K/V, explicit attention, full-vocabulary logits, random
// batches padded to their longest) on the same LibTorch: the baseline of the speed target.
// Prints one JSON object.
//
//   bench_training_throughput [--preset tiny] [--batch 64] [--steps 20] [--warmup 3] [--threads N]
//                             [--device cpu|cuda] [--kernel fused|explicit] [--reference 0|1]
//                             [--profile trace.json]   (LibTorch's per-op profile of the bucketed steps;
//                                                     bench/profile_summary.py ranks the ops)

#include <torch/torch.h>
#if __has_include(<torch/csrc/autograd/profiler_legacy.h>)
#include <torch/csrc/autograd/profiler_legacy.h>
#define MEGATOKEN_HAVE_RECORD_PROFILE 1
#endif

#include <chrono>
#include <cstring>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "bench/eager_reference.h"
#include "core/compression/FlopCount.h"
#include "core/config/EnumNames.h"
#include "core/config/Presets.h"
#include "core/data/EncodedCorpus.h"
#include "core/data/LengthBucketedBatches.h"
#include "core/data/Split.h"
#include "core/data/TextReader.h"
#include "core/engine/model/MegatokenModel.h"
#include "core/engine/model/TorchCompat.h"
#include "core/engine/train/BatchTensor.h"
#include "core/engine/train/CompressionLoss.h"
#include "core/platform/BlasKernels.h"
#include "core/tokenizer/Tokenizer.h"

using namespace megatoken;

namespace {

struct Figures {
    double tokensPerSecond = 0, msPerStep = 0, paddingFraction = 0, gflopsPerSecond = 0;
};

// The best of a few n x n float matmuls: what this machine's BLAS gives LibTorch.
void synchronize(const torch::Device& device)
{
    if (device.is_cuda()) torch::cuda::synchronize();
}

double matmulPeakGflops(std::int64_t n, const torch::Device& device)
{
    const auto a = torch::randn({n, n}, torch::TensorOptions().device(device));
    const auto b = torch::randn({n, n}, torch::TensorOptions().device(device));
    auto c = torch::matmul(a, b);
    synchronize(device);
    double best = 0;
    for (int i = 0; i < 10; ++i) {
        const auto start = std::chrono::steady_clock::now();
        c = torch::matmul(a, b);
        synchronize(device);
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        best = std::max(best, 2.0 * static_cast<double>(n * n * n) / s / 1e9);
    }
    return best;
}

// Times `step(ids)` (one whole training step: forward, backward, clipping, optimizer) over
// warmup + steps batches of the corpus, length-bucketed or random, and counts the non-pad tokens and
// the analytic FLOPs of the padded shapes run. beforeStep(i) runs untimed before step i.
template <typename Step>
Figures timeSteps(const RunConfig& config, const EncodedCorpus& corpus, bool bucketed, int warmup, int steps,
                  const torch::Device& device, Step&& step, const std::function<void(int)>& beforeStep = {})
{
    BatchingOptions batching;
    batching.batchSize = static_cast<std::size_t>(config.data.batchSize);
    batching.bucketByLength = bucketed;
    const auto lengths = corpus.lengths();
    const auto batches = makeBatches(lengths, batching, 0);
    double tokens = 0, seconds = 0, flops = 0;
    std::vector<Batch> measured;
    for (int i = 0; i < warmup + steps; ++i) {
        if (beforeStep) beforeStep(i);
        const Batch& batch = batches[static_cast<std::size_t>(i) % batches.size()];
        const auto start = std::chrono::steady_clock::now();
        const auto ids = makeBatchTensor(corpus, batch, config.model.padId, device);
        step(ids);
        synchronize(device);
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (i < warmup) continue;
        seconds += elapsed;
        tokens += ids.ne(config.model.padId).sum().item<double>();
        // Training = forward + backward (about twice the forward): 3x the forward FLOPs of the
        // padded shapes actually computed.
        const auto length = ids.size(1);
        flops += 3.0 * static_cast<double>(ids.size(0)) *
                 forwardFlops(config.model,
                              std::vector<std::int64_t>(static_cast<std::size_t>(config.model.encoderLayers), length),
                              length, length);
        measured.push_back(batch);
    }
    Figures f;
    f.tokensPerSecond = tokens / seconds;
    f.msPerStep = 1000.0 * seconds / steps;
    f.paddingFraction = paddingFraction(measured, lengths);
    f.gflopsPerSecond = flops / seconds / 1e9;
    return f;
}

// Our model, stepped as the trainer steps it.
Figures measure(const RunConfig& config, const EncodedCorpus& corpus, bool bucketed, int warmup, int steps,
                const torch::Device& device, const std::string& profilePath = {})
{
    torch::manual_seed(0);
    MegatokenModel model(config.model);
    model->to(device);
    model->train();
    torch::optim::AdamW optimizer(model->parameters(), torch::optim::AdamWOptions(1e-3));
    const MaskMode mode = config.model.gates.straightThrough ? MaskMode::StraightThrough : MaskMode::Soft;
#ifdef MEGATOKEN_HAVE_RECORD_PROFILE
    std::unique_ptr<torch::autograd::profiler::RecordProfile> profile;
    const auto startProfile = [&](int i) {
        if (i == warmup && !profilePath.empty())
            profile = std::make_unique<torch::autograd::profiler::RecordProfile>(profilePath);
    };
#else
    const std::function<void(int)> startProfile;
#endif
    return timeSteps(
        config, corpus, bucketed, warmup, steps, device,
        [&](const torch::Tensor& ids) {
            optimizer.zero_grad();
            // As the trainer does: logits only at label positions.
            const auto labelMask = ids.ne(config.model.padId);
            const auto encoded = model->encode(ids, mode);
            const auto labels = ids.reshape({-1}).index_select(0, labelMask.reshape({-1}).nonzero().squeeze(1));
            const auto ce = torch::nn::functional::cross_entropy(model->labelLogits(ids, encoded, labelMask), labels);
            const auto loss = ce + 1.0 * compressionLoss(encoded, config.model.dKv).loss;
            loss.backward();
            torch::nn::utils::clip_grad_norm_(model->parameters(), 1.0);
            optimizer.step();
        },
        startProfile);
}

// The straightforward eager implementation (bench/eager_reference.h) of the same shape: random
// batches padded to their longest, the same optimizer and clipping.
Figures measureReference(const RunConfig& config, const EncodedCorpus& corpus, int warmup, int steps,
                         const torch::Device& device)
{
    torch::manual_seed(0);
    bench::EagerReference model(config.model);
    model->to(device);
    model->train();
    torch::optim::AdamW optimizer(model->parameters(), torch::optim::AdamWOptions(1e-3));
    return timeSteps(config, corpus, /*bucketed=*/false, warmup, steps, device, [&](const torch::Tensor& ids) {
        optimizer.zero_grad();
        model->loss(ids).backward();
        torch::nn::utils::clip_grad_norm_(model->parameters(), 1.0);
        optimizer.step();
    });
}

nlohmann::json figuresJson(const Figures& f, double peak)
{
    return {{"tokens_per_s", f.tokensPerSecond},
            {"ms_per_step", f.msPerStep},
            {"padding_fraction", f.paddingFraction},
            {"achieved_gflops", f.gflopsPerSecond},
            {"fraction_of_peak", f.gflopsPerSecond / peak}};
}

}  // namespace

int main(int argc, char** argv)
{
    // The kernels a user gets (OPENBLAS_CORETYPE set by hand keeps its choice: compare them that way).
    if (const auto note = megatoken::restartWithFastBlasKernels(argv); !note.empty()) std::cerr << note << "\n";
    std::string presetName = "tiny";
    int batch = 64, steps = 20, warmup = 3;
    std::string profilePath;
    std::string deviceName = "cpu";
    std::string kernel = "fused";
    bool reference = true;
    int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--preset")
            presetName = argv[i + 1];
        else if (flag == "--batch")
            batch = std::stoi(argv[i + 1]);
        else if (flag == "--steps")
            steps = std::stoi(argv[i + 1]);
        else if (flag == "--warmup")
            warmup = std::stoi(argv[i + 1]);
        else if (flag == "--threads")
            threads = std::stoi(argv[i + 1]);
        else if (flag == "--profile")
            profilePath = argv[i + 1];
        else if (flag == "--device")
            deviceName = argv[i + 1];
        else if (flag == "--kernel")
            kernel = argv[i + 1];
        else if (flag == "--reference")
            reference = std::string(argv[i + 1]) != "0";
        else {
            std::cerr << "unknown option " << flag << "\n";
            return 2;
        }
    }
    torch::set_num_threads(threads);
    RunConfig config = preset(presetName);
    config.data.batchSize = batch;
    const auto kernelValue = parseEnum<AttentionKernel>(kernel);
    if (!kernelValue) {
        std::cerr << "unknown --kernel " << kernel << " (fused or explicit)\n";
        return 2;
    }
    config.model.attentionKernel = *kernelValue;
    const torch::Device device(deviceName);
    if (device.is_cuda() && !torch::cuda::is_available()) {
        std::cerr << "--device " << deviceName << ": CUDA is not available\n";
        return 2;
    }

    // Real sentences and a real tokenizer of the preset's vocabulary size.
    auto texts = readAllTexts(CorpusSpec{});
    auto split = splitTexts(std::move(texts));
    split.train.resize(std::min<std::size_t>(split.train.size(), 60000));
    const auto dir = std::filesystem::temp_directory_path() / ("megatoken-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    TokenizerTrainOptions tokenizerOptions;
    tokenizerOptions.vocabSize = static_cast<int>(std::min<std::int64_t>(config.tokenizer.vocabSize, 8000));
    const Tokenizer tokenizer = Tokenizer::train(split.train, (dir / "tok").string(), tokenizerOptions);
    std::filesystem::remove_all(dir);
    config.model.vocabSize = std::max<std::int64_t>(config.model.vocabSize, tokenizer.vocabSize());
    EncodeOptions encode;
    encode.maxTokens = static_cast<std::size_t>(config.data.maxTokens);
    const auto corpus = encodeTexts(tokenizer, split.train, encode);

    const Figures bucketed = measure(config, corpus, true, warmup, steps, device, profilePath);
    const Figures random = measure(config, corpus, false, warmup, steps, device);
    Figures eager;
    if (reference) eager = measureReference(config, corpus, warmup, steps, device);
    const double peak = std::max(matmulPeakGflops(1024, device), matmulPeakGflops(2048, device));
    const double peakModelShape = matmulPeakGflops(config.model.dModel, device);
    nlohmann::json out = {
        {"benchmark", "training_throughput"},
        {"libtorch", compat::torchVersion()},
        {"device", device.str()},
        {"attention_kernel", kernel},
        {"fused_attention_available", compat::kHasFusedAttention},
        {"preset", presetName},
        {"batch_size", batch},
        {"threads", threads},
        {"blas_core", loadedOpenBlasCore()},
        {"steps_measured", steps},
        {"shape",
         {{"d_model", config.model.dModel},
          {"heads", config.model.numHeads},
          {"d_ff", config.model.dFf},
          {"encoder_layers", config.model.encoderLayers},
          {"decoder_layers", config.model.decoderLayers},
          {"vocab", config.model.vocabSize},
          {"gates", config.model.gateCount()}}},
        {"bucketed", figuresJson(bucketed, peak)},
        {"random_batches", figuresJson(random, peak)},
        {"matmul_peak_gflops", peak},
        {"matmul_gflops_at_d_model", peakModelShape},
    };
    if (reference) {
        out["eager_reference"] = figuresJson(eager, peak);
        out["speedup_vs_eager"] = bucketed.tokensPerSecond / eager.tokensPerSecond;
    }
    std::cout << out.dump(2) << std::endl;
    return 0;
}
