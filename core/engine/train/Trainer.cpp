#include "core/engine/train/Trainer.h"

#include "core/compression/FlopCount.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <limits>
#include <numeric>
#include <optional>
#include <random>
#include <sstream>
#include <thread>
#include <type_traits>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/compression/LambdaController.h"
#include "core/config/ConfigDiff.h"
#include "core/config/ConfigValidation.h"
#include "core/config/CorpusSpecFromConfig.h"
#include "core/config/RunConfigJson.h"
#include "core/data/EncodedCorpus.h"
#include "core/data/LengthBucketedBatches.h"
#include "core/data/ReleaseGradually.h"
#include "core/data/Split.h"
#include "core/data/TextReader.h"
#include "core/distributed/ShardRows.h"
#include "core/engine/distributed/DistributedGroup.h"
#include "core/engine/distributed/GradientAllReduce.h"
#include "core/engine/model/MegatokenModel.h"
#include "core/engine/model/TokenGate.h"
#include "core/engine/train/BatchTensor.h"
#include "core/engine/train/Checkpoint.h"
#include "core/engine/train/CompressionLoss.h"
#include "core/engine/train/Evaluator.h"
#include "core/engine/train/GateRecalibration.h"
#include "core/engine/train/InitFrom.h"
#include "core/eval/EvaluationTally.h"
#include "core/feedback/Cancelled.h"
#include "core/feedback/Feedback.h"
#include "core/feedback/ModelSnapshot.h"
#include "core/io/AtomicFile.h"
#include "core/io/NumberFormat.h"
#include "core/runs/CheckpointFiles.h"
#include "core/runs/MetricsLog.h"
#include "core/runs/RunStatus.h"
#include "core/tokenizer/Tokenizer.h"
#include "core/tokenizer/TokenizerCache.h"

namespace megatoken {

namespace fs = std::filesystem;

struct Trainer::State {
    std::string runDirectory;
    std::string checkpointPath;  // the checkpoint a resumed run continues from
    torch::Device device{torch::kCPU};
    std::string deviceDescription;
    std::string corpusName;       // for messages
    std::int64_t lastStep = 0;    // optimizer steps done
    std::int64_t savedStep = -1;  // the step of the newest checkpoint on disk
    bool started = false;         // the first step is about to run, or has run
    // The corpus lives here, not in the phases' locals, until the Trainer is destroyed: a stop then
    // frees none of it on its way to onFinished, and ~Trainer frees it gradually
    // (core/data/ReleaseGradually.h: millions of texts freed at once stall glibc for a second).
    std::vector<std::string> texts;
    SplitTexts splits;
    std::optional<Tokenizer> tokenizer;
    std::optional<InitSource> initSource;  // run.init_from of a new run
    EncodedCorpus train, validation;
    std::optional<MegatokenModel> model;
    std::unique_ptr<torch::optim::Optimizer> optimizer;
    std::int64_t parameterCount = 0;
    std::optional<LambdaController> controller;
    CheckpointState progress;  // epoch and batch of the data order, and the resumed run's counters
    std::unique_ptr<MetricsLog> metrics;
    // The loop's data order and clock.
    BatchingOptions batching;
    std::vector<std::size_t> lengths;
    std::vector<Batch> batches;
    std::chrono::steady_clock::time_point runStart;
    // Training texts the learned gates are recalibrated on in evaluation mode before every
    // evaluation (GateRecalibration.h): a fixed sample, the same for a seed, held out of `train`.
    EncodedCorpus calibration;
    // Distributed runs (setDistributed): the process group; whether this rank has rows of the
    // current step's batch (a batch of fewer rows than ranks leaves some without: they take part in
    // every collective with nothing); the time spent in the gradient all-reduce.
    std::unique_ptr<DistributedGroup> group;
    bool contributes = true;
    double communicationSeconds = 0;
    std::int64_t communicationSteps = 0;
};

namespace {

// Training texts held out to recalibrate the gates on (GateRecalibration.h): enough for the
// quantile of thousands of tokens, an encoder pass of a few batches; at most a tenth of the corpus.
constexpr std::size_t kCalibrationTexts = 512;
constexpr std::size_t kCalibrationShare = 10;

// Moves a sample of `count` of train's texts, drawn by `seed`, into the returned corpus; the rest
// keep their order. Count is at most train.size().
EncodedCorpus holdOut(EncodedCorpus& train, std::size_t count, std::uint64_t seed)
{
    std::vector<std::size_t> order(train.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::mt19937_64 generator(seed);
    std::shuffle(order.begin(), order.end(), generator);
    std::vector<bool> held(train.size(), false);
    for (std::size_t i = 0; i < count; ++i) held[order[i]] = true;
    EncodedCorpus heldOut, rest;
    rest.truncated = train.truncated;
    rest.skippedShort = train.skippedShort;
    for (std::size_t i = 0; i < train.size(); ++i) {
        EncodedCorpus& to = held[i] ? heldOut : rest;
        to.sequences.push_back(std::move(train.sequences[i]));
        to.texts.push_back(std::move(train.texts[i]));
    }
    train = std::move(rest);
    return heldOut;
}

// How long the other ranks of a distributed run wait for rank 0 to read or train the tokenizer: a
// large corpus takes minutes, longer than a collective's timeout should be.
constexpr std::chrono::seconds kPreparationTimeout{3600};

std::string timestamp()
{
    const std::time_t now = std::time(nullptr);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y%m%d-%H%M%S", std::localtime(&now));
    return buffer;
}

double learningRateAt(const OptimConfig& o, std::int64_t step)
{
    if (o.warmupSteps > 0 && step < o.warmupSteps)
        return o.learningRate * static_cast<double>(step + 1) / static_cast<double>(o.warmupSteps);
    if (o.schedule == LearningRateSchedule::Constant) return o.learningRate;
    const double span = std::max<double>(1.0, static_cast<double>(o.steps - o.warmupSteps));
    const double progress = std::clamp(static_cast<double>(step - o.warmupSteps) / span, 0.0, 1.0);
    const double floor = o.learningRate * o.minLearningRateFraction;
    return floor + (o.learningRate - floor) * 0.5 * (1.0 + std::cos(M_PI * progress));
}

// Group 0 holds the model, group 1 (when present) the gates, at gateScale times the rate.
void setLearningRate(torch::optim::Optimizer& optimizer, OptimizerKind kind, double lr, double gateScale)
{
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
void writePredictions(const std::string& path, const std::vector<Prediction>& predictions)
{
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
torch::Tensor clipGradientsOnDevice(const std::vector<torch::Tensor>& parameters, double maxNorm)
{
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

// Adam or AdamW over two parameter groups: everything else, then the gates (their own
// learning-rate scale, set per step by setLearningRate). The same for a new run and a resumed one,
// which then loads the optimizer's state from its checkpoint.
std::unique_ptr<torch::optim::Optimizer> makeOptimizer(MegatokenModel& model, const OptimConfig& o)
{
    std::vector<torch::Tensor> mainParameters, gateParameters;
    for (const auto& p : model->named_parameters())
        (p.key().rfind("encoder.gates.", 0) == 0 ? gateParameters : mainParameters).push_back(p.value());
    std::vector<torch::optim::OptimizerParamGroup> groups;
    const auto build = [&](auto options) -> std::unique_ptr<torch::optim::Optimizer> {
        using Options = decltype(options);
        using Optimizer = std::conditional_t<std::is_same_v<Options, torch::optim::AdamWOptions>, torch::optim::AdamW,
                                             torch::optim::Adam>;
        groups.emplace_back(mainParameters, std::make_unique<Options>(options));
        if (!gateParameters.empty()) groups.emplace_back(gateParameters, std::make_unique<Options>(options));
        return std::make_unique<Optimizer>(groups, options);
    };
    if (o.optimizer == OptimizerKind::AdamW)
        return build(torch::optim::AdamWOptions(o.learningRate).weight_decay(o.weightDecay));
    return build(torch::optim::AdamOptions(o.learningRate).weight_decay(o.weightDecay));
}

std::string_view runState(FinishReason reason)
{
    switch (reason) {
        case FinishReason::Completed: return kRunStateCompleted;
        case FinishReason::Stopped: return kRunStateStopped;
        case FinishReason::Diverged: return kRunStateDiverged;
        case FinishReason::Failed: break;
    }
    return kRunStateFailed;
}

}  // namespace

Trainer::Trainer(RunConfig config, TrainingObserver& observer, Feedback& feedback, bool resume)
    : config_(std::move(config)),
      observer_(observer),
      feedback_(feedback),
      resume_(resume),
      state_(std::make_unique<State>())
{
}

void Trainer::setDistributed(DistributedEnvironment environment)
{
    distributed_ = std::move(environment);
}

bool Trainer::isMain() const
{
    return !state_->group || state_->group->isMain();
}

Trainer::~Trainer()
{
    // The corpus, in batches: freed at once it would stall whichever thread allocates next.
    State& s = *state_;
    releaseGradually(s.texts);
    releaseGradually(s.splits.train);
    releaseGradually(s.splits.validation);
    releaseGradually(s.splits.test);
    for (EncodedCorpus* corpus : {&s.train, &s.validation, &s.calibration}) {
        releaseGradually(corpus->sequences);
        releaseGradually(corpus->texts);
    }
}

void Trainer::requestPause()
{
    pause_ = true;
}

void Trainer::requestResume()
{
    {
        std::lock_guard<std::mutex> lock(pauseMutex_);
        pause_ = false;
    }
    pauseChanged_.notify_all();
}

void Trainer::waitWhilePaused()
{
    if (!pause_) return;
    observer_.onLog("paused");
    // A cancel (any thread, even a signal handler) cannot notify: look at it every 50 ms.
    std::unique_lock<std::mutex> lock(pauseMutex_);
    while (pause_ && !feedback_.isCancelled()) pauseChanged_.wait_for(lock, std::chrono::milliseconds(50));
    if (!feedback_.isCancelled()) observer_.onLog("resumed");
}

void Trainer::writeStatus(std::string_view state, std::int64_t step, const std::string& message)
{
    if (state_->runDirectory.empty() || !isMain()) return;
    RunStatus status;
    status.state = std::string(state);
    status.step = step;
    status.totalSteps = config_.optim.steps;
    status.message = message;
    status.device = state_->deviceDescription;
    status.worldSize = distributed_ ? distributed_->worldSize : 1;
    try {
        writeRunStatus(state_->runDirectory, status);
    } catch (const std::exception& e) {
        observer_.onLog(std::string("could not write the run status: ") + e.what());  // the run goes on
    }
}

std::string Trainer::runDirectory() const
{
    return state_->runDirectory;
}
std::string Trainer::deviceDescription() const
{
    return state_->deviceDescription;
}

double Trainer::wallSeconds() const
{
    return state_->progress.wallSeconds +
           std::chrono::duration<double>(std::chrono::steady_clock::now() - state_->runStart).count();
}

// --- The run ---------------------------------------------------------------------------------

FinishReason Trainer::run()
{
    Outcome outcome;
    try {
        outcome = runPhases();
    } catch (const Cancelled&) {
        const State& s = *state_;
        outcome = {FinishReason::Stopped,
                   s.started ? "stopped at step " + std::to_string(s.lastStep) : "stopped before the first step"};
    } catch (const DistributedError& e) {
        // Another rank ended or hangs: name it when its heartbeat stopped.
        std::string message = e.what();
        if (state_->group && message.find("stopped responding") == std::string::npos) {
            bool storeLost = false;
            const auto silent = state_->group->silentRanks(&storeLost);
            std::string ranks;
            for (int r : silent) ranks += (ranks.empty() ? "" : ", ") + std::to_string(r);
            if (storeLost)
                message += "; the rendezvous store is unreachable: rank 0, which serves it, ended";
            else if (!silent.empty())
                message += "; rank " + ranks + " stopped responding (no heartbeat for 3 s): it ended or hangs";
        }
        outcome = {FinishReason::Failed, message + whereToResume(false)};
    } catch (const FileWriteError& e) {
        // A full disk (or a read-only one) at a checkpoint, a metrics row, predictions.tsv, ...:
        // the file and the system's reason, then where the run can go on from.
        outcome = {FinishReason::Failed, e.what() + whereToResume()};
    } catch (const std::exception& e) {
        outcome = {FinishReason::Failed, e.what()};
    }
    return finish(std::move(outcome));
}

std::string Trainer::whereToResume(bool writeFailed) const
{
    const State& s = *state_;
    if (!s.started) return {};
    const std::string stopped = "; training stopped after step " + std::to_string(s.lastStep);
    if (s.savedStep < 0) return stopped + ", before its first checkpoint";
    return stopped + "; a resume continues from the checkpoint of step " + std::to_string(s.savedStep) +
           (writeFailed ? " once the file can be written" : "");
}

Trainer::Outcome Trainer::runPhases()
{
    validateOrThrow(config_);
    feedback_.throwIfCancelled();
    // Before anything is created or read: a wrong run.init_from leaves no half-made run behind.
    if (!resume_ && !config_.run.initFrom.empty()) initCheckpoint(config_.run.initFrom);
    if (distributed_) joinGroup();
    prepareRunDirectory();
    chooseDevice();
    readCorpus();
    prepareTokenizer();
    encodeCorpus();
    buildModel();
    if (resume_) restoreCheckpoint();
    syncModel();
    startRun();
    return trainLoop();
}

void Trainer::joinGroup()
{
    State& s = *state_;
    const DistributedEnvironment& env = *distributed_;
    const bool cuda = config_.run.device != "cpu" && (config_.run.device != "auto" || torch::cuda::is_available());
    observer_.onLog("distributed: rank " + std::to_string(env.rank) + " of " + std::to_string(env.worldSize) +
                    " joining " +
                    (env.storeFile.empty() ? env.masterAddress + ":" + std::to_string(env.masterPort)
                                           : std::string("a local file rendezvous")));
    s.group = DistributedGroup::join(env, std::chrono::seconds(config_.run.distributedTimeoutSeconds), cuda);
    s.group->setCancelCheck([this] { return feedback_.isCancelled(); });
    // Every rank must train the same config: rank 0 compares them all and says which keys differ.
    const std::string mine = configJsonText(config_);
    s.group->set("config/" + std::to_string(env.rank), mine);
    if (s.group->isMain()) {
        std::string verdict = "ok";
        for (int r = 1; r < env.worldSize; ++r) {
            const std::string theirs = s.group->get("config/" + std::to_string(r));
            if (theirs == mine) continue;
            const auto differences =
                diffConfigs({config_, parseConfigText(theirs, "rank " + std::to_string(r) + "'s config")});
            std::string keys;
            for (const auto& d : differences)
                keys += (keys.empty() ? "" : ", ") + d.key + " (" + configValueText(d.values[0]) + " on rank 0, " +
                        configValueText(d.values[1]) + " on rank " + std::to_string(r) + ")";
            verdict = "the ranks' configs differ: " + (keys.empty() ? std::string("(in their JSON)") : keys) +
                      "; start every rank with the same preset, --config and --set";
            break;
        }
        s.group->set("config-check", verdict);
    }
    const std::string verdict = s.group->get("config-check");
    if (!s.group->isMain()) s.group->add("config-check-read", 1);
    if (verdict != "ok") {
        // Rank 0 serves the store: it stays until every rank has read why (or 10 s).
        if (s.group->isMain())
            for (int wait = 0; wait < 500 && s.group->add("config-check-read", 0) < env.worldSize - 1; ++wait)
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
        throw std::invalid_argument(verdict);
    }
}

void Trainer::shareRunName()
{
    State& s = *state_;
    if (s.group->isMain()) {
        s.group->set("run-name", config_.run.name);
        return;
    }
    config_.run.name = s.group->get("run-name");
}

void Trainer::prepareRunDirectory()
{
    State& s = *state_;
    if (s.group && !s.group->isMain()) {
        // Rank 0 makes (or picks, on a resume) the directory; the others only learn its name.
        shareRunName();
        s.runDirectory = (fs::path(config_.run.runsDirectory) / config_.run.name).string();
        if (resume_) {
            s.checkpointPath = s.group->get("resume-checkpoint");
            if (!fs::exists(s.checkpointPath))
                throw std::runtime_error("rank " + std::to_string(s.group->rank()) + ": " + s.checkpointPath +
                                         " is not here: resuming a run of several hosts needs its runs directory "
                                         "on a filesystem every host shares");
            const std::int64_t steps = config_.optim.steps;
            config_ = parseConfigText(s.group->get("resume-config"), "rank 0's config.json");
            config_.optim.steps = steps;
        }
        return;
    }
    if (resume_) {
        if (config_.run.name.empty()) throw std::invalid_argument("resume: name the run to continue (run.name)");
        s.runDirectory = (fs::path(config_.run.runsDirectory) / config_.run.name).string();
        // A run killed mid-write (kill -9, a power cut) leaves temporaries beside its files.
        if (const std::size_t stale = removeStaleRunTemporaries(s.runDirectory))
            observer_.onLog("removed " + std::to_string(stale) + " temporary file(s) a killed writer left");
        s.checkpointPath = latestCheckpoint(s.runDirectory);
        if (s.checkpointPath.empty()) throw std::runtime_error(s.runDirectory + ": no checkpoint to resume from");
        // The saved config is the truth, except for the step budget, which the caller sets (the
        // CLI starts from the saved config, so an unchanged budget stays as it was).
        const std::int64_t steps = config_.optim.steps;
        config_ = loadConfigFile((fs::path(s.runDirectory) / "config.json").string());
        config_.optim.steps = steps;
        if (s.group) {
            shareRunName();
            s.group->set("resume-checkpoint", fs::absolute(s.checkpointPath).string());
            s.group->set("resume-config", configJsonText(config_));
        }
        return;
    }
    if (config_.run.name.empty()) config_.run.name = config_.preset + "-" + timestamp();
    fs::path directory = fs::path(config_.run.runsDirectory) / config_.run.name;
    for (int suffix = 2; fs::exists(directory); ++suffix)
        directory = fs::path(config_.run.runsDirectory) / (config_.run.name + "-" + std::to_string(suffix));
    config_.run.name = directory.filename().string();
    fs::create_directories(directory / "checkpoints");
    s.runDirectory = directory.string();
    if (s.group) shareRunName();
}

void Trainer::chooseDevice()
{
    State& s = *state_;
    const std::string& device = config_.run.device;
    if (device == "cpu" || (device == "auto" && !torch::cuda::is_available())) {
        const int threads = config_.run.threads > 0
                                ? static_cast<int>(config_.run.threads)
                                : std::max(1, static_cast<int>(std::thread::hardware_concurrency()) /
                                                  (distributed_ ? std::max(1, distributed_->localWorldSize) : 1));
        torch::set_num_threads(threads);
        s.device = torch::Device(torch::kCPU);
        s.deviceDescription = "CPU, " + std::to_string(threads) + (threads == 1 ? " thread" : " threads");
    } else {
        if (!torch::cuda::is_available())
            throw std::runtime_error("run.device = " + device + ", but CUDA is not available");
        // One GPU per process: a distributed run's "auto" or "cuda" is the local rank's.
        const bool perRank = distributed_ && (device == "auto" || device == "cuda");
        s.device = torch::Device(perRank ? "cuda:" + std::to_string(distributed_->localRank)
                                         : (device == "auto" ? std::string("cuda") : device));
        s.deviceDescription = "CUDA device " + std::to_string(s.device.index() < 0 ? 0 : s.device.index());
    }
    if (s.group)
        s.deviceDescription +=
            " x " + std::to_string(s.group->worldSize()) + " processes (" + s.group->backendName() + ")";
    observer_.onLog("device: " + s.deviceDescription);
    torch::manual_seed(config_.optim.seed);
}

void Trainer::readCorpus()
{
    State& s = *state_;
    const CorpusSpec spec = corpusSpecFor(config_.data);
    s.corpusName = spec.path;
    observer_.onLog("reading corpus " + (spec.path.empty() ? std::string("wordnet (default)") : spec.path));
    feedback_.setProgress(0.0, std::string(kPhaseReadingCorpus));
    Feedback reading(feedback_, 0.0, 0.3);
    // readAllTexts, into the run's state (see State::texts).
    const auto reader = openTextReader(spec, &reading);
    const auto maxTexts = static_cast<std::size_t>(config_.data.maxTexts);
    for (std::string text; (maxTexts == 0 || s.texts.size() < maxTexts) && reader->next(text);)
        s.texts.push_back(std::move(text));
    reading.setProgress(1.0);
    feedback_.throwIfCancelled();
    s.splits = splitTexts(std::move(s.texts));
    observer_.onLog("corpus: " + reader->stats().summary() + "; train " + std::to_string(s.splits.train.size()) +
                    ", validation " + std::to_string(s.splits.validation.size()));
    if (s.splits.train.empty()) throw std::runtime_error("corpus " + spec.path + ": no training texts");
}

void Trainer::shareTokenizer()
{
    State& s = *state_;
    if (s.group->isMain()) {
        s.group->set("tokenizer", s.tokenizer->serializedModel());
        s.group->set("prepared-config", configJsonText(config_));
        return;
    }
    // Rank 0 reads or trains the tokenizer (its cache is not shared between processes) and settles
    // the config (vocabulary size, padding and EOS ids); the others take both.
    s.tokenizer = Tokenizer::fromSerialized(s.group->get("tokenizer", kPreparationTimeout), "rank 0's tokenizer");
    const std::int64_t steps = config_.optim.steps;
    config_ = parseConfigText(s.group->get("prepared-config", kPreparationTimeout), "rank 0's config");
    config_.optim.steps = steps;
}

void Trainer::prepareTokenizer()
{
    State& s = *state_;
    feedback_.throwIfCancelled();
    if (s.group && !s.group->isMain()) {
        feedback_.setMessage(std::string(kPhaseTokenizer));
        shareTokenizer();
        return;
    }
    feedback_.setMessage(std::string(kPhaseTokenizer));
    Feedback preparing(feedback_, 0.3, 0.8);
    const fs::path runDir(s.runDirectory);
    const std::string tokenizerPath = (runDir / "tokenizer.model").string();
    if (resume_) {
        s.tokenizer = Tokenizer::load(tokenizerPath);
    } else if (!config_.run.initFrom.empty()) {
        // The pretrained run's tokenizer and model shape; this config's gates and training.
        s.initSource = readInitSource(config_.run.initFrom);
        s.tokenizer = Tokenizer::fromSerialized(s.initSource->tokenizerModel, s.initSource->checkpoint);
        writeFileAtomically(tokenizerPath, s.initSource->tokenizerModel);
        adoptModelShape(config_.model, s.initSource->config.model);
        config_.tokenizer.model.clear();
        config_.tokenizer.vocabSize = s.tokenizer->vocabSize();
        validateOrThrow(config_);
        observer_.onLog("init-from: " + s.initSource->checkpoint +
                        " (model shape and tokenizer; gates from this config)");
    } else if (!config_.tokenizer.model.empty()) {
        s.tokenizer = Tokenizer::load(config_.tokenizer.model);
        copyFileAtomically(config_.tokenizer.model, tokenizerPath);
    } else {
        TokenizerTrainOptions options;
        options.vocabSize = static_cast<int>(config_.tokenizer.vocabSize);
        options.characterCoverage = config_.tokenizer.characterCoverage;
        observer_.onLog("tokenizer: training (vocab " + std::to_string(options.vocabSize) +
                        "), or reusing a cached one");
        auto cached = trainTokenizerCached(s.splits.train, (runDir / "tokenizer").string(), options, &preparing);
        s.tokenizer = std::move(cached.tokenizer);
        observer_.onLog(cached.fromCache ? "tokenizer: reused from the cache" : "tokenizer: trained");
    }
    feedback_.throwIfCancelled();
    // A model started from another run keeps that run's vocabulary (T5: 32,128 rows for 32,000
    // pieces), as does a resumed one; a new model has one row per piece.
    if (!resume_ && config_.run.initFrom.empty()) config_.model.vocabSize = s.tokenizer->vocabSize();
    if (s.tokenizer->vocabSize() > config_.model.vocabSize)
        throw std::runtime_error(tokenizerPath + ": the tokenizer has " + std::to_string(s.tokenizer->vocabSize()) +
                                 " pieces, more than model.vocab_size = " + std::to_string(config_.model.vocabSize));
    config_.model.padId = s.tokenizer->padId();
    config_.model.eosId = s.tokenizer->eosId();
    if (!resume_) saveConfigFile(config_, (runDir / "config.json").string());
    if (s.group) shareTokenizer();
}

void Trainer::encodeCorpus()
{
    State& s = *state_;
    SplitTexts& splits = s.splits;
    feedback_.setProgress(0.8, std::string(kPhaseEncoding));
    EncodeOptions encodeOptions;
    encodeOptions.maxTokens = static_cast<std::size_t>(config_.data.maxTokens);
    encodeOptions.minTokens = static_cast<std::size_t>(config_.data.minTokens);
    Feedback encodingTrain(feedback_, 0.8, 0.94);
    s.train = encodeTexts(*s.tokenizer, splits.train, encodeOptions, &encodingTrain);
    if (config_.data.validationTexts > 0 &&
        splits.validation.size() > static_cast<std::size_t>(config_.data.validationTexts))
        splits.validation.resize(static_cast<std::size_t>(config_.data.validationTexts));
    Feedback encodingValidation(feedback_, 0.94, 0.95);
    s.validation = encodeTexts(*s.tokenizer, splits.validation, encodeOptions, &encodingValidation);
    if (s.train.size() == 0) throw std::runtime_error("corpus " + s.corpusName + ": no training text is long enough");
    // Learned gates are recalibrated on texts they never trained on: set on seen texts they keep
    // more of unseen ones (GateRecalibration.h). Its own generator, so the sample is the same for a
    // seed; fixed rules train on every text, in the same order as before.
    std::string heldOut;
    if (recalibratesGates(config_.model)) {
        const std::size_t count = std::min(kCalibrationTexts, s.train.size() / kCalibrationShare);
        const auto seed = static_cast<std::uint64_t>(config_.optim.seed) ^ 0x6361'6c69'6272'6174ULL;
        if (count > 0) {
            s.calibration = holdOut(s.train, count, seed);
            heldOut = ", " + std::to_string(count) + " held out to recalibrate the gates";
        } else {
            s.calibration = s.train;  // too few texts to spare any: recalibrated on the training texts
        }
    }
    observer_.onLog("encoded " + std::to_string(s.train.size()) + " training texts (" +
                    std::to_string(s.train.tokenCount()) + " tokens, " + std::to_string(s.train.truncated) +
                    " truncated" + heldOut + "), " + std::to_string(s.validation.size()) + " validation texts");
}

void Trainer::buildModel()
{
    State& s = *state_;
    feedback_.throwIfCancelled();
    feedback_.setProgress(0.95, std::string(kPhaseModel));
    s.model.emplace(config_.model);
    if (s.initSource) initFromPretrained();
    // MrT5's attention-score regulariser reads every encoder block's raw logits (explicit path).
    if (config_.loss.attentionScoreBeta > 0) (*s.model)->encoder->setTrackScorePenalty(true);
    (*s.model)->to(s.device);
    s.optimizer = makeOptimizer(*s.model, config_.optim);
    for (const auto& p : (*s.model)->parameters()) s.parameterCount += p.numel();
    observer_.onLog("model: " + std::to_string(s.parameterCount) + " parameters, " +
                    std::to_string(config_.model.gateCount()) + " gates");
    s.controller.emplace(config_.loss);
    if (s.group) {
        // The learned gates calibrate their offsets on the quantile of the global batch.
        auto& encoder = (*s.model)->encoder;
        for (std::size_t g = 0; g < encoder->gateCount(); ++g)
            if (auto* gate = dynamic_cast<TokenGateImpl*>(&encoder->gate(g)))
                gate->setCalibrationGather([&s](const torch::Tensor& z) {
                    const double nan = std::numeric_limits<double>::quiet_NaN();
                    return s.group->allGatherPadded(s.contributes ? z : torch::full_like(z, nan), nan);
                });
    }
    feedback_.throwIfCancelled();
}

void Trainer::syncModel()
{
    State& s = *state_;
    if (!s.group) return;
    // The same seed builds the same model everywhere, and a resume loads one checkpoint; rank 0's
    // copy is sent anyway, so that no difference (run.init_from read by rank 0, a platform's
    // random numbers) can survive into the first step.
    std::vector<torch::Tensor> tensors;
    for (const auto& p : (*s.model)->parameters()) tensors.push_back(p.data());
    for (const auto& b : (*s.model)->buffers()) tensors.push_back(b);
    s.group->broadcast(tensors, 0);
    // Dropout and gate noise: each rank its own stream (rank 0 keeps the single-process one).
    if (s.group->rank() > 0)
        torch::manual_seed(config_.optim.seed + 0x9E37'79B9ULL * static_cast<std::uint64_t>(s.group->rank()));
}

void Trainer::initFromPretrained()
{
    State& s = *state_;
    const auto added = loadInitWeights(s.initSource->checkpoint, *s.model);
    observer_.onLog("init-from: loaded the pretrained weights; " + std::to_string(added.size()) +
                    " gate parameter(s) start fresh");
    if (config_.model.gateCount() == 0 || s.train.size() == 0) return;
    // Open the new gates on a first batch of training texts (alpha >= 0.95 for every token there),
    // so the pretrained model starts as it was: only the gates' own offsets move.
    Batch first;
    for (std::size_t i = 0; i < s.train.size() && first.size() < static_cast<std::size_t>(config_.data.batchSize); ++i)
        first.push_back(i);
    const auto offsets = openGates(*s.model, makeBatchTensor(s.train, first, config_.model.padId, torch::kCPU));
    std::string text;
    for (std::size_t g = 0; g < offsets.size(); ++g) text += (g ? ", " : "") + formatFixed(offsets[g], 2);
    observer_.onLog("init-from: gates opened (alpha >= 0.95 on a first batch); logit offsets added: " + text);
}

void Trainer::restoreCheckpoint()
{
    State& s = *state_;
    s.progress = loadCheckpoint(s.checkpointPath, *s.model, s.optimizer.get());
    s.controller->restore(s.progress.lambda, s.progress.lambdaIntegral, s.progress.smoothedKeepRatio);
    s.savedStep = s.progress.step;
    observer_.onLog("resumed from " + s.checkpointPath + " at step " + std::to_string(s.progress.step));
    feedback_.throwIfCancelled();
}

void Trainer::startRun()
{
    State& s = *state_;
    if (isMain()) {
        s.metrics = std::make_unique<MetricsLog>(s.runDirectory, config_.model.gateCount());
        s.metrics->open(resume_, s.progress.step);
    }

    s.batching.batchSize = static_cast<std::size_t>(config_.data.batchSize);
    s.batching.bucketByLength = config_.data.bucketByLength;
    s.batching.seed = config_.optim.seed;
    s.lengths = s.train.lengths();
    s.batches = makeBatches(s.lengths, s.batching, static_cast<std::uint64_t>(s.progress.epoch));

    RunInfo info;
    info.runDirectory = s.runDirectory;
    info.runName = fs::path(s.runDirectory).filename().string();
    info.device = s.deviceDescription;
    info.firstStep = s.progress.step;
    info.totalSteps = config_.optim.steps;
    info.gateCount = config_.model.gateCount();
    info.parameterCount = s.parameterCount;
    info.trainTexts = static_cast<std::int64_t>(s.train.size());
    info.validationTexts = static_cast<std::int64_t>(s.validation.size());
    s.started = true;
    s.lastStep = s.progress.step;
    writeStatus(kRunStateRunning, s.progress.step);  // before the observer hears of it: a run browser may look
    feedback_.setProgress(1.0);
    observer_.onRunStarted(info);
    feedback_.setProgress(static_cast<double>(s.lastStep) / static_cast<double>(config_.optim.steps),
                          std::string(kPhaseTraining));
    s.runStart = std::chrono::steady_clock::now();
}

Trainer::Outcome Trainer::trainLoop()
{
    State& s = *state_;
    const std::int64_t steps = config_.optim.steps;
    std::int64_t badSteps = 0;
    (*s.model)->train();
    while (s.lastStep < steps) {
        // A distributed run's ranks agree on a stop inside the step (trainStep), so that all of
        // them stop after the same step; pausing is the single-process GUI's.
        if (!s.group) {
            waitWhilePaused();
            feedback_.throwIfCancelled();
        }
        if (s.progress.batchInEpoch >= static_cast<std::int64_t>(s.batches.size())) {
            ++s.progress.epoch;
            s.progress.batchInEpoch = 0;
            s.batches = makeBatches(s.lengths, s.batching, static_cast<std::uint64_t>(s.progress.epoch));
        }
        const Batch& batch = s.batches[static_cast<std::size_t>(s.progress.batchInEpoch++)];

        SkippedStep skipped = SkippedStep::None;
        const std::optional<StepMetrics> m = trainStep(batch, skipped);
        if (!m) {
            if (++badSteps < config_.run.maxBadSteps) continue;
            if (skipped == SkippedStep::NonFiniteLoss)
                return {FinishReason::Diverged, std::to_string(badSteps) + " non-finite losses in a row at step " +
                                                    std::to_string(s.lastStep + 1) +
                                                    "; lower optim.lr or loss.lambda_max"};
            return {FinishReason::Diverged, "non-finite gradients in a row; lower optim.lr"};
        }
        badSteps = 0;
        const std::int64_t step = m->step;
        if (s.metrics) s.metrics->appendStep(*m);  // a step counts once its row is written (a full disk throws here)
        s.lastStep = step;
        observer_.onStep(*m);
        feedback_.setProgress(static_cast<double>(step) / static_cast<double>(steps));
        if (snapshot_.exchange(false) && isMain()) sendSnapshot(step);

        const bool last = step == steps;
        const bool evaluating = config_.run.evalEvery > 0 && (step % config_.run.evalEvery == 0 || last);
        if (evaluating || last) recalibrateAt(step);  // so the final checkpoint holds it too
        if (evaluating) evaluateAt(step);
        if (last || (config_.run.checkpointEvery > 0 && step % config_.run.checkpointEvery == 0)) {
            saveCheckpointAt(step);
            if (!last) writeStatus(kRunStateRunning, step);
        }
    }
    if (s.group && s.communicationSteps > 0)
        observer_.onLog("distributed: the gradient all-reduce took " +
                        formatFixed(1000.0 * s.communicationSeconds / static_cast<double>(s.communicationSteps), 1) +
                        " ms per step on average");
    return {FinishReason::Completed, "completed " + std::to_string(s.lastStep) + " steps"};
}

std::optional<StepMetrics> Trainer::trainStep(const Batch& batch, SkippedStep& skipped)
{
    State& s = *state_;
    MegatokenModel& model = *s.model;
    const std::int64_t step = s.lastStep;  // 0-based index of this step
    const auto stepStart = std::chrono::steady_clock::now();

    const double lr = learningRateAt(config_.optim, step);
    setLearningRate(*s.optimizer, config_.optim.optimizer, lr, config_.optim.gateLearningRateScale);
    // Without gates (gates.every = 0, a plain autoencoder) there is nothing to compress: lambda
    // stays 0 and the controller is not fed the keep ratio of 1.
    const bool gated = model->encoder->gateCount() > 0;
    const double lambda = gated ? s.controller->lambdaFor(step) : 0.0;
    model->encoder->setKeepTarget(s.controller->targetAt(step));  // used only by calibrated gates

    const MaskMode trainMode = config_.model.gates.straightThrough ? MaskMode::StraightThrough : MaskMode::Soft;
    // A distributed rank trains on its rows of the global batch; one left without rows (a batch of
    // fewer rows than ranks) runs the batch's last row with weight 0, so that it still takes part
    // in every collective of the step.
    Batch rows = batch;
    s.contributes = true;
    if (s.group) {
        const RowRange range = shardRows(batch.size(), s.group->worldSize(), s.group->rank());
        s.contributes = range.size() > 0;
        rows = s.contributes ? Batch(batch.begin() + static_cast<std::ptrdiff_t>(range.begin),
                                     batch.begin() + static_cast<std::ptrdiff_t>(range.end))
                             : Batch{batch.back()};
    }
    const double weight = s.contributes ? 1.0 : 0.0;
    const auto ids = makeBatchTensor(s.train, rows, config_.model.padId, s.device);
    const auto labelMask = ids.ne(config_.model.padId);
    s.optimizer->zero_grad();
    const auto encoded = model->encode(ids, trainMode);
    // Logits only at label positions: padding never reaches the vocabulary projection.
    const auto positions = labelMask.reshape({-1}).nonzero().squeeze(1);
    const auto labels = ids.reshape({-1}).index_select(0, positions);
    const auto logits = model->labelLogits(ids, encoded, labelMask);
    torch::Tensor ce;
    CompressionTerms compression;
    double rowShare = 1.0;  // this rank's rows / the global batch's
    if (s.group) {
        // One process's means are over the global batch: its label tokens, its rows and, per gate,
        // its rows with something to drop (the prior). With those as denominators each rank's
        // terms are its share, and their sum (the gradients' all-reduce) is one process's loss.
        // The stop flag rides along: every rank stops after the same step.
        std::vector<torch::Tensor> counts{
            torch::cat({labelMask.sum().to(torch::kFloat64).reshape({1}) * weight,
                        torch::full({1}, static_cast<double>(rows.size()) * weight,
                                    torch::TensorOptions(torch::kFloat64).device(s.device)),
                        priorRows(encoded).detach().to(torch::kFloat64) * weight,
                        torch::full({1}, feedback_.isCancelled() ? 1.0 : 0.0,
                                    torch::TensorOptions(torch::kFloat64).device(s.device))})};
        s.group->allReduceSum(counts);
        const auto global = counts[0].to(torch::kCPU);
        if (global[global.size(0) - 1].item<double>() > 0) throw Cancelled();
        const double tokens = global[0].item<double>(), globalRows = global[1].item<double>();
        const auto priorRowsGlobal =
            global.narrow(0, 2, global.size(0) - 3).to(s.device).to(encoded.hidden.scalar_type());
        ce = torch::nn::functional::cross_entropy(
                 logits, labels, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum)) /
             std::max(1.0, tokens) * weight;
        compression = compressionLoss(encoded, config_.model.dKv, globalRows);
        compression.loss = compression.loss * weight;
        compression.ratios = compression.ratios * weight;
        compression.overallRatio = compression.overallRatio * weight;
        if (config_.loss.prior != LossPrior::None)
            compression.loss = priorLoss(encoded, config_.loss.prior, priorRowsGlobal) * weight;
        rowShare = weight * static_cast<double>(rows.size()) / std::max(1.0, globalRows);
    } else {
        ce = torch::nn::functional::cross_entropy(logits, labels);
        compression = compressionLoss(encoded, config_.model.dKv);
        // loss.prior replaces the compression term (its ratios are still logged).
        if (config_.loss.prior != LossPrior::None) compression.loss = priorLoss(encoded, config_.loss.prior);
    }
    auto loss = lambda != 0.0 ? ce + lambda * compression.loss : ce;
    // MrT5's penalty is a mean over the blocks' logits, weighted here by the rows (the padding of
    // a shard differs from the global batch's, so on several ranks it is close, not equal).
    if (config_.loss.attentionScoreBeta > 0 && encoded.scorePenalty.defined())
        loss = loss + config_.loss.attentionScoreBeta * rowShare * encoded.scorePenalty;
    loss.backward();
    const auto parameters = model->parameters();
    if (s.group) {
        const auto communication = allReduceGradients(parameters, *s.group);
        s.communicationSeconds += communication.seconds;
        ++s.communicationSteps;
    }
    // Everything this step logs or decides on leaves the device in ONE stacked copy: the loss
    // terms, the token counts, the gates' ratios and the gradient norm. Clipping scales the
    // gradients on the device (as torch.nn.utils.clip_grad_norm_ does, without its host sync);
    // a non-finite loss or norm is caught from the copy, before the optimizer step. A distributed
    // run sums every rank's values first (the gradient norm, the same everywhere after the
    // all-reduce, is not summed).
    torch::Tensor gradNorm;
    if (config_.optim.clipNorm > 0) gradNorm = clipGradientsOnDevice(parameters, config_.optim.clipNorm);
    const auto correct = logits.detach().argmax(-1).eq(labels).sum();
    const std::int64_t batchRows = ids.size(0), length = ids.size(1);
    const double stepFlops =
        weight * 3.0 * static_cast<double>(batchRows) *
        forwardFlops(config_.model,
                     std::vector<std::int64_t>(static_cast<std::size_t>(config_.model.encoderLayers), length), length,
                     length);
    std::vector<torch::Tensor> logged{loss.detach(),
                                      ce.detach(),
                                      compression.loss.detach(),
                                      labelMask.sum() * weight,
                                      correct * weight,
                                      compression.overallRatio.detach(),
                                      gradNorm.defined() ? gradNorm : torch::zeros({}, loss.options()),
                                      torch::full({}, stepFlops, loss.options())};
    // The tokens the first gate could drop (not EOS, not padding) and those of them the last gate
    // kept: the droppable share, which loss.controller_measure=droppable feeds the controller.
    if (!encoded.gates.empty() && encoded.gates.front().droppable.defined()) {
        const auto& droppable = encoded.gates.front().droppable;
        logged.push_back((encoded.gates.back().kept & droppable).sum() * weight);
        logged.push_back(droppable.sum() * weight);
    } else {
        logged.push_back(torch::zeros({}, loss.options()));
        logged.push_back(torch::zeros({}, loss.options()));
    }
    for (const auto& gate : encoded.gates) logged.push_back(gate.kept.sum() * weight);
    if (compression.ratios.defined() && compression.ratios.numel() > 0)
        logged.push_back(compression.ratios.detach().reshape({-1}));
    std::vector<torch::Tensor> flat;
    flat.reserve(logged.size());
    for (const auto& t : logged) flat.push_back(t.reshape({-1}).to(torch::kFloat64));
    std::vector<torch::Tensor> summed{torch::cat(flat)};
    if (s.group) {
        summed[0][6].fill_(0.0);  // the norm: added back below, once
        s.group->allReduceSum(summed);
        if (gradNorm.defined()) summed[0][6].copy_(gradNorm.to(torch::kFloat64));
    }
    const auto host = summed[0].to(torch::kCPU);  // the step's one device-to-host copy
    const double* v = host.data_ptr<double>();
    const double lossValue = v[0];
    const double gradNormValue = v[6];
    if (!std::isfinite(lossValue)) {
        skipped = SkippedStep::NonFiniteLoss;
        s.optimizer->zero_grad();
        observer_.onLog("step " + std::to_string(step + 1) + ": loss is " + std::to_string(lossValue) +
                        ", step skipped");
        return std::nullopt;
    }
    if (config_.optim.clipNorm > 0 && !std::isfinite(gradNormValue)) {
        skipped = SkippedStep::NonFiniteGradient;
        s.optimizer->zero_grad();
        observer_.onLog("step " + std::to_string(step + 1) + ": gradient norm is not finite, step skipped");
        return std::nullopt;
    }
    s.optimizer->step();

    // Metrics of this step, all from the host copy.
    StepMetrics m;
    m.step = step + 1;
    m.epoch = s.progress.epoch;
    m.totalSteps = config_.optim.steps;
    m.loss = lossValue;
    m.crossEntropy = v[1];
    m.compressionLoss = v[2];
    m.lambda = lambda;
    const double tokens = v[3];
    m.tokenAccuracy = v[4] / std::max(1.0, tokens);
    m.softKeepRatio = v[5];
    const double droppableKept = v[8], droppableTokens = v[9];
    std::size_t at = 10;
    for (std::size_t g = 0; g < encoded.gates.size(); ++g) m.gateKept.push_back(v[at++] / std::max(1.0, tokens));
    for (; at < static_cast<std::size_t>(host.numel()); ++at) m.gateRatios.push_back(v[at]);
    m.hardKeepRatio = m.gateKept.empty() ? 1.0 : m.gateKept.back();
    m.learningRate = lr;
    const double stepSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - stepStart).count();
    m.tokensPerSecond = tokens / std::max(1e-9, stepSeconds);
    m.wallSeconds = wallSeconds();
    // Compute so far: the masked model runs every block at the batch's padded length (the
    // decoder reads the same text), forward and backward about 3x the forward FLOPs (stepFlops,
    // summed over the ranks, each at its shard's padded length).
    s.progress.tokensSeen += tokens;
    s.progress.trainFlops += v[7];
    m.tokensSeen = s.progress.tokensSeen;
    m.trainFlops = s.progress.trainFlops;
    m.unixTime = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    const bool droppableShare = config_.loss.controllerMeasure == KeepMeasure::Droppable && droppableTokens > 0;
    if (gated) s.controller->observe(step, droppableShare ? droppableKept / droppableTokens : m.hardKeepRatio);
    return m;
}

void Trainer::recalibrateAt(std::int64_t step)
{
    State& s = *state_;
    std::vector<std::size_t> texts(s.calibration.size());
    std::iota(texts.begin(), texts.end(), std::size_t{0});
    const auto shifts =
        recalibrateGates(*s.model, s.calibration, texts, static_cast<std::size_t>(config_.data.batchSize), s.device);
    if (std::none_of(shifts.begin(), shifts.end(), [](double shift) { return shift != 0.0; })) return;
    std::string text = "step " + std::to_string(step) + ": gates recalibrated in evaluation mode on " +
                       std::to_string(texts.size()) + " held-out training texts, logit shifts";
    for (double shift : shifts) text += " " + formatGeneral(shift, 3);
    observer_.onLog(text);
}

void Trainer::evaluateAt(std::int64_t step)
{
    State& s = *state_;
    if (s.validation.size() == 0) return;
    EvalOptions options;
    options.batchSize = config_.data.batchSize;
    options.decodeMaxLength = config_.run.decodeMaxLength > 0 ? config_.run.decodeMaxLength : config_.data.maxTokens;
    feedback_.setProgress(0.0, std::string(kPhaseEvaluating));
    EvaluationResult result;
    if (!s.group) {
        result = evaluate(*s.model, s.validation, *s.tokenizer, options, s.device, &feedback_);  // throws Cancelled
    } else {
        // Sharded: each rank scores its contiguous share of the validation texts, rank 0 adds the
        // tallies up (EvaluationTally: the same figures as one process scoring them all).
        const auto start = std::chrono::steady_clock::now();
        const RowRange range = shardRows(s.validation.size(), s.group->worldSize(), s.group->rank());
        std::vector<std::size_t> mine(range.size());
        std::iota(mine.begin(), mine.end(), range.begin);
        EvaluationTally tally =
            evaluateTexts(*s.model, s.validation, mine, *s.tokenizer, options, s.device, &feedback_);
        const std::string key = "eval/" + std::to_string(step) + "/";
        if (!s.group->isMain()) {
            s.group->set(key + std::to_string(s.group->rank()), toJson(tally).dump());
            return;
        }
        for (int r = 1; r < s.group->worldSize(); ++r)
            tally.add(tallyFromJson(nlohmann::json::parse(s.group->take(
                key + std::to_string(r),
                "rank " + std::to_string(r) + "'s share of the evaluation at step " + std::to_string(step)))));
        result.metrics = metricsFrom(tally);
        result.predictions = predictionsInOrder(tally);
        result.metrics.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    feedback_.setProgress(static_cast<double>(step) / static_cast<double>(config_.optim.steps),
                          std::string(kPhaseTraining));
    result.metrics.step = step;
    s.metrics->appendEval(result.metrics);
    writePredictions((fs::path(s.runDirectory) / "predictions.tsv").string(), result.predictions);
    writeStatus(kRunStateRunning, step);  // run browsers refresh a running run's row on this
    observer_.onEvaluation(result.metrics);
}

void Trainer::saveCheckpointAt(std::int64_t step)
{
    State& s = *state_;
    if (!isMain()) {
        s.savedStep = step;  // rank 0 writes it
        return;
    }
    CheckpointState cs = s.progress;
    cs.step = step;
    cs.lambda = s.controller->currentLambda();
    cs.lambdaIntegral = s.controller->integral();
    cs.smoothedKeepRatio = s.controller->smoothedKeepRatio();
    cs.wallSeconds = wallSeconds();
    cs.configJson = toJson(config_).dump(2);
    cs.tokenizerModel = s.tokenizer->serializedModel();
    char name[64];
    std::snprintf(name, sizeof name, "step-%08lld.pt", static_cast<long long>(step));
    const fs::path directory = fs::path(s.runDirectory) / "checkpoints";
    const std::string path = (directory / name).string();
    saveCheckpoint(path, *s.model, s.optimizer.get(), cs);
    s.savedStep = step;
    pruneCheckpoints(directory.string(), 2);
    observer_.onCheckpoint(step, path);
}

void Trainer::sendSnapshot(std::int64_t step)
{
    State& s = *state_;
    auto snapshot = std::make_shared<ModelSnapshot>();
    snapshot->step = step;
    snapshot->runDirectory = s.runDirectory;
    snapshot->configJson = toJson(config_).dump();
    snapshot->tokenizerModel = s.tokenizer->serializedModel();
    torch::serialize::OutputArchive archive;
    (*s.model)->save(archive);
    std::ostringstream bytes;
    archive.save_to(bytes);
    snapshot->weights = std::move(bytes).str();
    observer_.onSnapshot(std::move(snapshot));
}

FinishReason Trainer::finish(Outcome outcome)
{
    State& s = *state_;
    // A run that got going keeps where it got to: a stopped or diverged run checkpoints its last
    // completed step (a completed run wrote that checkpoint at its last step).
    // A run that failed (a full disk included) tries no more writes but its status.
    if (s.started && outcome.reason != FinishReason::Failed && s.savedStep != s.lastStep) {
        try {
            saveCheckpointAt(s.lastStep);
        } catch (const std::exception& e) {
            // Why the run ended stays first; the lost checkpoint makes it a failure.
            outcome = {FinishReason::Failed,
                       outcome.message + "; its checkpoint could not be written: " + e.what() + whereToResume()};
        }
    }
    s.metrics.reset();  // closes metrics.csv and eval.csv; every row was flushed as it was written
    // A failure ends the waits of the other ranks (they wait for rank 0's tokenizer, its
    // evaluation, ...) with this message, rather than at their timeout.
    if (s.group && outcome.reason == FinishReason::Failed) s.group->reportFailure(outcome.message);
    s.group.reset();  // leaves the process group (the heartbeat stops)
    // The status of a run that got going; of a new run also when it was stopped before its first
    // step. A resume that never started (stopped or failed) leaves the run's earlier status.
    if (s.started || (!resume_ && outcome.reason == FinishReason::Stopped))
        writeStatus(runState(outcome.reason), s.lastStep, outcome.message);
    observer_.onFinished(outcome.reason, outcome.message);
    return outcome.reason;
}

}  // namespace megatoken
