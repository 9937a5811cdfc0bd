#pragma once
// `megatoken train --nproc N`: a data-parallel run of N processes on this host without torchrun.
// Runs N copies of this program's command line, less --nproc, as ranks 0..N-1 (RANK, WORLD_SIZE,
// LOCAL_RANK, LOCAL_WORLD_SIZE set as torchrun sets them), meeting through a c10d FileStore in a
// private temporary directory (MEGATOKEN_RENDEZVOUS_FILE; no port is opened for the rendezvous, and
// Gloo's connections bind to 127.0.0.1 only). Each worker runs in its own process group, so a
// Ctrl-C reaches the launcher alone, which forwards it once to every worker (they stop together
// after one step and rank 0 writes the checkpoint); a second Ctrl-C kills them. When a worker
// ends with an error or a signal, the launcher says which rank it was and how it ended; the others
// notice by themselves within seconds (a closed connection, a stopped heartbeat) and end Failed,
// naming it. Those still running after `graceSeconds` are asked to stop (SIGINT), and killed
// `graceSeconds` later.

#include <string>
#include <vector>

namespace megatoken::cli {

// arguments: this process's argv[1..] with --nproc removed. Returns the exit status for the
// launcher: 0 when every worker ended 0, else the first failing worker's (128 + signal when one
// was killed). Throws std::runtime_error when the workers cannot be started.
int launchLocalWorkers(int nproc, const std::vector<std::string>& arguments, int graceSeconds);

// This process's command line without the program name and without --nproc N / --nproc=N.
std::vector<std::string> argumentsWithoutNproc();

}  // namespace megatoken::cli
