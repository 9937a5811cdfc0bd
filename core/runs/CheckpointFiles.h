#pragma once
// The checkpoint files of a run directory, as files: <run>/checkpoints/step-<8 digits>.pt. What is
// inside them is the engine's business (core/engine/train/Checkpoint); finding, pruning and
// cleaning up after a killed writer is plain file work, so the GUI, the CLI and sweeps use it
// without LibTorch.

#include <cstddef>
#include <string>

namespace megatoken {

// The newest checkpoint file in <run>/checkpoints (by name: step-00000500.pt), or "" when there
// is none or the folder is missing. A killed writer's temporary (step-….pt.tmp-<pid>-<n>) is not
// a checkpoint.
std::string latestCheckpoint(const std::string& runDirectory);

// Deletes all but the `keep` newest checkpoint files in `folder`. Throws
// std::filesystem::filesystem_error when the folder cannot be listed or a file removed.
void pruneCheckpoints(const std::string& folder, std::size_t keep);

// Removes the temporaries that a killed process left in the run directory and its checkpoints
// folder (AtomicFile's removeStaleTemporaries); returns how many. For a resume after kill -9.
std::size_t removeStaleRunTemporaries(const std::string& runDirectory);

}  // namespace megatoken
