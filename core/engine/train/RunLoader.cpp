#include "core/engine/train/RunLoader.h"
#include "core/runs/CheckpointFiles.h"

#include <filesystem>

#include "core/compression/KeepRatioTarget.h"
#include "core/config/RunConfigJson.h"
#include "core/engine/train/Checkpoint.h"
#include "core/engine/train/Trainer.h"
#include "core/hf/HfFolder.h"

namespace megatoken {

LoadedRun loadRun(const std::string& directory, const std::string& checkpoint, const torch::Device& device)
{
    namespace fs = std::filesystem;
    LoadedRun run;
    run.directory = directory;
    if (!fs::is_directory(directory)) throw std::runtime_error(directory + ": no such run directory");
    run.checkpoint = checkpoint.empty() ? latestCheckpoint(directory) : checkpoint;
    if (run.checkpoint.empty())
        throw std::runtime_error(directory + ": the run has no checkpoint yet" + hfFolderHint(directory));

    const CheckpointState state = readCheckpointState(run.checkpoint);
    // The checkpoint carries its own config and tokenizer, so it stands alone even if the run
    // directory's files were edited or lost.
    run.config = fromJson(nlohmann::json::parse(state.configJson), RunConfig{});
    run.tokenizer = Tokenizer::fromSerialized(state.tokenizerModel, run.checkpoint + " (embedded tokenizer)");
    run.model.emplace(run.config.model);
    loadCheckpoint(run.checkpoint, *run.model, nullptr, /*restoreRng=*/false);
    (*run.model)->to(device);
    (*run.model)->eval();
    // Fixed-rule gates keep their share of the run's final keep target (the keep target is
    // training state, not a weight).
    (*run.model)->encoder->setKeepTarget(KeepRatioTarget(run.config.loss).final());
    run.step = state.step;
    return run;
}

}  // namespace megatoken
