#include "core/distributed/DistributedEnvironment.h"

#include <charconv>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

namespace megatoken {
namespace {

std::optional<long long> integerVariable(const std::function<const char*(const char*)>& getenv, const char* name)
{
    const char* value = getenv(name);
    if (!value || !*value) return std::nullopt;
    const std::string_view text(value);
    long long number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error != std::errc() || end != text.data() + text.size())
        throw std::invalid_argument(std::string(name) + "=" + std::string(text) + " is not an integer");
    return number;
}

}  // namespace

std::optional<DistributedEnvironment> distributedEnvironmentFrom(const std::function<const char*(const char*)>& getenv)
{
    DistributedEnvironment env;
    const char* rankName = "RANK";
    const char* worldName = "WORLD_SIZE";
    const char* localName = "LOCAL_RANK";
    env.launcher = "torchrun";
    std::optional<long long> world = integerVariable(getenv, worldName);
    if (!world) {
        rankName = "SLURM_PROCID";
        worldName = "SLURM_NTASKS";
        localName = "SLURM_LOCALID";
        env.launcher = "slurm";
        world = integerVariable(getenv, worldName);
    }
    if (!world || *world == 1) return std::nullopt;
    if (*world < 1 || *world > 1'000'000)
        throw std::invalid_argument(std::string(worldName) + "=" + std::to_string(*world) + " is not a world size");
    env.worldSize = static_cast<int>(*world);
    const auto rank = integerVariable(getenv, rankName);
    if (!rank)
        throw std::invalid_argument(std::string(worldName) + "=" + std::to_string(*world) + " but " + rankName +
                                    " is not set");
    if (*rank < 0 || *rank >= *world)
        throw std::invalid_argument(std::string(rankName) + "=" + std::to_string(*rank) + " is outside 0.." +
                                    std::to_string(*world - 1) + " (" + worldName + "=" + std::to_string(*world) + ")");
    env.rank = static_cast<int>(*rank);
    const auto local = integerVariable(getenv, localName);
    env.localRank = local ? static_cast<int>(*local) : 0;
    const char* perHost = env.launcher == "slurm" ? "SLURM_NTASKS_PER_NODE" : "LOCAL_WORLD_SIZE";
    try {
        if (const auto n = integerVariable(getenv, perHost); n && *n >= 1) env.localWorldSize = static_cast<int>(*n);
    } catch (const std::invalid_argument&) {
        if (env.launcher != "slurm") throw;  // Slurm writes "2(x3)" for uneven nodes: then 1
    }
    if (env.localRank < 0)
        throw std::invalid_argument(std::string(localName) + "=" + std::to_string(env.localRank) + " is negative");
    if (const char* file = getenv("MEGATOKEN_RENDEZVOUS_FILE"); file && *file) env.storeFile = file;
    const char* address = getenv("MASTER_ADDR");
    if ((!address || !*address) && !env.storeFile.empty()) return env;
    if (!address || !*address)
        throw std::invalid_argument(std::string("MASTER_ADDR is not set (") + worldName + "=" + std::to_string(*world) +
                                    "): the host of rank 0's rendezvous");
    env.masterAddress = address;
    if (const auto port = integerVariable(getenv, "MASTER_PORT")) {
        if (*port < 1 || *port > 65535)
            throw std::invalid_argument("MASTER_PORT=" + std::to_string(*port) + " is outside 1..65535");
        env.masterPort = static_cast<std::uint16_t>(*port);
    }
    return env;
}

std::optional<DistributedEnvironment> distributedEnvironment()
{
    return distributedEnvironmentFrom([](const char* name) { return std::getenv(name); });
}

}  // namespace megatoken
