#pragma once
// One self-updating progress line on stderr: the fraction done and an ETA. On a terminal it
// redraws at most a few times a second; in a log (CI, nohup) it prints a line every 10%. It reads
// a Feedback's progress: pass update() to Feedback::setListener.

#include <chrono>
#include <string>

namespace megatoken::cli {

class ProgressLine {
public:
    explicit ProgressLine(std::string label);
    ~ProgressLine();  // finishes the line

    void update(double fraction);  // 0..1
    void finish();

private:
    std::string format(double fraction, double seconds) const;

    std::string label_;
    bool terminal_;
    bool finished_ = false;
    bool printedAny_ = false;
    int lastDecile_ = -1;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point lastDraw_;
};

// "12.3 s", "4 min 05 s", "1 h 02 min".
std::string formatDuration(double seconds);

}  // namespace megatoken::cli
