#pragma once
#include <torch/torch.h>

namespace megatoken {

// T5's layer norm: scale only, no mean subtraction, no bias.
class RMSNormImpl : public torch::nn::Module {
public:
    explicit RMSNormImpl(std::int64_t dim, double eps = 1e-6);
    torch::Tensor forward(const torch::Tensor& x);

    torch::Tensor weight;

private:
    double eps_;
};
TORCH_MODULE(RMSNorm);

}  // namespace megatoken
