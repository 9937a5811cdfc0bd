#include "core/runs/UtcTimestamp.h"

#include <chrono>

namespace megatoken {

std::string utcTimestamp(std::time_t time)
{
    std::tm utc{};
#ifdef _WIN32
    if (gmtime_s(&utc, &time) != 0) return {};
#else
    if (!gmtime_r(&time, &utc)) return {};
#endif
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

std::string currentUtcTimestamp()
{
    return utcTimestamp(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()));
}

std::string utcTimestamp(std::filesystem::file_time_type time)
{
    // C++17 has no clock_cast: carry the file time over by its distance from "now" on both clocks.
    using namespace std::chrono;
    const auto onSystemClock = system_clock::now() + duration_cast<system_clock::duration>(
                                                         time - std::filesystem::file_time_type::clock::now());
    return utcTimestamp(system_clock::to_time_t(onSystemClock));
}

}  // namespace megatoken
