#include "core/config/NumberText.h"

#include <charconv>
#include <cmath>

namespace megatoken {

std::string numberText(double value)
{
    char buffer[64];
    // Plain digits between 1e-4 and 1e15, like printf's %g ("0.0005", "1000000"); scientific
    // beyond ("1e-06"). Both are the shortest text that reads back as value.
    const double magnitude = std::fabs(value);
    const bool plain = magnitude == 0 || (magnitude >= 1e-4 && magnitude < 1e15);
    const auto result = plain ? std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed)
                              : std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
    return std::string(buffer, result.ptr);
}

} // namespace megatoken
