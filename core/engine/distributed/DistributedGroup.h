#pragma once
// One process's membership of a data-parallel run: a c10d store for the rendezvous and small
// messages, and a c10d process group for the collectives (torch.distributed's C++ core): Gloo on
// the CPU, NCCL when the run trains on CUDA (LibTorch builds with NCCL only; the PyPI wheel has it,
// Debian's CPU-only 1.13 does not).
//
// The rendezvous: a TCPStore served by rank 0 at MASTER_ADDR:MASTER_PORT (torchrun, Slurm), or,
// for `megatoken train --nproc` on one host, a FileStore in a private temporary directory
// (DistributedEnvironment::storeFile), so that a local run listens on no network port for it.
// Gloo's own connections bind to the interface named by GLOO_SOCKET_IFNAME when set (PyTorch's
// variable), to 127.0.0.1 when MASTER_ADDR is a loopback address or a file store is used, and
// otherwise to the address this host's name resolves to.
//
// Every collective blocks until all ranks take part, for at most the timeout given to join(); a
// rank that died or hangs makes the others throw DistributedError within it (a dead peer's closed
// connection usually much sooner). Errors are DistributedError with c10d's message without its
// C++ backtrace, prefixed with this rank.

#include <torch/torch.h>

#include <chrono>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/distributed/DistributedEnvironment.h"

namespace megatoken {

class DistributedError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class DistributedGroup {
public:
    // Joins the run: rank 0 serves the store (a port in use fails here, named), every rank waits
    // for the others up to `timeout` (an unreachable MASTER_ADDR fails here, named), then the
    // process group connects. cuda: NCCL instead of Gloo (throws DistributedError when this LibTorch
    // has no NCCL).
    static std::unique_ptr<DistributedGroup> join(const DistributedEnvironment& env, std::chrono::seconds timeout,
                                                  bool cuda);
    ~DistributedGroup();
    DistributedGroup(const DistributedGroup&) = delete;
    DistributedGroup& operator=(const DistributedGroup&) = delete;

    int rank() const { return env_.rank; }
    int worldSize() const { return env_.worldSize; }
    bool isMain() const { return env_.rank == 0; }
    const DistributedEnvironment& environment() const { return env_; }
    std::string backendName() const;  // "Gloo" or "NCCL"
    std::chrono::seconds timeout() const { return timeout_; }

    // Element-wise sum (or max) over the ranks, in place; the tensors are dense and contiguous, on
    // the group's device kind, the same shapes and dtypes on every rank. Several tensors are sent
    // as concurrent collectives and all waited for.
    void allReduceSum(std::vector<torch::Tensor>& tensors);
    void allReduceMax(std::vector<torch::Tensor>& tensors);
    // Rank `root`'s values into every rank's tensors (same shapes everywhere).
    void broadcast(std::vector<torch::Tensor>& tensors, int root = 0);
    // Every rank's 1-D tensor, concatenated in rank order, on every rank; the lengths may differ
    // between ranks (each is padded with `padding` to the longest for the transfer, and the
    // padding is kept: callers pass NaN and skip it, as nanquantile does). Same dtype everywhere.
    torch::Tensor allGatherPadded(const torch::Tensor& values, double padding);
    void barrier();

    // Small messages through the rendezvous store (any bytes): get waits for the key up to
    // `wait` (0: the group's timeout) and throws DistributedError naming `what` (else the key) when
    // it does not come, or as soon as another rank's heartbeat has stood still for 5 s (that rank
    // ended or hangs: it is named); take is get, then the key is deleted (a message for one reader).
    void set(const std::string& key, const std::string& value);
    std::string get(const std::string& key, std::chrono::seconds wait = std::chrono::seconds(0),
                    const std::string& what = "");
    std::string take(const std::string& key, const std::string& what = "");
    // A counter in the store: adds `amount` and returns the new value (0 reads it).
    std::int64_t add(const std::string& key, std::int64_t amount);
    // While get() waits: `cancelled` is asked every 20 ms and, once true, get throws Cancelled
    // (core/feedback/Cancelled.h); and a rank's failure reported with reportFailure() ends the
    // wait of every other rank with DistributedError carrying its message.
    void setCancelCheck(std::function<bool()> cancelled);
    void reportFailure(const std::string& message);

    // After a failed collective: the other ranks whose heartbeat (a store counter each rank bumps
    // once a second) did not move within `wait`, i.e. the ranks that ended or hang. When the store
    // itself cannot be reached (a TCP store is served by rank 0), *storeLost is set and the list
    // is empty.
    std::vector<int> silentRanks(bool* storeLost, std::chrono::milliseconds wait = std::chrono::milliseconds(3000));

private:
    struct Impl;
    explicit DistributedGroup(DistributedEnvironment env, std::chrono::seconds timeout);
    void allReduce(std::vector<torch::Tensor>& tensors, bool max);  // SUM, or MAX
    // c10d's exception, as DistributedError naming this rank and what it was doing.
    [[noreturn]] void fail(const std::string& what, const std::exception& e) const;

    DistributedEnvironment env_;
    std::chrono::seconds timeout_;
    std::unique_ptr<Impl> impl_;
};

}  // namespace megatoken
