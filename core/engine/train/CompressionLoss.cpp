#include "core/engine/train/CompressionLoss.h"

#include <algorithm>
#include <cmath>

namespace megatoken {

CompressionTerms compressionLoss(const EncoderOutput& encoded, std::int64_t dKv, double rows)
{
    CompressionTerms terms;
    const auto tokenMask = encoded.padMask.logical_not().to(encoded.hidden.scalar_type());
    const auto initial = tokenMask.sum(1).clamp_min(1.0);  // L(0) per example
    if (encoded.gates.empty()) {
        terms.loss = torch::zeros({}, encoded.hidden.options());
        terms.ratios = torch::empty({0}, encoded.hidden.options());
        terms.overallRatio = torch::ones({}, encoded.hidden.options());
        return terms;
    }
    const double scale = 1.0 / std::sqrt(static_cast<double>(dKv));
    std::vector<torch::Tensor> perGate;  // R(s) per example, [B] each
    auto previous = initial;
    torch::Tensor current;
    for (const GateTrace& gate : encoded.gates) {
        current = (torch::exp(gate.accumulated * scale) * tokenMask).sum(1);  // L(s)
        perGate.push_back(current / previous.clamp_min(1e-12));
        previous = current;
    }
    const auto ratios = torch::stack(perGate, 1);  // [B, S]
    if (rows <= 0) {
        terms.loss = ratios.pow(2).mean();
        terms.ratios = ratios.detach().mean(0);
        terms.overallRatio = (current / initial).detach().mean();
    } else {
        terms.loss = ratios.pow(2).sum() / (rows * static_cast<double>(ratios.size(1)));
        terms.ratios = ratios.detach().sum(0) / rows;
        terms.overallRatio = (current / initial).detach().sum() / rows;
    }
    return terms;
}

torch::Tensor priorRows(const EncoderOutput& encoded)
{
    std::vector<torch::Tensor> counts;
    for (const GateTrace& gate : encoded.gates)
        counts.push_back(gate.droppable.sum(1).gt(0).sum().to(encoded.hidden.scalar_type()));
    if (counts.empty()) return torch::zeros({0}, encoded.hidden.options());
    return torch::stack(counts);
}

torch::Tensor priorLoss(const EncoderOutput& encoded, LossPrior prior, const torch::Tensor& rowsPerGate)
{
    if (prior == LossPrior::None) return {};
    std::vector<torch::Tensor> perGate;
    for (const GateTrace& gate : encoded.gates) {
        const auto droppable = gate.droppable.to(gate.logAlpha.scalar_type());
        const auto n = droppable.sum(1);                                // [B]
        const auto k = (torch::exp(gate.logAlpha) * droppable).sum(1);  // [B]
        const double p = std::clamp(gate.keepTarget, 1e-6, 1.0 - 1e-6);
        torch::Tensor value;
        if (prior == LossPrior::Binomial) {
            const auto logLikelihood = torch::lgamma(n + 1) - torch::lgamma(k + 1) - torch::lgamma(n - k + 1) +
                                       k * std::log(p) + (n - k) * std::log1p(-p);
            value = -logLikelihood / n.clamp_min(1.0);
        } else {
            value = (k / n.clamp_min(1.0) - p).pow(2);
        }
        const auto rows = n.gt(0).to(value.scalar_type());
        const auto denominator =
            rowsPerGate.defined() ? rowsPerGate[static_cast<std::int64_t>(perGate.size())] : rows.sum();
        perGate.push_back((value * rows).sum() / denominator.clamp_min(1.0));
    }
    if (perGate.empty()) return torch::zeros({}, encoded.hidden.options());
    return torch::stack(perGate).mean();
}

}  // namespace megatoken
