#include "core/engine/model/MegatokenModel.h"

#include <cmath>

#include "core/engine/model/Attention.h"
#include "core/feedback/Feedback.h"

namespace megatoken {

MegatokenModelImpl::MegatokenModelImpl(const ModelConfig& config) : config_(config)
{
    embedding = register_module("embedding", torch::nn::Embedding(config.vocabSize, config.dModel));
    {
        torch::NoGradGuard noGrad;
        embedding->weight.normal_(0.0, 1.0);  // T5's initialisation
    }
    encoder = register_module("encoder", MegatokenEncoder(config, embedding));
    decoder = register_module("decoder", MegatokenDecoder(config, embedding));
    if (!config.tiedHead) {
        lmHead = register_module(
            "lm_head", torch::nn::Linear(torch::nn::LinearOptions(config.dModel, config.vocabSize).bias(false)));
        torch::NoGradGuard noGrad;
        lmHead->weight.normal_(0.0, 1.0);
    }
}

torch::Tensor MegatokenModelImpl::shiftRight(const torch::Tensor& labels) const
{
    auto start = torch::full({labels.size(0), 1}, config_.padId, labels.options());
    return torch::cat({start, labels.narrow(1, 0, labels.size(1) - 1)}, 1);
}

torch::Tensor MegatokenModelImpl::logitsFromHidden(const torch::Tensor& hidden)
{
    if (lmHead) return lmHead->forward(hidden);
    // Tied head: T5 rescales by d_model^-1/2 before reusing the embedding matrix.
    return torch::matmul(hidden * (1.0 / std::sqrt(static_cast<double>(config_.dModel))), embedding->weight.t());
}

EncoderOutput MegatokenModelImpl::encode(const torch::Tensor& inputIds, MaskMode mode)
{
    return encoder->forward(inputIds, mode);
}

torch::Tensor MegatokenModelImpl::decodeLogits(const torch::Tensor& decoderInput, const EncoderOutput& encoded)
{
    return logitsFromHidden(decoder->forward(decoderInput, encoded.hidden, encoded.crossBias, 0, encoded.crossScale));
}

torch::Tensor MegatokenModelImpl::labelLogits(const torch::Tensor& inputIds, const EncoderOutput& encoded,
                                              const torch::Tensor& labelMask)
{
    const auto hidden =
        decoder->forward(shiftRight(inputIds), encoded.hidden, encoded.crossBias, 0, encoded.crossScale);
    const auto positions = labelMask.reshape({-1}).nonzero().squeeze(1);
    return logitsFromHidden(hidden.reshape({-1, hidden.size(-1)}).index_select(0, positions));
}

ModelOutput MegatokenModelImpl::forward(const torch::Tensor& inputIds, MaskMode mode)
{
    ModelOutput out;
    out.encoder = encode(inputIds, mode);
    out.logits = decodeLogits(shiftRight(inputIds), out.encoder);
    return out;
}

torch::Tensor MegatokenModelImpl::greedyDecode(const EncoderOutput& encoded, std::int64_t maxLength,
                                               const Feedback* feedback)
{
    torch::NoGradGuard noGrad;
    const std::int64_t batch = encoded.hidden.size(0);
    const auto longOptions = torch::TensorOptions().dtype(torch::kLong).device(encoded.hidden.device());
    auto decoderInput = torch::full({batch, 1}, config_.padId, longOptions);
    auto finished = torch::zeros({batch}, longOptions.dtype(torch::kBool));
    std::vector<torch::Tensor> generated;
    if (config_.absolutePositions) maxLength = std::min(maxLength, config_.maxPositions);
    // With a window of W, the last position of L stacked layers depends on the last L*W + 1
    // inputs only, so each step decodes that suffix (at its true positions) instead of the whole
    // prefix, and projects only the last position onto the vocabulary: exact, and O(T) per text.
    const std::int64_t context = config_.decoderWindow > 0 ? config_.decoderLayers * config_.decoderWindow + 1 : 0;
    for (std::int64_t step = 0; step < maxLength; ++step) {
        if (feedback) feedback->throwIfCancelled();
        const std::int64_t length = decoderInput.size(1);
        const std::int64_t first = context > 0 ? std::max<std::int64_t>(0, length - context) : 0;
        const auto window = first > 0 ? decoderInput.slice(1, first) : decoderInput;
        const auto hidden =
            decoder->forward(window, encoded.hidden, encoded.crossBias, first, encoded.crossScale).select(1, -1);
        const auto logits = logitsFromHidden(hidden);
        auto next = logits.argmax(-1).masked_fill(finished, config_.padId);
        generated.push_back(next);
        finished = finished | next.eq(config_.eosId);
        if (finished.all().item<bool>()) break;
        decoderInput = torch::cat({decoderInput, next.unsqueeze(1)}, 1);
    }
    if (generated.empty()) return torch::empty({batch, 0}, longOptions);
    return torch::stack(generated, 1);
}

void MegatokenModelImpl::setAttentionKernel(AttentionKernel kernel)
{
    config_.attentionKernel = kernel;
    for (const auto& module : modules(/*include_self=*/false))
        if (auto* attention = module->as<AttentionImpl>()) attention->setKernel(kernel);
}

}  // namespace megatoken
