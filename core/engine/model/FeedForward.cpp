#include "core/engine/model/FeedForward.h"
#include "core/engine/model/Dropout.h"

#include <cmath>

namespace megatoken {

namespace nn = torch::nn;

FeedForwardImpl::FeedForwardImpl(std::int64_t dModel, std::int64_t dFf, FeedForwardKind kind, double dropout)
    : kind_(kind), dropout_(dropout)
{
    const std::int64_t inner = kind == FeedForwardKind::GatedGelu ? 2 * dFf : dFf;
    wi = register_module("wi", nn::Linear(nn::LinearOptions(dModel, inner).bias(false)));
    wo = register_module("wo", nn::Linear(nn::LinearOptions(dFf, dModel).bias(false)));
    torch::NoGradGuard noGrad;  // T5's initialisation
    wi->weight.normal_(0.0, 1.0 / std::sqrt(static_cast<double>(dModel)));
    wo->weight.normal_(0.0, 1.0 / std::sqrt(static_cast<double>(dFf)));
}

torch::Tensor FeedForwardImpl::forward(const torch::Tensor& x)
{
    torch::Tensor hidden;
    if (kind_ == FeedForwardKind::GatedGelu) {
        auto parts = wi->forward(x).chunk(2, -1);
        // T5 v1.1 uses the tanh approximation ("gelu_new").
        hidden = torch::gelu(parts[0], "tanh") * parts[1];
    } else {
        hidden = torch::relu(wi->forward(x));
    }
    hidden = megatoken::dropout(hidden, dropout_, is_training());
    return wo->forward(hidden);
}

}  // namespace megatoken
