#pragma once
// The training loop. Runs on whatever thread calls run() (the CLI's main thread, the GUI's worker
// thread); talks to the world only through TrainingObserver and the Feedback it is given.
//
// Stopping is the Feedback's cancel() (core/feedback/Feedback.h), from any thread. It is honoured
// in every phase: while the corpus is read (within 1 MiB of input), while the tokenizer trains (its
// helper process is killed), while the texts are encoded (within 256 texts), between the phases,
// between two training steps, between evaluation batches and between greedy decoding steps. A run
// stopped after its first step writes a checkpoint of its last completed step; every metrics row
// already written stays.
//
// Progress through the same Feedback: while preparing, a fraction 0..1 of the preparation with the
// phase as its message (kPhase* below; reading the corpus is 0..0.3, the tokenizer 0.3..0.8,
// encoding 0.8..0.95, the model 0.95..1); once training, "training" at steps done / total steps,
// and "evaluating" at the fraction of the validation texts scored while an evaluation runs.

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/config/RunConfig.h"
#include "core/data/LengthBucketedBatches.h"
#include "core/distributed/DistributedEnvironment.h"
#include "core/feedback/TrainingObserver.h"

namespace megatoken {

class Feedback;

class Trainer {
public:
    // The phase messages the trainer gives its Feedback.
    static constexpr std::string_view kPhaseReadingCorpus = "reading corpus";
    static constexpr std::string_view kPhaseTokenizer = "preparing tokenizer";
    static constexpr std::string_view kPhaseEncoding = "encoding corpus";
    static constexpr std::string_view kPhaseModel = "building model";
    static constexpr std::string_view kPhaseTraining = "training";
    static constexpr std::string_view kPhaseEvaluating = "evaluating";

    // feedback: the run's stop flag and progress; it must outlive the trainer, and a cancelled one
    // stops the run before its first step. resume: continue from the newest checkpoint in the run
    // directory named by config.run.name.
    Trainer(RunConfig config, TrainingObserver& observer, Feedback& feedback, bool resume = false);
    ~Trainer();

    // Makes this trainer one rank of a data-parallel run (call before run(); the CLI passes what
    // torchrun, Slurm or `megatoken train --nproc` set, DistributedEnvironment.h). run() then joins
    // the process group (c10d: Gloo on the CPU, NCCL on CUDA, run.distributed_timeout_s), checks that
    // every rank has the same config, and trains on its shard of each global batch of
    // data.batch_size rows (core/distributed/ShardRows.h) with the gradients, the loss terms' means,
    // the gates' calibration and the keep-ratio controller all over the global batch, so a run on N
    // ranks takes the steps one process would. Rank 0 alone writes the run's files and reports to
    // the observer as a single-process run does; the other ranks report only their ending.
    // Evaluation is sharded over the ranks and merged on rank 0. A stop (the Feedback) is agreed on
    // at the next step by all ranks; a rank that ends or hangs makes the others fail within the
    // timeout with a message naming it. A resumed run may use another world size.
    void setDistributed(DistributedEnvironment environment);

    // Blocks until the run completes, is stopped (the feedback cancelled), diverges or fails.
    // Never throws: every ending goes through one finish (status.json, the checkpoint of a stopped
    // or diverged run, the metrics files closed, then onFinished) and is returned. A file that
    // cannot be written (a full disk: a checkpoint, a metrics row, predictions.tsv, config.json)
    // ends the run Failed, its message naming the file and the system's reason; the checkpoints
    // already written stay loadable and the metrics files keep every whole row.
    FinishReason run();

    // Thread-safe. A pause holds the run between two steps until requestResume() or a cancel.
    void requestPause();
    void requestResume();
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

    // The phases of run(), in order; each throws Cancelled when the feedback is cancelled.
    Outcome runPhases();
    void prepareRunDirectory();
    void chooseDevice();
    void readCorpus();
    void prepareTokenizer();
    void encodeCorpus();
    void buildModel();
    void initFromPretrained();  // run.init_from: pretrained weights, then the new gates opened
    void restoreCheckpoint();
    void joinGroup();       // distributed runs: the process group, and every rank's config checked
    void shareRunName();    // distributed runs: rank 0's run directory name to every rank
    void shareTokenizer();  // distributed runs: rank 0's tokenizer and final config to every rank
    void syncModel();       // distributed runs: rank 0's weights and buffers to every rank
    void startRun();
    bool isMain() const;  // rank 0, or a single-process run: the one that writes files
    Outcome trainLoop();
    // One optimizer step; nothing when the loss or the gradient norm was not finite (no update).
    std::optional<StepMetrics> trainStep(const Batch& batch, SkippedStep& skipped);
    void evaluateAt(std::int64_t step);
    void recalibrateAt(std::int64_t step);
    void saveCheckpointAt(std::int64_t step);
    void sendSnapshot(std::int64_t step);
    // The one way out of run().
    FinishReason finish(Outcome outcome);
    // After a failed write of a started run: "; training stopped after step N; a resume continues
    // from the checkpoint of step M once the file can be written" (or "before its first checkpoint").
    // After a distributed failure (writeFailed false): without the clause about the file.
    std::string whereToResume(bool writeFailed = true) const;

    // <run>/status.json for run browsers; a failure to write it is logged, not fatal.
    void writeStatus(std::string_view state, std::int64_t step, const std::string& message = "");
    void waitWhilePaused();
    double wallSeconds() const;

    RunConfig config_;
    TrainingObserver& observer_;
    Feedback& feedback_;
    bool resume_;
    std::optional<DistributedEnvironment> distributed_;
    std::atomic<bool> pause_{false};
    std::atomic<bool> snapshot_{false};
    std::mutex pauseMutex_;
    std::condition_variable pauseChanged_;
    std::unique_ptr<State> state_;
};

}  // namespace megatoken
