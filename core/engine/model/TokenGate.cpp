#include "core/engine/model/TokenGate.h"

#include "core/engine/model/KeepSelection.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace megatoken {

TokenGateImpl::TokenGateImpl(const GateConfig& config, std::int64_t dModel, double eps) : config_(config)
{
    if (config_.source == GateSource::Projection) {
        norm = register_module("norm", RMSNorm(dModel, eps));
        projection = register_module("projection", torch::nn::Linear(dModel, 1));
        torch::NoGradGuard noGrad;
        // Small, so every gate starts near its bias and no token is dropped on step 0.
        projection->weight.normal_(0.0, 0.1 / std::sqrt(static_cast<double>(dModel)));
        projection->bias.zero_();
    }
    // Always present (zero unless calibrated or opened): a gate added on top of a pretrained model
    // is opened through it (Trainer, run.init_from), whatever the calibration rate.
    calibration = register_buffer("calibration", torch::zeros({}));
}

torch::Tensor TokenGateImpl::score(const torch::Tensor& hidden)
{
    if (config_.source == GateSource::Projection) return projection->forward(norm->forward(hidden)).squeeze(-1);
    return hidden.select(-1, 0);
}

torch::Tensor TokenGateImpl::formLogAlpha(const torch::Tensor& z) const
{
    if (config_.form == GateForm::MrT5) return config_.mrt5K * torch::sigmoid(-z);
    return torch::log_sigmoid(z);
}

torch::Tensor TokenGateImpl::forward(const torch::Tensor& hidden, const torch::Tensor& neverDrop,
                                     const torch::Tensor& alive)
{
    return decideLearned(hidden, neverDrop, alive).logAlpha;
}

GateDecision TokenGateImpl::decideLearned(const torch::Tensor& hidden, const torch::Tensor& neverDrop,
                                          const torch::Tensor& alive)
{
    const auto toLogits = [this](const torch::Tensor& s) {
        const auto logits =
            config_.form == GateForm::Code ? (s + config_.beta) / config_.tau : s / config_.tau + config_.beta;
        return logits + calibration;
    };
    const auto clean = score(hidden);
    auto s = clean;
    if (is_training() && config_.noise != GateNoise::None && config_.noiseScale > 0) {
        // Uniform in (0, 1) away from the ends so the logs stay finite.
        auto u = torch::rand_like(s).clamp(1e-6, 1.0 - 1e-6);
        auto noise =
            config_.noise == GateNoise::Gumbel ? -torch::log(-torch::log(u)) : torch::log(u) - torch::log1p(-u);
        s = s + config_.noiseScale * noise;
    }
    const auto logits = toLogits(s);
    const auto droppable = alive.defined() ? alive & ~neverDrop : ~neverDrop;
    if (config_.keep == GateKeep::Quantile) {
        // The row's own threshold: an offset on every logit changes nothing, so no calibration.
        auto selected = quantileKeep(logits, droppable, neverDrop, keepTarget_,
                                     [this](const torch::Tensor& z) { return formLogAlpha(z); });
        return {selected.logAlpha, hidden, selected.soft.masked_fill(neverDrop, 0.0)};
    }
    // Calibrated on the noise-free logits: evaluation sees no noise, and it is there that the
    // keep ratio must meet its target. With the noisy ones a tiny model kept 0.575-0.60 of its
    // tokens on validation at target 0.5 (docs/experiments.md, "The search").
    if ((is_training() && config_.calibrationRate > 0) || recordLogits_) {
        const auto cleanLogits = s.is_same(clean) ? logits : toLogits(clean);
        if (recordLogits_) recordedLogits_ = cleanLogits.detach().masked_select(droppable).to(torch::kFloat);
        if (is_training() && config_.calibrationRate > 0) calibrate(cleanLogits, droppable);
    }
    return {formLogAlpha(logits).masked_fill(neverDrop, 0.0), hidden, {}};
}

// The logit at which ln alpha equals the threshold. Post and code: ln sigmoid(z) = t at
// z = logit(e^t). mrt5: k sigmoid(-z) = t at z = logit(1 - t/k).
double TokenGateImpl::thresholdLogit() const
{
    const double alpha =
        config_.form == GateForm::MrT5 ? 1.0 - config_.threshold / config_.mrt5K : std::exp(config_.threshold);
    return std::log(alpha / (1.0 - alpha));
}

double TokenGateImpl::calibrateTo(const torch::Tensor& droppableLogits)
{
    torch::NoGradGuard noGrad;
    if (keepTarget_ >= 1.0 || droppableLogits.numel() < 2) return 0.0;
    const double quantile =
        torch::quantile(droppableLogits.to(torch::kDouble).reshape({-1}), 1.0 - std::clamp(keepTarget_, 0.0, 1.0))
            .item<double>();
    const double shift = thresholdLogit() - quantile;
    calibration.add_(shift);
    return shift;
}

void TokenGateImpl::calibrate(const torch::Tensor& logits, const torch::Tensor& droppable)
{
    torch::NoGradGuard noGrad;
    if (keepTarget_ >= 1.0) return;  // warm-up: nothing to drop yet, leave the offset alone
    // The threshold's logit, and the logit below which the batch's (1 - keep) share of the
    // droppable tokens lies: shifting the latter onto the former keeps exactly `keep`. Computed on
    // the logits' device without a host sync (no masked_select, no .item()): tokens that cannot
    // be dropped are NaN and nanquantile skips them.
    const double thresholdLogit = this->thresholdLogit();
    auto z = logits.detach()
                 .to(torch::kFloat)
                 .masked_fill(~droppable, std::numeric_limits<float>::quiet_NaN())
                 .reshape({-1});
    if (gather_) z = gather_(z);  // every rank's batch: the global quantile
    const auto quantile = torch::nanquantile(z, 1.0 - std::clamp(keepTarget_, 0.0, 1.0));
    // Fewer than two droppable tokens say nothing about a quantile: leave the offset alone.
    const auto enough = z.isnan().logical_not().sum().ge(2);
    const auto shift = torch::where(enough, thresholdLogit - quantile, torch::zeros_like(quantile));
    calibration.add_(shift.to(calibration.scalar_type()) * config_.calibrationRate);
}

GateDecision TokenGateImpl::decide(const torch::Tensor& hidden, const torch::Tensor& neverDrop,
                                   const torch::Tensor& alive, const torch::Tensor& /*attention*/)
{
    return decideLearned(hidden, neverDrop, alive);
}

void TokenGateImpl::addLogitOffset(double offset)
{
    torch::NoGradGuard noGrad;
    calibration.add_(offset);
}

}  // namespace megatoken
