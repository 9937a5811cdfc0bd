#include "core/engine/train/GateRecalibration.h"

#include "core/engine/model/TokenGate.h"
#include "core/engine/train/BatchTensor.h"

#include <algorithm>

namespace megatoken {

bool recalibratesGates(const ModelConfig& config)
{
    return config.gateCount() > 0 && config.gates.rule == GateRule::Learned &&
           config.gates.keep == GateKeep::Threshold && config.gates.calibrationRate > 0;
}

std::vector<double> recalibrateGates(MegatokenModel& model, const EncodedCorpus& corpus,
                                     const std::vector<std::size_t>& texts, std::size_t batchSize,
                                     const torch::Device& device)
{
    const ModelConfig& config = model->config();
    auto& encoder = model->encoder;
    std::vector<double> shifts(encoder->gateCount(), 0.0);
    if (!recalibratesGates(config) || texts.empty()) return shifts;

    torch::NoGradGuard noGrad;
    const bool wasTraining = model->is_training();
    model->eval();
    const std::size_t step = std::max<std::size_t>(1, batchSize);
    for (std::size_t g = 0; g < encoder->gateCount(); ++g) {
        auto* gate = dynamic_cast<TokenGateImpl*>(&encoder->gate(g));
        if (!gate || gate->keepTarget() >= 1.0) continue;
        // One pass over the texts with the gates before this one already set: the logits of the
        // tokens that reach it and can be dropped there.
        gate->setRecordLogits(true);
        std::vector<torch::Tensor> logits;
        for (std::size_t begin = 0; begin < texts.size(); begin += step) {
            const Batch batch(texts.begin() + static_cast<std::ptrdiff_t>(begin),
                              texts.begin() + static_cast<std::ptrdiff_t>(std::min(texts.size(), begin + step)));
            model->encode(makeBatchTensor(corpus, batch, config.padId, device), MaskMode::Threshold);
            logits.push_back(gate->recordedLogits().to(torch::kCPU));
        }
        gate->setRecordLogits(false);
        shifts[g] = gate->calibrateTo(torch::cat(logits));
    }
    model->train(wasTraining);
    return shifts;
}

}  // namespace megatoken
