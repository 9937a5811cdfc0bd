#pragma once
// One self-updating progress line on stderr: done / total, rate and ETA. On a terminal it redraws
// at most a few times a second; in a log (CI, nohup) it prints a line every 10%.

#include <chrono>
#include <cstdint>
#include <string>

namespace megatoken::cli {

class ProgressLine {
public:
    enum class Unit { Bytes, Items };
    ProgressLine(std::string label, Unit unit);
    ~ProgressLine();  // finishes the line

    void update(std::uint64_t done, std::uint64_t total);
    void finish();

private:
    std::string format(std::uint64_t done, std::uint64_t total, double seconds) const;

    std::string label_;
    Unit unit_;
    bool terminal_;
    bool finished_ = false;
    bool printedAny_ = false;
    int lastDecile_ = -1;
    std::uint64_t lastDone_ = 0, lastTotal_ = 0;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point lastDraw_;
};

// "12.3 s", "4 min 05 s", "1 h 02 min".
std::string formatDuration(double seconds);

}  // namespace megatoken::cli
