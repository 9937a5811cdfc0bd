#include "core/engine/model/RMSNorm.h"

namespace megatoken {

RMSNormImpl::RMSNormImpl(std::int64_t dim, double eps) : eps_(eps)
{
    weight = register_parameter("weight", torch::ones({dim}));
}

torch::Tensor RMSNormImpl::forward(const torch::Tensor& x)
{
    const auto variance = x.pow(2).mean(-1, /*keepdim=*/true);
    return weight * (x * torch::rsqrt(variance + eps_));
}

}  // namespace megatoken
