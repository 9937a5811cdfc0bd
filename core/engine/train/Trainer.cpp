#include "core/engine/train/Trainer.h"

#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

#include "core/config/ConfigValidation.h"
#include "core/config/RunConfigJson.h"
#include "core/io/AtomicFile.h"
#include "core/data/EncodedCorpus.h"
#include "core/data/LengthBucketedBatches.h"
#include "core/data/Split.h"
#include "core/data/TextReader.h"
#include "core/engine/model/MegatokenModel.h"
#include "core/runs/RunStatus.h"
#include "core/tokenizer/Tokenizer.h"
#include "core/tokenizer/TokenizerCache.h"
#include "core/engine/train/BatchTensor.h"
#include "core/engine/train/Checkpoint.h"
#include "core/engine/train/CompressionLoss.h"
#include "core/config/CorpusSpecFromConfig.h"
#include "core/engine/train/Evaluator.h"
#include "core/compression/LambdaController.h"
#include "core/runs/MetricsLog.h"
#include "core/feedback/ModelSnapshot.h"

namespace megatoken {

namespace fs = std::filesystem;

struct Trainer::State {
    std::string runDirectory;
    torch::Device device{torch::kCPU};
    std::string deviceDescription;
    std::int64_t lastStep = 0;
    bool started = false;  // the first step is about to run
    std::optional<Tokenizer> tokenizer;
    EncodedCorpus train, validation;
    std::optional<MegatokenModel> model;
    std::unique_ptr<torch::optim::Optimizer> optimizer;
    std::unique_ptr<MetricsLog> metrics;
};

namespace {

std::string timestamp() {
    const std::time_t now = std::time(nullptr);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y%m%d-%H%M%S", std::localtime(&now));
    return buffer;
}

double learningRateAt(const OptimConfig& o, std::int64_t step) {
    if (o.warmupSteps > 0 && step < o.warmupSteps)
        return o.learningRate * static_cast<double>(step + 1) / static_cast<double>(o.warmupSteps);
    if (o.schedule == LearningRateSchedule::Constant) return o.learningRate;
    const double span = std::max<double>(1.0, static_cast<double>(o.steps - o.warmupSteps));
    const double progress = std::clamp(static_cast<double>(step - o.warmupSteps) / span, 0.0, 1.0);
    const double floor = o.learningRate * o.minLearningRateFraction;
    return floor + (o.learningRate - floor) * 0.5 * (1.0 + std::cos(M_PI * progress));
}

// Group 0 holds the model, group 1 (when present) the gates, at gateScale times the rate.
void setLearningRate(torch::optim::Optimizer& optimizer, OptimizerKind kind, double lr, double gateScale) {
    auto& groups = optimizer.param_groups();
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const double groupLr = g == 0 ? lr : lr * gateScale;
        if (kind == OptimizerKind::AdamW)
            static_cast<torch::optim::AdamWOptions&>(groups[g].options()).lr(groupLr);
        else
            static_cast<torch::optim::AdamOptions&>(groups[g].options()).lr(groupLr);
    }
}

// predictions.tsv, written atomically; throws FileWriteError naming the file when it cannot be.
void writePredictions(const std::string& path, const std::vector<Prediction>& predictions) {
    const auto clean = [](std::string s) {
        for (char& c : s)
            if (c == '\t' || c == '\n' || c == '\r') c = ' ';
        return s;
    };
    writeFileAtomically(path, [&](std::ostream& out) {
        out << "input\tteacher_forced\tfree_running\tkept_pieces\n";
        for (const auto& p : predictions)
            out << clean(p.input) << '\t' << clean(p.teacherForced) << '\t' << clean(p.freeRunning) << '\t'
                << clean(p.keptPieces) << '\n';
    });
}

// torch.nn.utils.clip_grad_norm_ (L2 norm over all gradients; PyTorch docs) without its host sync:
// scales every gradient by min(1, maxNorm / (norm + 1e-6)) on the parameters' device and returns the
// total norm as a 0-dim tensor there (undefined when no parameter has a gradient).
torch::Tensor clipGradientsOnDevice(const std::vector<torch::Tensor>& parameters, double maxNorm) {
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> norms;
    for (const auto& p : parameters)
        if (p.grad().defined()) norms.push_back(p.grad().norm(2));
    if (norms.empty()) return {};
    const auto total = torch::stack(norms).norm(2);
    const auto coefficient = torch::clamp_max((total + 1e-6).reciprocal() * maxNorm, 1.0);
    for (const auto& p : parameters)
        if (p.grad().defined()) p.grad().mul_(coefficient);
    return total;
}

void pruneCheckpoints(const std::string& directory, std::size_t keep) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(directory))
        if (entry.path().extension() == ".pt") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (std::size_t i = 0; i + keep < files.size(); ++i) fs::remove(files[i]);
}

}  // namespace

std::string latestCheckpoint(const std::string& runDirectory) {
    const fs::path directory = fs::path(runDirectory) / "checkpoints";
    std::error_code error;
    if (!fs::is_directory(directory, error)) return {};
    std::string newest;
    for (const auto& entry : fs::directory_iterator(directory, error))
        if (entry.path().extension() == ".pt" && entry.path().string() > newest) newest = entry.path().string();
    return newest;
}

Trainer::Trainer(RunConfig config, TrainingObserver& observer, bool resume)
    : config_(std::move(config)), observer_(observer), resume_(resume), state_(std::make_unique<State>()) {}

Trainer::~Trainer() = default;

void Trainer::requestPause() { pause_ = true; }

void Trainer::requestResume() {
    {
        std::lock_guard<std::mutex> lock(pauseMutex_);
        pause_ = false;
    }
    pauseChanged_.notify_all();
}

void Trainer::requestStop() {
    {
        std::lock_guard<std::mutex> lock(pauseMutex_);
        stop_ = true;
    }
    pauseChanged_.notify_all();
}

void Trainer::waitWhilePaused() {
    if (!pause_) return;
    observer_.onLog("paused");
    std::unique_lock<std::mutex> lock(pauseMutex_);
    pauseChanged_.wait(lock, [this] { return !pause_ || stop_; });
    if (!stop_) observer_.onLog("resumed");
}

void Trainer::writeStatus(std::string_view state, std::int64_t step, const std::string& message) {
    if (state_->runDirectory.empty()) return;
    RunStatus status;
    status.state = std::string(state);
    status.step = step;
    status.totalSteps = config_.optim.steps;
    status.message = message;
    try {
        writeRunStatus(state_->runDirectory, status);
    } catch (const std::exception& e) {
        observer_.onLog(std::string("could not write the run status: ") + e.what());  // the run goes on
    }
}

FinishReason Trainer::finishBeforeFirstStep() {
    writeStatus(kRunStateStopped, 0, "stopped before the first step");
    observer_.onFinished(FinishReason::Stopped, "stopped before the first step");
    return FinishReason::Stopped;
}

std::string Trainer::runDirectory() const { return state_->runDirectory; }
std::string Trainer::deviceDescription() const { return state_->deviceDescription; }

FinishReason Trainer::run() {
    try {
        return runUnguarded();
    } catch (const std::exception& e) {
        // Only a run that got going is marked failed: a resume that could not start leaves the
        // run's earlier status as it was.
        if (state_->started) writeStatus(kRunStateFailed, state_->lastStep, e.what());
        observer_.onFinished(FinishReason::Failed, e.what());
        return FinishReason::Failed;
    }
}

FinishReason Trainer::runUnguarded() {
    State& s = *state_;
    validateOrThrow(config_);

    // --- Run directory -------------------------------------------------------------------------
    std::string checkpointPath;
    if (resume_) {
        if (config_.run.name.empty()) throw std::invalid_argument("resume: name the run to continue (run.name)");
        s.runDirectory = (fs::path(config_.run.runsDirectory) / config_.run.name).string();
        checkpointPath = latestCheckpoint(s.runDirectory);
        if (checkpointPath.empty()) throw std::runtime_error(s.runDirectory + ": no checkpoint to resume from");
        // The saved config is the truth, except for the step budget, which the caller sets (the
        // CLI starts from the saved config, so an unchanged budget stays as it was).
        const std::int64_t steps = config_.optim.steps;
        config_ = loadConfigFile((fs::path(s.runDirectory) / "config.json").string());
        config_.optim.steps = steps;
    } else {
        if (config_.run.name.empty()) config_.run.name = config_.preset + "-" + timestamp();
        fs::path directory = fs::path(config_.run.runsDirectory) / config_.run.name;
        for (int suffix = 2; fs::exists(directory); ++suffix)
            directory = fs::path(config_.run.runsDirectory) / (config_.run.name + "-" + std::to_string(suffix));
        config_.run.name = directory.filename().string();
        fs::create_directories(directory / "checkpoints");
        s.runDirectory = directory.string();
    }
    const fs::path runDir(s.runDirectory);

    // --- Device ------------------------------------------------------------------------------
    const std::string& device = config_.run.device;
    if (device == "cpu" || (device == "auto" && !torch::cuda::is_available())) {
        const int threads = config_.run.threads > 0 ? static_cast<int>(config_.run.threads)
                                                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
        torch::set_num_threads(threads);
        s.device = torch::Device(torch::kCPU);
        s.deviceDescription = "CPU, " + std::to_string(threads) + " threads";
    } else {
        if (!torch::cuda::is_available()) throw std::runtime_error("run.device = " + device + ", but CUDA is not available");
        s.device = torch::Device(device == "auto" ? std::string("cuda") : device);
        s.deviceDescription = "CUDA device " + std::to_string(s.device.index() < 0 ? 0 : s.device.index());
    }
    observer_.onLog("device: " + s.deviceDescription);
    torch::manual_seed(config_.optim.seed);

    // --- Data and tokenizer ------------------------------------------------------------------
    const CorpusSpec spec = corpusSpecFor(config_.data);
    observer_.onLog("reading corpus " + (spec.path.empty() ? std::string("wordnet (default)") : spec.path));
    ReadStats readStats;
    auto texts = readAllTexts(spec, &readStats, {}, static_cast<std::size_t>(config_.data.maxTexts));
    SplitTexts splits = splitTexts(std::move(texts));
    observer_.onLog("corpus: " + readStats.summary() + "; train " + std::to_string(splits.train.size()) +
                    ", validation " + std::to_string(splits.validation.size()));
    if (splits.train.empty()) throw std::runtime_error("corpus " + spec.path + ": no training texts");
    if (stop_) return finishBeforeFirstStep();

    const std::string tokenizerPath = (runDir / "tokenizer.model").string();
    if (resume_) {
        s.tokenizer = Tokenizer::load(tokenizerPath);
    } else if (!config_.tokenizer.model.empty()) {
        s.tokenizer = Tokenizer::load(config_.tokenizer.model);
        fs::copy_file(config_.tokenizer.model, tokenizerPath, fs::copy_options::overwrite_existing);
    } else {
        TokenizerTrainOptions options;
        options.vocabSize = static_cast<int>(config_.tokenizer.vocabSize);
        options.characterCoverage = config_.tokenizer.characterCoverage;
        observer_.onLog("tokenizer: training (vocab " + std::to_string(options.vocabSize) + "), or reusing a cached one");
        auto cached = trainTokenizerCached(splits.train, (runDir / "tokenizer").string(), options);
        s.tokenizer = std::move(cached.tokenizer);
        observer_.onLog(cached.fromCache ? "tokenizer: reused from the cache" : "tokenizer: trained");
    }
    if (stop_) return finishBeforeFirstStep();
    config_.model.vocabSize = s.tokenizer->vocabSize();
    config_.model.padId = s.tokenizer->padId();
    config_.model.eosId = s.tokenizer->eosId();
    if (!resume_) saveConfigFile(config_, (runDir / "config.json").string());

    EncodeOptions encodeOptions;
    encodeOptions.maxTokens = static_cast<std::size_t>(config_.data.maxTokens);
    encodeOptions.minTokens = static_cast<std::size_t>(config_.data.minTokens);
    s.train = encodeTexts(*s.tokenizer, splits.train, encodeOptions);
    if (config_.data.validationTexts > 0 && splits.validation.size() > static_cast<std::size_t>(config_.data.validationTexts))
        splits.validation.resize(static_cast<std::size_t>(config_.data.validationTexts));
    s.validation = encodeTexts(*s.tokenizer, splits.validation, encodeOptions);
    observer_.onLog("encoded " + std::to_string(s.train.size()) + " training texts (" +
                    std::to_string(s.train.tokenCount()) + " tokens, " + std::to_string(s.train.truncated) +
                    " truncated), " + std::to_string(s.validation.size()) + " validation texts");
    if (s.train.size() == 0) throw std::runtime_error("corpus " + spec.path + ": no training text is long enough");
    if (stop_) return finishBeforeFirstStep();

    // --- Model and optimizer -------------------------------------------------------------------
    s.model.emplace(config_.model);
    MegatokenModel& model = *s.model;
    model->to(s.device);
    // Two parameter groups: everything else, then the gates (their own learning-rate scale).
    std::vector<torch::Tensor> mainParameters, gateParameters;
    for (const auto& p : model->named_parameters())
        (p.key().rfind("encoder.gates.", 0) == 0 ? gateParameters : mainParameters).push_back(p.value());
    const double peakLr = config_.optim.learningRate;
    const double decay = config_.optim.weightDecay;
    std::vector<torch::optim::OptimizerParamGroup> groups;
    if (config_.optim.optimizer == OptimizerKind::AdamW) {
        groups.emplace_back(mainParameters, std::make_unique<torch::optim::AdamWOptions>(torch::optim::AdamWOptions(peakLr).weight_decay(decay)));
        if (!gateParameters.empty())
            groups.emplace_back(gateParameters, std::make_unique<torch::optim::AdamWOptions>(torch::optim::AdamWOptions(peakLr).weight_decay(decay)));
        s.optimizer = std::make_unique<torch::optim::AdamW>(groups, torch::optim::AdamWOptions(peakLr).weight_decay(decay));
    } else {
        groups.emplace_back(mainParameters, std::make_unique<torch::optim::AdamOptions>(torch::optim::AdamOptions(peakLr).weight_decay(decay)));
        if (!gateParameters.empty())
            groups.emplace_back(gateParameters, std::make_unique<torch::optim::AdamOptions>(torch::optim::AdamOptions(peakLr).weight_decay(decay)));
        s.optimizer = std::make_unique<torch::optim::Adam>(groups, torch::optim::AdamOptions(peakLr).weight_decay(decay));
    }
    std::int64_t parameterCount = 0;
    for (const auto& p : model->parameters()) parameterCount += p.numel();
    observer_.onLog("model: " + std::to_string(parameterCount) + " parameters, " +
                    std::to_string(config_.model.gateCount()) + " gates");

    LambdaController controller(config_.loss);
    CheckpointState progress;
    if (resume_) {
        progress = loadCheckpoint(checkpointPath, model, s.optimizer.get());
        controller.restore(progress.lambda, progress.lambdaIntegral, progress.smoothedKeepRatio);
        observer_.onLog("resumed from " + checkpointPath + " at step " + std::to_string(progress.step));
    }
    s.metrics = std::make_unique<MetricsLog>(s.runDirectory, config_.model.gateCount());
    s.metrics->open(resume_, progress.step);

    RunInfo info;
    info.runDirectory = s.runDirectory;
    info.runName = runDir.filename().string();
    info.device = s.deviceDescription;
    info.firstStep = progress.step;
    info.totalSteps = config_.optim.steps;
    info.gateCount = config_.model.gateCount();
    info.parameterCount = parameterCount;
    info.trainTexts = static_cast<std::int64_t>(s.train.size());
    info.validationTexts = static_cast<std::int64_t>(s.validation.size());
    s.started = true;
    s.lastStep = progress.step;
    writeStatus(kRunStateRunning, progress.step);  // before the observer hears of it: a run browser may look
    observer_.onRunStarted(info);

    const auto saveNow = [&](std::int64_t step, double wall) {
        CheckpointState cs = progress;
        cs.step = step;
        cs.lambda = controller.currentLambda();
        cs.lambdaIntegral = controller.integral();
        cs.smoothedKeepRatio = controller.smoothedKeepRatio();
        cs.wallSeconds = wall;
        cs.configJson = toJson(config_).dump(2);
        cs.tokenizerModel = s.tokenizer->serializedModel();
        char name[64];
        std::snprintf(name, sizeof name, "step-%08lld.pt", static_cast<long long>(step));
        const std::string path = (runDir / "checkpoints" / name).string();
        saveCheckpoint(path, model, s.optimizer.get(), cs);
        pruneCheckpoints((runDir / "checkpoints").string(), 2);
        observer_.onCheckpoint(step, path);
    };

    EvalOptions evalOptions;
    evalOptions.batchSize = config_.data.batchSize;
    evalOptions.decodeMaxLength = config_.run.decodeMaxLength > 0 ? config_.run.decodeMaxLength : config_.data.maxTokens;
    evalOptions.cancelled = [this] { return stop_.load(); };  // a stop must not wait for a whole evaluation
    const auto evaluateNow = [&](std::int64_t step) {
        if (s.validation.size() == 0) return;
        auto result = evaluate(model, s.validation, *s.tokenizer, evalOptions, s.device);
        if (result.cancelled) return;
        result.metrics.step = step;
        s.metrics->appendEval(result.metrics);
        writePredictions((runDir / "predictions.tsv").string(), result.predictions);
        writeStatus(kRunStateRunning, step);  // run browsers refresh a running run's row on this
        observer_.onEvaluation(result.metrics);
    };

    // --- The loop ------------------------------------------------------------------------------
    BatchingOptions batching;
    batching.batchSize = static_cast<std::size_t>(config_.data.batchSize);
    batching.bucketByLength = config_.data.bucketByLength;
    batching.seed = config_.optim.seed;
    const auto lengths = s.train.lengths();
    std::vector<Batch> batches = makeBatches(lengths, batching, static_cast<std::uint64_t>(progress.epoch));

    const MaskMode trainMode = config_.model.gates.straightThrough ? MaskMode::StraightThrough : MaskMode::Soft;
    const auto runStart = std::chrono::steady_clock::now();
    const double wallOffset = progress.wallSeconds;
    const auto wallNow = [&] {
        return wallOffset + std::chrono::duration<double>(std::chrono::steady_clock::now() - runStart).count();
    };
    std::int64_t step = progress.step;
    std::int64_t badSteps = 0;
    model->train();

    while (step < config_.optim.steps) {
        waitWhilePaused();
        if (stop_) {
            saveNow(step, wallNow());
            writeStatus(kRunStateStopped, step, "stopped at step " + std::to_string(step));
            observer_.onFinished(FinishReason::Stopped, "stopped at step " + std::to_string(step));
            return FinishReason::Stopped;
        }
        if (progress.batchInEpoch >= static_cast<std::int64_t>(batches.size())) {
            ++progress.epoch;
            progress.batchInEpoch = 0;
            batches = makeBatches(lengths, batching, static_cast<std::uint64_t>(progress.epoch));
        }
        const Batch& batch = batches[static_cast<std::size_t>(progress.batchInEpoch++)];
        const auto stepStart = std::chrono::steady_clock::now();

        const double lr = learningRateAt(config_.optim, step);
        setLearningRate(*s.optimizer, config_.optim.optimizer, lr, config_.optim.gateLearningRateScale);
        const double lambda = controller.lambdaFor(step);
        model->encoder->setKeepTarget(controller.targetAt(step));  // used only by calibrated gates

        const auto ids = makeBatchTensor(s.train, batch, config_.model.padId, s.device);
        const auto labelMask = ids.ne(config_.model.padId);
        s.optimizer->zero_grad();
        const auto encoded = model->encode(ids, trainMode);
        // Logits only at label positions: padding never reaches the vocabulary projection.
        const auto positions = labelMask.reshape({-1}).nonzero().squeeze(1);
        const auto labels = ids.reshape({-1}).index_select(0, positions);
        const auto logits = model->labelLogits(ids, encoded, labelMask);
        const auto ce = torch::nn::functional::cross_entropy(logits, labels);
        const auto compression = compressionLoss(encoded, config_.model.dKv);
        const auto loss = lambda != 0.0 ? ce + lambda * compression.loss : ce;
        loss.backward();
        // Everything this step logs or decides on leaves the device in ONE stacked copy: the loss
        // terms, the token counts, the gates' ratios and the gradient norm. Clipping scales the
        // gradients on the device (as torch.nn.utils.clip_grad_norm_ does, without its host sync);
        // a non-finite loss or norm is caught from the copy, before the optimizer step.
        const auto parameters = model->parameters();
        torch::Tensor gradNorm;
        if (config_.optim.clipNorm > 0) gradNorm = clipGradientsOnDevice(parameters, config_.optim.clipNorm);
        const auto correct = logits.detach().argmax(-1).eq(labels).sum();
        std::vector<torch::Tensor> logged{loss.detach(), ce.detach(), compression.loss.detach(), labelMask.sum(),
                                          correct, compression.overallRatio.detach(),
                                          gradNorm.defined() ? gradNorm : torch::zeros({}, loss.options())};
        for (const auto& gate : encoded.gates) logged.push_back(gate.kept.sum());
        if (compression.ratios.defined() && compression.ratios.numel() > 0)
            logged.push_back(compression.ratios.detach().reshape({-1}));
        std::vector<torch::Tensor> flat;
        flat.reserve(logged.size());
        for (const auto& t : logged) flat.push_back(t.reshape({-1}).to(torch::kFloat64));
        const auto host = torch::cat(flat).to(torch::kCPU);  // the step's one device-to-host copy
        const double* v = host.data_ptr<double>();
        const double lossValue = v[0];
        const double gradNormValue = v[6];
        if (!std::isfinite(lossValue)) {
            ++badSteps;
            s.optimizer->zero_grad();
            observer_.onLog("step " + std::to_string(step + 1) + ": loss is " + std::to_string(lossValue) + ", step skipped");
            if (badSteps >= config_.run.maxBadSteps) {
                const std::string reason = std::to_string(badSteps) + " non-finite losses in a row at step " +
                                           std::to_string(step + 1) + "; lower optim.lr or loss.lambda_max";
                saveNow(step, wallNow());
                writeStatus(kRunStateDiverged, step, reason);
                observer_.onFinished(FinishReason::Diverged, reason);
                return FinishReason::Diverged;
            }
            continue;
        }
        if (config_.optim.clipNorm > 0 && !std::isfinite(gradNormValue)) {
            ++badSteps;
            s.optimizer->zero_grad();
            observer_.onLog("step " + std::to_string(step + 1) + ": gradient norm is not finite, step skipped");
            if (badSteps >= config_.run.maxBadSteps) {
                saveNow(step, wallNow());
                writeStatus(kRunStateDiverged, step, "non-finite gradients in a row; lower optim.lr");
                observer_.onFinished(FinishReason::Diverged, "non-finite gradients in a row; lower optim.lr");
                return FinishReason::Diverged;
            }
            continue;
        }
        s.optimizer->step();
        badSteps = 0;
        ++step;
        s.lastStep = step;

        // Metrics of this step, all from the host copy.
        StepMetrics m;
        m.step = step;
        m.epoch = progress.epoch;
        m.totalSteps = config_.optim.steps;
        m.loss = lossValue;
        m.crossEntropy = v[1];
        m.compressionLoss = v[2];
        m.lambda = lambda;
        const double tokens = v[3];
        m.tokenAccuracy = v[4] / std::max(1.0, tokens);
        m.softKeepRatio = v[5];
        std::size_t at = 7;
        for (std::size_t g = 0; g < encoded.gates.size(); ++g) m.gateKept.push_back(v[at++] / std::max(1.0, tokens));
        for (; at < static_cast<std::size_t>(host.numel()); ++at) m.gateRatios.push_back(v[at]);
        m.hardKeepRatio = m.gateKept.empty() ? 1.0 : m.gateKept.back();
        m.learningRate = lr;
        const double stepSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - stepStart).count();
        m.tokensPerSecond = tokens / std::max(1e-9, stepSeconds);
        m.wallSeconds = wallNow();
        controller.observe(step - 1, m.hardKeepRatio);

        s.metrics->appendStep(m);
        observer_.onStep(m);
        if (snapshot_.exchange(false)) {
            auto snapshot = std::make_shared<ModelSnapshot>();
            snapshot->step = step;
            snapshot->runDirectory = s.runDirectory;
            snapshot->configJson = toJson(config_).dump();
            snapshot->tokenizerModel = s.tokenizer->serializedModel();
            torch::serialize::OutputArchive archive;
            model->save(archive);
            std::ostringstream bytes;
            archive.save_to(bytes);
            snapshot->weights = std::move(bytes).str();
            observer_.onSnapshot(std::move(snapshot));
        }

        const bool last = step == config_.optim.steps;
        if (config_.run.evalEvery > 0 && (step % config_.run.evalEvery == 0 || last)) evaluateNow(step);
        if (last || (config_.run.checkpointEvery > 0 && step % config_.run.checkpointEvery == 0)) {
            saveNow(step, wallNow());
            if (!last) writeStatus(kRunStateRunning, step);
        }
    }
    writeStatus(kRunStateCompleted, step, "completed " + std::to_string(step) + " steps");
    observer_.onFinished(FinishReason::Completed, "completed " + std::to_string(step) + " steps");
    return FinishReason::Completed;
}

}  // namespace megatoken
