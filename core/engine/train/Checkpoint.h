#pragma once
// Checkpoints: model, optimizer, step, config, RNG state, controller state and the tokenizer
// reference, in one file written atomically (temp file, then rename), so a crash mid-write never
// leaves a broken checkpoint behind.

#include <torch/torch.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/engine/model/MegatokenModel.h"

namespace megatoken {

struct CheckpointState {
    std::int64_t step = 0;
    std::int64_t epoch = 0;
    std::int64_t batchInEpoch = 0;  // batches of `epoch` already consumed
    double lambda = 0, lambdaIntegral = 0, smoothedKeepRatio = 1;
    double wallSeconds = 0;
    // StepMetrics' tokensSeen and trainFlops at this step; NaN in a checkpoint written before they
    // were counted (its run's later rows then have NaN too: the compute axes leave it out).
    double tokensSeen = 0, trainFlops = 0;
    std::string configJson;      // the run's config.json at save time
    std::string tokenizerModel;  // serialized sentencepiece model, so a checkpoint stands alone
};

class CheckpointError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Writes the checkpoint atomically: the previous file at path (and every other checkpoint) stays
// as it was unless the new one is complete. Throws FileWriteError (core/io/AtomicFile.h) naming
// path and the system's reason when it cannot be written (a full disk: "write error (No space left
// on device)"), CheckpointError naming path when LibTorch cannot serialize the state.
void saveCheckpoint(const std::string& path, MegatokenModel& model, torch::optim::Optimizer* optimizer,
                    const CheckpointState& state);

// Reads only the state (config, tokenizer, counters): enough to rebuild the model first.
CheckpointState readCheckpointState(const std::string& path);

// Loads weights (and the optimizer when given) into an already built model of the right shape,
// and restores the RNG state. Throws CheckpointError naming the file on any problem.
CheckpointState loadCheckpoint(const std::string& path, MegatokenModel& model, torch::optim::Optimizer* optimizer,
                               bool restoreRng = true);

// Loads the weights (parameters and buffers) the checkpoint has into `model`, which may have more
// (gates added on top of a pretrained model); returns the names of the parameters it lacked, which
// keep their initialisation. Nothing else is restored (no optimizer, RNG or counters). Throws
// CheckpointError naming the file and the parameter when a shape differs.
std::vector<std::string> loadWeightsPartially(const std::string& path, MegatokenModel& model);

}  // namespace megatoken
