#include "core/model/TokenGate.h"

#include <cmath>

namespace megatoken {

TokenGateImpl::TokenGateImpl(const GateConfig& config, std::int64_t dModel, double eps) : config_(config) {
    if (config_.source == GateSource::Projection) {
        norm = register_module("norm", RMSNorm(dModel, eps));
        projection = register_module("projection", torch::nn::Linear(dModel, 1));
        torch::NoGradGuard noGrad;
        // Small, so every gate starts near its bias and no token is dropped on step 0.
        projection->weight.normal_(0.0, 0.1 / std::sqrt(static_cast<double>(dModel)));
        projection->bias.zero_();
    }
}

torch::Tensor TokenGateImpl::score(const torch::Tensor& hidden) {
    if (config_.source == GateSource::Projection) return projection->forward(norm->forward(hidden)).squeeze(-1);
    return hidden.select(-1, 0);
}

torch::Tensor TokenGateImpl::forward(const torch::Tensor& hidden, const torch::Tensor& neverDrop) {
    auto s = score(hidden);
    if (is_training() && config_.noise != GateNoise::None && config_.noiseScale > 0) {
        // Uniform in (0, 1) away from the ends so the logs stay finite.
        auto u = torch::rand_like(s).clamp(1e-6, 1.0 - 1e-6);
        auto noise = config_.noise == GateNoise::Gumbel ? -torch::log(-torch::log(u)) : torch::log(u) - torch::log1p(-u);
        s = s + config_.noiseScale * noise;
    }
    const auto logits = config_.form == GateForm::Post ? s / config_.tau + config_.beta : (s + config_.beta) / config_.tau;
    return torch::log_sigmoid(logits).masked_fill(neverDrop, 0.0);
}

}  // namespace megatoken
