#pragma once
// The one way progress leaves the engine. The trainer calls these on its own thread; a GUI bridge
// turns them into queued signals, the CLI prints them, a test records them.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace megatoken {

struct StepMetrics {
    std::int64_t step = 0;  // 1-based: the number of optimizer steps taken
    std::int64_t epoch = 0;
    double loss = 0, crossEntropy = 0, compressionLoss = 0, lambda = 0;
    double tokenAccuracy = 0;        // teacher-forced, under the training mask
    std::vector<double> gateRatios;  // R(s) for every gate (soft, ratio to the previous gate)
    double softKeepRatio = 1;        // L(S) / L(0)
    std::vector<double> gateKept;    // hard-kept fraction of non-pad tokens after each gate
    double hardKeepRatio = 1;        // after the last gate
    double learningRate = 0;
    double tokensPerSecond = 0;  // non-pad tokens, this step
    double wallSeconds = 0;      // training time of the run so far, resumed parts included
    // Compute so far, for plotting against it (core/runs/MetricSchema.cpp): non-pad tokens of every
    // training batch, and 3x the forward FLOPs of every batch's padded shape (forward and backward,
    // Kaplan et al. 2020, sec. 2.1; core/compression/FlopCount.h). NaN after resuming a checkpoint
    // written before they were counted.
    double tokensSeen = 0;
    double trainFlops = 0;
    double unixTime = 0;  // seconds since 1970-01-01 UTC at the end of this step
    std::int64_t totalSteps = 0;
};

struct EvalMetrics {
    std::int64_t step = 0;
    std::string split = "validation";
    std::int64_t texts = 0;
    // Teacher-forced token accuracy: hard mask (dropped tokens invisible: the honest figure) and
    // the soft training mask.
    double accuracyHard = 0, accuracySoft = 0;
    double crossEntropyHard = 0;
    // Free-running greedy decoding under the hard mask.
    double accuracyFree = 0;  // position-wise token accuracy of the generated ids
    double bleuFree = 0;      // sacreBLEU, 0..100
    double rougeLFree = 0;    // rouge-score ROUGE-L F, 0..1
    double exactMatchFree = 0;
    // Teacher-forced argmax outputs scored like the authors' reported figures.
    double bleuTeacherForced = 0, rougeLTeacherForced = 0, exactMatchTeacherForced = 0;
    std::vector<double> gateKept;  // hard-kept fraction after each gate
    double hardKeepRatio = 1;
    double softKeepRatio = 1;
    double seconds = 0;
};

// What a run is, once its data and model are ready and before its first step.
struct RunInfo {
    std::string runDirectory;
    std::string runName;
    std::string device;          // "CPU, 2 threads" or "CUDA device 0 (NVIDIA H100)"
    std::int64_t firstStep = 0;  // the step a resumed run continues from; 0 for a new run
    std::int64_t totalSteps = 0;
    std::int64_t gateCount = 0;
    std::int64_t parameterCount = 0;
    std::int64_t trainTexts = 0, validationTexts = 0;
};

struct ModelSnapshot;

enum class FinishReason { Completed, Stopped, Diverged, Failed };

struct TrainingObserver {
    virtual ~TrainingObserver() = default;
    virtual void onRunStarted(const RunInfo&) {}
    virtual void onStep(const StepMetrics&) {}
    virtual void onEvaluation(const EvalMetrics&) {}
    virtual void onLog(const std::string& /*message*/) {}
    virtual void onCheckpoint(std::int64_t /*step*/, const std::string& /*path*/) {}
    // The weights asked for with Trainer::requestSnapshot(), taken between two steps.
    virtual void onSnapshot(std::shared_ptr<const ModelSnapshot> /*snapshot*/) {}
    virtual void onFinished(FinishReason, const std::string& /*message*/) {}
};

const char* finishReasonName(FinishReason reason);

}  // namespace megatoken
