#pragma once
// The training loop. Runs on whatever thread calls run() (the CLI's main thread, the GUI's worker
// thread); talks to the world only through TrainingObserver; pause, resume and stop arrive as
// atomic flags that are checked between steps.

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/config/RunConfig.h"
#include "core/feedback/TrainingObserver.h"

namespace megatoken {

class Trainer {
public:
    // resume: continue from the newest checkpoint in the run directory named by config.run.name.
    Trainer(RunConfig config, TrainingObserver& observer, bool resume = false);
    ~Trainer();

    // Blocks until the run completes, is stopped, diverges or fails. Never throws: failures are
    // reported through onFinished(Failed, message) and returned.
    FinishReason run();

    void requestPause();
    void requestResume();
    void requestStop();  // ends after the current step and writes a checkpoint
    // After the current step, copy the weights into a ModelSnapshot for onSnapshot() (the
    // inspector's view of a live run). Costs one serialization of the model, between steps.
    void requestSnapshot() { snapshot_ = true; }
    bool isPaused() const { return pause_.load(); }

    // Valid once run() has prepared the run directory.
    std::string runDirectory() const;
    std::string deviceDescription() const;

private:
    struct State;
    FinishReason runUnguarded();
    FinishReason finishBeforeFirstStep();
    // <run>/status.json for run browsers; a failure to write it is logged, not fatal.
    void writeStatus(std::string_view state, std::int64_t step, const std::string& message = "");
    void waitWhilePaused();

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
