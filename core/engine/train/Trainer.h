#pragma once
// The training loop. Runs on whatever thread calls run() (the CLI's main thread, the GUI's worker
// thread); talks to the world only through TrainingObserver; pause, resume and stop arrive as
// atomic flags that are checked between the phases of the preparation, between steps and between
// evaluation batches.

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/config/RunConfig.h"
#include "core/data/LengthBucketedBatches.h"
#include "core/feedback/TrainingObserver.h"

namespace megatoken {

class Trainer {
public:
    // resume: continue from the newest checkpoint in the run directory named by config.run.name.
    Trainer(RunConfig config, TrainingObserver& observer, bool resume = false);
    ~Trainer();

    // Blocks until the run completes, is stopped, diverges or fails. Never throws: every ending
    // goes through one finish (status.json, the checkpoint of a stopped or diverged run, the
    // metrics files closed, then onFinished) and is returned.
    FinishReason run();

    // Thread-safe. A pause holds the run between two steps until requestResume() or a stop.
    void requestPause();
    void requestResume();
    void requestStop();  // ends the preparation, or the run after the current step with a checkpoint
    bool isPaused() const { return pause_.load(); }
    // After the current step, copy the weights into a ModelSnapshot for onSnapshot() (the
    // inspector's view of a live run). Costs one serialization of the model, between steps.
    void requestSnapshot() { snapshot_ = true; }

    // Valid once run() has prepared the run directory; read them from run()'s thread or after it.
    std::string runDirectory() const;
    std::string deviceDescription() const;

private:
    struct State;
    struct Outcome {
        FinishReason reason = FinishReason::Completed;
        std::string message;
    };
    enum class SkippedStep { None, NonFiniteLoss, NonFiniteGradient };

    struct StopRequested {};  // thrown by throwIfStopped(), caught by run()
    void throwIfStopped() const;

    // The phases of run(), in order; each throws StopRequested when a stop was requested.
    Outcome runPhases();
    void prepareRunDirectory();
    void chooseDevice();
    void readCorpus();
    void prepareTokenizer();
    void encodeCorpus();
    void buildModel();
    void restoreCheckpoint();
    void startRun();
    Outcome trainLoop();
    // One optimizer step; nothing when the loss or the gradient norm was not finite (no update).
    std::optional<StepMetrics> trainStep(const Batch& batch, SkippedStep& skipped);
    void evaluateAt(std::int64_t step);
    void saveCheckpointAt(std::int64_t step);
    void sendSnapshot(std::int64_t step);
    // The one way out of run().
    FinishReason finish(Outcome outcome);

    // <run>/status.json for run browsers; a failure to write it is logged, not fatal.
    void writeStatus(std::string_view state, std::int64_t step, const std::string& message = "");
    void waitWhilePaused();
    double wallSeconds() const;

    RunConfig config_;
    TrainingObserver& observer_;
    bool resume_;
    std::atomic<bool> pause_{false};
    std::atomic<bool> stop_{false};
    std::atomic<bool> snapshot_{false};
    std::mutex pauseMutex_;
    std::condition_variable pauseChanged_;
    std::unique_ptr<State> state_;
};

// The newest checkpoint file in <run>/checkpoints, or "" when there is none.
std::string latestCheckpoint(const std::string& runDirectory);

}  // namespace megatoken
