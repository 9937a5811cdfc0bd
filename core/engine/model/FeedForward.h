#pragma once
#include <torch/torch.h>

#include "core/config/ModelConfig.h"

namespace megatoken {

// T5's feed-forward: wo(relu(wi x)), or the gated-GELU form wo(gelu(wi_0 x) * wi_1 x) of T5 v1.1
// and Flan-T5. No biases.
class FeedForwardImpl : public torch::nn::Module {
public:
    FeedForwardImpl(std::int64_t dModel, std::int64_t dFf, FeedForwardKind kind, double dropout);
    torch::Tensor forward(const torch::Tensor& x);

    torch::nn::Linear wi{nullptr};  // relu: [d_ff, D]; gated: [2 * d_ff, D] (wi_0 and wi_1 fused)
    torch::nn::Linear wo{nullptr};

private:
    FeedForwardKind kind_;
    double dropout_;
};
TORCH_MODULE(FeedForward);

}  // namespace megatoken
