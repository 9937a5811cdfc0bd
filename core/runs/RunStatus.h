#pragma once
// <run>/status.json: what the trainer is doing, so that a run browser can tell a finished run
// from one still training, stopped by the user, diverged or crashed, and where it trains:
//   {"state": "running", "step": 1200, "total_steps": 2000, "message": "",
//    "updated": "2026-11-23T02:40:00Z", "device": "CPU, 1 threads x 2 processes (Gloo)",
//    "world_size": 2}

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace megatoken {

// The states the trainer writes.
inline constexpr std::string_view kRunStateRunning = "running";
inline constexpr std::string_view kRunStateCompleted = "completed";
inline constexpr std::string_view kRunStateStopped = "stopped";
inline constexpr std::string_view kRunStateDiverged = "diverged";
inline constexpr std::string_view kRunStateFailed = "failed";
// A run made by `megatoken import-hf`: a pretrained model at step 0, never trained here.
inline constexpr std::string_view kRunStateImported = "imported";

struct RunStatus {
    std::string state;  // one of the kRunState* names
    std::int64_t step = 0;
    std::int64_t totalSteps = 0;
    std::string message;  // why it stopped, diverged or failed; may be empty
    std::string updated;  // UTC, "2026-11-23T02:40:00Z"
    // The trainer's device description (RunInfo::device; empty in files from before it was
    // written) and its number of processes (1 unless distributed).
    std::string device;
    std::int64_t worldSize = 1;
};

// "<runDir>/status.json".
std::string runStatusPath(const std::string& runDir);

// The status, or nullopt when the run has no status.json (runs from before the file existed).
// Missing fields keep RunStatus's defaults. Throws RunFileError naming the file when it exists
// but cannot be read, is not JSON, or holds a field of the wrong type.
std::optional<RunStatus> readRunStatus(const std::string& runDir);

// Writes status.json atomically (a temporary file renamed over it), so a reader never sees
// half a file. An empty `updated` is filled with the current UTC time. Throws RunFileError
// naming the file.
void writeRunStatus(const std::string& runDir, const RunStatus& status);

}  // namespace megatoken
