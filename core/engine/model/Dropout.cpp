#include "core/engine/model/Dropout.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace megatoken {

torch::Tensor dropout(const torch::Tensor& x, double p, bool training)
{
    if (!(p >= 0.0 && p < 1.0))
        throw std::invalid_argument("dropout probability " + std::to_string(p) + " is outside [0, 1)");
    if (!training || p == 0.0 || x.numel() == 0) return x;
    if (!x.device().is_cpu()) return torch::dropout(x, p, true);
    const std::int64_t n = x.numel();
    const double dropped = std::round(p * 65536.0);  // out of 65536 equally likely 16-bit values
    if (dropped == 0.0) return x;
    // Four uniform 16-bit values per 64-bit draw, taken over the whole signed range.
    auto words = torch::empty({(n + 3) / 4}, torch::TensorOptions().dtype(torch::kLong));
    words.random_(std::numeric_limits<std::int64_t>::min(), c10::optional<std::int64_t>());
    const auto uniform = words.view(torch::kShort).narrow(0, 0, n).view(x.sizes());
    const auto keep = uniform.ge(static_cast<std::int64_t>(-32768 + dropped));
    const double scale = 65536.0 / (65536.0 - dropped);
    return x * keep.to(x.scalar_type()).mul_(scale);
}

}  // namespace megatoken
