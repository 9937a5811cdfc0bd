#include "core/io/NumberFormat.h"

#include <charconv>
#include <cmath>

namespace megatoken {

std::string formatGeneral(double value, int significantDigits)
{
    char buffer[64];
    const auto result =
        std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, significantDigits);
    return std::string(buffer, result.ptr);
}

std::string formatFixed(double value, int decimals)
{
    char buffer[352];  // DBL_MAX in fixed notation with a few decimals fits
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, decimals);
    if (result.ec != std::errc()) return formatGeneral(value, 17);
    return std::string(buffer, result.ptr);
}

std::string numberText(double value)
{
    char buffer[64];
    const double magnitude = std::fabs(value);
    const bool plain = magnitude == 0 || (magnitude >= 1e-4 && magnitude < 1e15);
    const auto result = plain ? std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed)
                              : std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
    return std::string(buffer, result.ptr);
}

}  // namespace megatoken
