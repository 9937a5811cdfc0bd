#include "core/engine/model/Attention.h"
#include "core/engine/model/Dropout.h"

#include <cmath>

#include "core/engine/model/AttentionSoftmax.h"
#include "core/engine/model/TorchCompat.h"

namespace megatoken {

namespace nn = torch::nn;

AttentionImpl::AttentionImpl(std::int64_t dModel, std::int64_t numHeads, std::int64_t dKv, bool isCrossAttention,
                             bool scaled, double dropout, AttentionKernel kernel)
    : numHeads_(numHeads), dKv_(dKv), isCross_(isCrossAttention), scaled_(scaled), dropout_(dropout), kernel_(kernel)
{
    const std::int64_t inner = numHeads * dKv;
    if (isCross_) {
        q = register_module("q", nn::Linear(nn::LinearOptions(dModel, inner).bias(false)));
        kv = register_module("kv", nn::Linear(nn::LinearOptions(dModel, 2 * inner).bias(false)));
    } else {
        qkv = register_module("qkv", nn::Linear(nn::LinearOptions(dModel, 3 * inner).bias(false)));
    }
    o = register_module("o", nn::Linear(nn::LinearOptions(inner, dModel).bias(false)));
    resetParametersT5(dModel);
}

// T5's initialisation (factor 1): q ~ N(0, (d_model * d_kv)^-1/2), k and v ~ N(0, d_model^-1/2),
// o ~ N(0, (H * d_kv)^-1/2). The small query scale stands in for the missing 1/sqrt(d_kv).
void AttentionImpl::resetParametersT5(std::int64_t dModel)
{
    torch::NoGradGuard noGrad;
    const std::int64_t inner = numHeads_ * dKv_;
    const double qStd = 1.0 / std::sqrt(static_cast<double>(dModel * dKv_));
    const double kvStd = 1.0 / std::sqrt(static_cast<double>(dModel));
    if (isCross_) {
        q->weight.normal_(0.0, qStd);
        kv->weight.normal_(0.0, kvStd);
    } else {
        qkv->weight.narrow(0, 0, inner).normal_(0.0, qStd);
        qkv->weight.narrow(0, inner, 2 * inner).normal_(0.0, kvStd);
    }
    o->weight.normal_(0.0, 1.0 / std::sqrt(static_cast<double>(inner)));
}

bool AttentionImpl::usesFusedKernel() const
{
    return compat::kHasFusedAttention && kernel_ == AttentionKernel::Fused && !recordWeights_ && !softmax1_ &&
           !trackScorePenalty_;
}

torch::Tensor AttentionImpl::splitHeads(const torch::Tensor& t) const
{
    return t.view({t.size(0), t.size(1), numHeads_, dKv_}).transpose(1, 2);
}

torch::Tensor AttentionImpl::forward(const torch::Tensor& x, const torch::Tensor& memory, const torch::Tensor& bias,
                                     const torch::Tensor& keyScale)
{
    torch::Tensor query, key, value;
    if (isCross_) {
        query = splitHeads(q->forward(x));
        auto kvProjected = kv->forward(memory).chunk(2, -1);
        key = splitHeads(kvProjected[0]);
        value = splitHeads(kvProjected[1]);
    } else {
        auto projected = qkv->forward(x).chunk(3, -1);
        query = splitHeads(projected[0]);
        key = splitHeads(projected[1]);
        value = splitHeads(projected[2]);
    }
    if (usesFusedKernel() && !keyScale.defined()) {
        const double scale = scaled_ ? 1.0 / std::sqrt(static_cast<double>(dKv_)) : 1.0;
        auto context = compat::fusedAttention(query, key, value, bias, scale, is_training() ? dropout_ : 0.0);
        return o->forward(context.transpose(1, 2).reshape({x.size(0), x.size(1), numHeads_ * dKv_}));
    }
    auto scores = torch::matmul(query, key.transpose(-1, -2));  // [B, H, q, k]
    if (scaled_) scores = scores / std::sqrt(static_cast<double>(dKv_));
    if (trackScorePenalty_) lastScorePenalty_ = attentionScorePenalty(scores);
    if (bias.defined()) scores = scores + bias;
    auto weights = attentionSoftmax(scores, keyScale, softmax1_);
    if (recordWeights_) lastWeights_ = weights.detach();
    weights = megatoken::dropout(weights, dropout_, is_training());
    auto context = torch::matmul(weights, value).transpose(1, 2).reshape({x.size(0), x.size(1), numHeads_ * dKv_});
    return o->forward(context);
}

}  // namespace megatoken
