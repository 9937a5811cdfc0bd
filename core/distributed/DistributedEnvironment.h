#pragma once
// Where this process stands in a data-parallel run, as the launchers say it: torchrun (and
// `megatoken train --nproc`) set RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR and MASTER_PORT
// (PyTorch docs, "torchrun (Elastic Launch)"); Slurm's srun sets SLURM_PROCID, SLURM_NTASKS and
// SLURM_LOCALID, and the job script exports MASTER_ADDR and MASTER_PORT (README, "Several processes").

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace megatoken {

struct DistributedEnvironment {
    int rank = 0;       // 0 .. worldSize-1; rank 0 writes the run's files
    int worldSize = 1;  // processes in the run
    int localRank = 0;  // index on this host: picks the GPU (cuda:localRank) when the device is CUDA
    // Processes on this host (LOCAL_WORLD_SIZE; Slurm: SLURM_NTASKS_PER_NODE when a plain number;
    // else 1): run.threads = 0 shares the host's cores among them.
    int localWorldSize = 1;
    std::string masterAddress = "127.0.0.1";  // where rank 0's rendezvous store listens
    std::uint16_t masterPort = 29500;
    std::string launcher;  // "torchrun" (the RANK/WORLD_SIZE variables) or "slurm"
    // MEGATOKEN_RENDEZVOUS_FILE, set by `megatoken train --nproc`: the rendezvous goes through this
    // file (a c10d FileStore in a private directory) instead of a TCP store; MASTER_ADDR and
    // MASTER_PORT are then not needed.
    std::string storeFile;

    bool isMain() const { return rank == 0; }
};

// Reads the variables through getenv (a parameter for tests). RANK/WORLD_SIZE win over Slurm's.
// Returns nullopt when no launcher set a world size, or it is 1 (a single-process run).
// Throws std::invalid_argument naming the variable and its value when one is not a number, a rank
// is outside 0..WORLD_SIZE-1, MASTER_PORT is outside 1..65535, or MASTER_ADDR is missing in a
// run of several processes without MEGATOKEN_RENDEZVOUS_FILE (Slurm: the job script exports it).
std::optional<DistributedEnvironment> distributedEnvironmentFrom(const std::function<const char*(const char*)>& getenv);

// The same from the process's environment.
std::optional<DistributedEnvironment> distributedEnvironment();

}  // namespace megatoken
