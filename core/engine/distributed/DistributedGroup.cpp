#include "core/engine/distributed/DistributedGroup.h"

#ifndef USE_C10D_GLOO
#define USE_C10D_GLOO
#endif
#include <torch/csrc/distributed/c10d/FileStore.hpp>
#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#if defined(MEGATOKEN_C10D_NCCL)
#ifndef USE_C10D_NCCL
#define USE_C10D_NCCL
#endif
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "core/engine/model/TorchCompat.h"
#include "core/feedback/Cancelled.h"

namespace megatoken {
namespace {

// The process group's base class: ProcessGroup in LibTorch 1.13, Backend from 2.0 on.
#if MEGATOKEN_TORCH_AT_LEAST(2, 0)
using GroupBase = c10d::Backend;
#else
using GroupBase = c10d::ProcessGroup;
#endif

std::vector<std::uint8_t> bytes(const std::string& text)
{
    return {text.begin(), text.end()};
}

bool isLoopback(const std::string& address)
{
    return address == "localhost" || address.rfind("127.", 0) == 0 || address == "::1";
}

// c10d's messages without the C++ backtrace that LibTorch 1.13 appends to what().
std::string messageOf(const std::exception& e)
{
    if (const auto* error = dynamic_cast<const c10::Error*>(&e)) return error->what_without_backtrace();
    return e.what();
}

constexpr auto kHeartbeatPeriod = std::chrono::milliseconds(1000);

}  // namespace

struct DistributedGroup::Impl {
    c10::intrusive_ptr<c10d::Store> store;
    c10::intrusive_ptr<GroupBase> group;
    std::string backend;
    // The store is used by this thread and the heartbeat's; c10d's stores serialise their own
    // operations, this keeps get()'s polling and the heartbeat from interleaving badly.
    std::mutex storeMutex;
    std::atomic<bool> stopping{false};
    std::function<bool()> cancelled;
    std::thread heartbeat;
};

DistributedGroup::DistributedGroup(DistributedEnvironment env, std::chrono::seconds timeout)
    : env_(std::move(env)), timeout_(timeout), impl_(std::make_unique<Impl>())
{
}

DistributedGroup::~DistributedGroup()
{
    if (!impl_) return;
    impl_->stopping = true;
    if (impl_->heartbeat.joinable()) impl_->heartbeat.join();
    impl_->group.reset();
    impl_->store.reset();
}

void DistributedGroup::fail(const std::string& what, const std::exception& e) const
{
    throw DistributedError("rank " + std::to_string(env_.rank) + " of " + std::to_string(env_.worldSize) + ": " + what +
                           ": " + messageOf(e));
}

std::unique_ptr<DistributedGroup> DistributedGroup::join(const DistributedEnvironment& env,
                                                         std::chrono::seconds timeout, bool cuda)
{
    std::unique_ptr<DistributedGroup> self(new DistributedGroup(env, timeout));
    Impl& impl = *self->impl_;
    const auto timeoutMs = std::chrono::duration_cast<std::chrono::milliseconds>(timeout);
    const std::string where =
        env.storeFile.empty() ? env.masterAddress + ":" + std::to_string(env.masterPort) : env.storeFile;
    try {
        if (!env.storeFile.empty()) {
            impl.store = c10::make_intrusive<c10d::FileStore>(env.storeFile, env.worldSize);
            impl.store->setTimeout(timeoutMs);
        } else {
            c10d::TCPStoreOptions options;
            options.port = env.masterPort;
            options.isServer = env.rank == 0;
            options.numWorkers = static_cast<std::size_t>(env.worldSize);
            options.waitWorkers = true;
            options.timeout = timeoutMs;
            impl.store = c10::make_intrusive<c10d::TCPStore>(env.masterAddress, options);
        }
    } catch (const std::exception& e) {
        if (env.rank == 0 && env.storeFile.empty())
            self->fail("could not serve the rendezvous at " + where +
                           " (if the port is in use, choose another MASTER_PORT), or not every rank joined within " +
                           std::to_string(timeout.count()) + " s (run.distributed_timeout_s)",
                       e);
        self->fail("could not join the rendezvous at " + where + " within " + std::to_string(timeout.count()) +
                       " s (run.distributed_timeout_s): is MASTER_ADDR reachable from this host and rank 0 running?",
                   e);
    }
    // Who has come: named when the process group cannot connect.
    try {
        impl.store->set("megatoken/joined/" + std::to_string(env.rank), bytes("1"));
    } catch (const std::exception& e) {
        self->fail("could not write to the rendezvous store at " + where, e);
    }
    try {
        auto prefixed = c10::make_intrusive<c10d::PrefixStore>("process-group/", impl.store);
        if (cuda) {
#if defined(MEGATOKEN_C10D_NCCL)
            auto options = c10d::ProcessGroupNCCL::Options::create();
            options->timeout = timeoutMs;
            impl.group = c10::make_intrusive<c10d::ProcessGroupNCCL>(prefixed, env.rank, env.worldSize, options);
            impl.backend = "NCCL";
#else
            throw DistributedError("rank " + std::to_string(env.rank) + ": run.device is CUDA, but this LibTorch (" +
                                   compat::torchVersion() +
                                   ") was built without NCCL; build with the torch2 preset (PyPI's LibTorch)");
#endif
        } else {
            auto options = c10d::ProcessGroupGloo::Options::create(timeoutMs);
            const char* interface = std::getenv("GLOO_SOCKET_IFNAME");
            if (interface && *interface)
                options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(interface));
            else if (!env.storeFile.empty() || isLoopback(env.masterAddress))
                options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
            else
                options->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
            options->threads = 2;
            impl.group = c10::make_intrusive<c10d::ProcessGroupGloo>(prefixed, env.rank, env.worldSize, options);
            impl.backend = "Gloo";
        }
    } catch (const DistributedError&) {
        throw;
    } catch (const std::exception& e) {
        std::string missing;
        bool storeAnswers = true;
        try {
            for (int r = 0; r < env.worldSize; ++r)
                if (!impl.store->check({"megatoken/joined/" + std::to_string(r)}))
                    missing += (missing.empty() ? "" : ", ") + std::to_string(r);
        } catch (const std::exception&) {
            storeAnswers = false;
        }
        const std::string why = !storeAnswers ? "the rendezvous at " + where +
                                                    " does not answer as a c10d store (is another program "
                                                    "listening on MASTER_PORT?)"
                                : missing.empty() ? std::string("a rank's connections are blocked or it ended")
                                                  : "rank " + missing + " never joined";
        self->fail("could not connect the " + std::string(cuda ? "NCCL" : "Gloo") + " process group within " +
                       std::to_string(timeout.count()) + " s (run.distributed_timeout_s): " + why,
                   e);
    }
    // Each rank counts up its heartbeat key once a second; after a failed collective the ranks
    // whose count stands still are the ones named (silentRanks).
    impl.heartbeat = std::thread([raw = self.get()] {
        Impl& i = *raw->impl_;
        const std::string key = "heartbeat/" + std::to_string(raw->rank());
        while (!i.stopping) {
            try {
                std::lock_guard<std::mutex> lock(i.storeMutex);
                i.store->add(key, 1);
            } catch (const std::exception&) {
                return;  // the store is gone (rank 0 ended): nothing left to tell
            }
            for (int t = 0; t < 10 && !i.stopping; ++t) std::this_thread::sleep_for(kHeartbeatPeriod / 10);
        }
    });
    return self;
}

std::string DistributedGroup::backendName() const
{
    return impl_->backend;
}

namespace {

template <typename Launch>
void runAll(std::vector<torch::Tensor>& tensors, Launch launch)
{
    std::vector<std::vector<torch::Tensor>> held;
    held.reserve(tensors.size());
    std::vector<c10::intrusive_ptr<c10d::Work>> works;
    for (auto& t : tensors) {
        held.push_back({t});
        works.push_back(launch(held.back()));
    }
    for (auto& w : works) w->wait();
}

}  // namespace

void DistributedGroup::allReduceSum(std::vector<torch::Tensor>& tensors)
{
    allReduce(tensors, /*max=*/false);
}

void DistributedGroup::allReduceMax(std::vector<torch::Tensor>& tensors)
{
    allReduce(tensors, /*max=*/true);
}

void DistributedGroup::allReduce(std::vector<torch::Tensor>& tensors, bool max)
{
    try {
        c10d::AllreduceOptions options;
        options.reduceOp = max ? c10d::ReduceOp::MAX : c10d::ReduceOp::SUM;
        runAll(tensors, [&](std::vector<torch::Tensor>& one) { return impl_->group->allreduce(one, options); });
    } catch (const std::exception& e) {
        fail("an all-reduce failed", e);
    }
}

void DistributedGroup::broadcast(std::vector<torch::Tensor>& tensors, int root)
{
    try {
        c10d::BroadcastOptions options;
        options.rootRank = root;
        runAll(tensors, [&](std::vector<torch::Tensor>& one) { return impl_->group->broadcast(one, options); });
    } catch (const std::exception& e) {
        fail("a broadcast failed", e);
    }
}

torch::Tensor DistributedGroup::allGatherPadded(const torch::Tensor& values, double padding)
{
    const auto flat = values.reshape({-1}).contiguous();
    std::vector<torch::Tensor> length{
        torch::full({1}, flat.numel(), torch::TensorOptions(torch::kInt64).device(flat.device()))};
    allReduceMax(length);
    const std::int64_t longest = length[0].item<std::int64_t>();
    auto padded = flat.numel() == longest
                      ? flat
                      : torch::cat({flat, torch::full({longest - flat.numel()}, padding, flat.options())});
    try {
        std::vector<std::vector<torch::Tensor>> outputs(1);
        for (int r = 0; r < env_.worldSize; ++r) outputs[0].push_back(torch::empty_like(padded));
        std::vector<torch::Tensor> inputs{padded};
        impl_->group->allgather(outputs, inputs)->wait();
        return torch::cat(outputs[0]);
    } catch (const std::exception& e) {
        fail("an all-gather failed", e);
    }
}

void DistributedGroup::barrier()
{
    try {
        impl_->group->barrier()->wait();
    } catch (const std::exception& e) {
        fail("a barrier failed", e);
    }
}

void DistributedGroup::set(const std::string& key, const std::string& value)
{
    try {
        std::lock_guard<std::mutex> lock(impl_->storeMutex);
        impl_->store->set("megatoken/" + key, bytes(value));
    } catch (const std::exception& e) {
        fail("could not send " + key + " through the rendezvous store", e);
    }
}

std::int64_t DistributedGroup::add(const std::string& key, std::int64_t amount)
{
    try {
        std::lock_guard<std::mutex> lock(impl_->storeMutex);
        return impl_->store->add("megatoken/" + key, amount);
    } catch (const std::exception& e) {
        fail("could not count " + key + " in the rendezvous store", e);
    }
}

void DistributedGroup::setCancelCheck(std::function<bool()> cancelled)
{
    impl_->cancelled = std::move(cancelled);
}

void DistributedGroup::reportFailure(const std::string& message)
{
    try {
        std::lock_guard<std::mutex> lock(impl_->storeMutex);
        impl_->store->set("megatoken/failed", bytes("rank " + std::to_string(env_.rank) + " failed: " + message));
    } catch (const std::exception&) {
        return;  // the store is gone too: the others learn it from their own next collective
    }
    // Rank 0 serves a TCP store: it lingers a moment, so that the ranks polling the store (every
    // 20 ms) read the message before the store ends with this process.
    if (env_.rank == 0 && env_.storeFile.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(1500));
}

std::string DistributedGroup::take(const std::string& key, const std::string& what)
{
    std::string value = get(key, std::chrono::seconds(0), what);
    try {
        std::lock_guard<std::mutex> lock(impl_->storeMutex);
        impl_->store->deleteKey("megatoken/" + key);
    } catch (const std::exception& e) {
        fail("could not delete " + key + " from the rendezvous store", e);
    }
    return value;
}

std::string DistributedGroup::get(const std::string& key, std::chrono::seconds wait, const std::string& what)
{
    const std::string full = "megatoken/" + key;
    const std::string awaited = what.empty() ? key : what;
    const auto limit = wait.count() > 0 ? wait : timeout_;
    const auto start = std::chrono::steady_clock::now();
    const auto deadline = start + limit;
    // The others' heartbeats, looked at once a second: a rank whose count stands still for 5 s
    // ended or hangs, and waiting on for it would only run into the timeout.
    std::vector<std::int64_t> beats(static_cast<std::size_t>(env_.worldSize), -1);
    std::vector<std::chrono::steady_clock::time_point> moved(static_cast<std::size_t>(env_.worldSize), start);
    auto nextLook = start;
    try {
        // Polled, not a blocking get: the heartbeat shares the store and must go on meanwhile.
        while (true) {
            {
                std::lock_guard<std::mutex> lock(impl_->storeMutex);
                if (impl_->store->check({full})) {
                    const auto value = impl_->store->get(full);
                    return {value.begin(), value.end()};
                }
                if (impl_->store->check({"megatoken/failed"})) {
                    const auto value = impl_->store->get("megatoken/failed");
                    throw DistributedError(std::string(value.begin(), value.end()));
                }
            }
            if (impl_->cancelled && impl_->cancelled()) throw Cancelled();
            const auto now = std::chrono::steady_clock::now();
            if (now >= nextLook) {
                nextLook = now + std::chrono::seconds(1);
                for (int r = 0; r < env_.worldSize; ++r) {
                    if (r == env_.rank) continue;
                    std::int64_t count = 0;
                    {
                        std::lock_guard<std::mutex> lock(impl_->storeMutex);
                        count = impl_->store->add("heartbeat/" + std::to_string(r), 0);
                    }
                    auto& last = beats[static_cast<std::size_t>(r)];
                    if (count != last) {
                        last = count;
                        moved[static_cast<std::size_t>(r)] = now;
                    } else if (now - moved[static_cast<std::size_t>(r)] > std::chrono::seconds(5)) {
                        throw DistributedError("rank " + std::to_string(env_.rank) + " of " +
                                               std::to_string(env_.worldSize) + ": waiting for " + awaited + ": rank " +
                                               std::to_string(r) +
                                               " stopped responding (no heartbeat for 5 s): it ended or hangs");
                    }
                }
            }
            if (std::chrono::steady_clock::now() > deadline)
                throw DistributedError(
                    "rank " + std::to_string(env_.rank) + ": " + awaited + " did not arrive within " +
                    std::to_string(limit.count()) + " s" +
                    (wait.count() > 0 ? std::string() : std::string(" (run.distributed_timeout_s)")));
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    } catch (const DistributedError&) {
        throw;
    } catch (const Cancelled&) {
        throw;
    } catch (const std::exception& e) {
        fail("could not read " + key + " from the rendezvous store (has rank 0 ended?)", e);
    }
}

std::vector<int> DistributedGroup::silentRanks(bool* storeLost, std::chrono::milliseconds wait)
{
    if (storeLost) *storeLost = false;
    const auto counts = [this]() {
        std::vector<std::int64_t> values;
        std::lock_guard<std::mutex> lock(impl_->storeMutex);
        for (int r = 0; r < env_.worldSize; ++r)
            values.push_back(impl_->store->add("heartbeat/" + std::to_string(r), 0));
        return values;
    };
    try {
        const auto before = counts();
        std::this_thread::sleep_for(wait);
        const auto after = counts();
        std::vector<int> silent;
        for (int r = 0; r < env_.worldSize; ++r)
            if (r != env_.rank && after[static_cast<std::size_t>(r)] == before[static_cast<std::size_t>(r)])
                silent.push_back(r);
        return silent;
    } catch (const std::exception&) {
        if (storeLost) *storeLost = true;
        return {};
    }
}

}  // namespace megatoken
