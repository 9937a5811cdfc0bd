#include "core/io/JsonInteger.h"

#include <cmath>
#include <limits>

namespace megatoken {

std::optional<std::int64_t> exactInt64(const nlohmann::json& value)
{
    // 2^63 as a double: the first value beyond int64's range.
    constexpr double kInt64Limit = 9223372036854775808.0;
    if (value.is_number_unsigned()) {
        const std::uint64_t number = value.get<std::uint64_t>();
        if (number > std::uint64_t(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
        return static_cast<std::int64_t>(number);
    }
    if (value.is_number_integer()) return value.get<std::int64_t>();
    if (value.is_number_float()) {
        const double number = value.get<double>();
        if (std::isfinite(number) && std::trunc(number) == number && number >= -kInt64Limit && number < kInt64Limit)
            return static_cast<std::int64_t>(number);
    }
    return std::nullopt;
}

}  // namespace megatoken
