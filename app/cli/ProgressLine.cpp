#include "app/cli/ProgressLine.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>

namespace megatoken::cli {

std::string formatDuration(double seconds)
{
    char buffer[64];
    if (!std::isfinite(seconds) || seconds < 0) return "?";
    if (seconds < 60) {
        std::snprintf(buffer, sizeof buffer, "%.1f s", seconds);
    } else if (seconds < 3600) {
        const int s = static_cast<int>(seconds);
        std::snprintf(buffer, sizeof buffer, "%d min %02d s", s / 60, s % 60);
    } else {
        const int m = static_cast<int>(seconds / 60);
        std::snprintf(buffer, sizeof buffer, "%d h %02d min", m / 60, m % 60);
    }
    return buffer;
}

ProgressLine::ProgressLine(std::string label)
    : label_(std::move(label)),
      terminal_(isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()),
      lastDraw_(start_)
{
}

ProgressLine::~ProgressLine()
{
    finish();
}

std::string ProgressLine::format(double fraction, double seconds) const
{
    char buffer[256];
    const double eta = fraction > 0 ? seconds * (1.0 - fraction) / fraction : NAN;
    std::snprintf(buffer, sizeof buffer, "%s: %.0f%%, %s, ETA %s", label_.c_str(), fraction * 100.0,
                  formatDuration(seconds).c_str(), formatDuration(eta).c_str());
    return buffer;
}

void ProgressLine::update(double fraction)
{
    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - start_).count();
    if (terminal_) {
        if (now - lastDraw_ < std::chrono::milliseconds(200) && fraction < 1.0) return;
        lastDraw_ = now;
        std::fprintf(stderr, "\r\033[K%s", format(fraction, seconds).c_str());
        printedAny_ = true;
    } else {
        const int decile = static_cast<int>(10.0 * fraction);
        if (decile == lastDecile_ || seconds < 2.0) return;  // quick jobs stay quiet in logs
        lastDecile_ = decile;
        std::fprintf(stderr, "%s\n", format(fraction, seconds).c_str());
    }
    std::fflush(stderr);
}

void ProgressLine::finish()
{
    if (finished_) return;
    finished_ = true;
    if (terminal_ && printedAny_) std::fprintf(stderr, "\r\033[K");
}

}  // namespace megatoken::cli
