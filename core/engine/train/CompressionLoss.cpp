#include "core/engine/train/CompressionLoss.h"

#include <cmath>

namespace megatoken {

CompressionTerms compressionLoss(const EncoderOutput& encoded, std::int64_t dKv)
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
    terms.loss = ratios.pow(2).mean();
    terms.ratios = ratios.detach().mean(0);
    terms.overallRatio = (current / initial).detach().mean();
    return terms;
}

}  // namespace megatoken
