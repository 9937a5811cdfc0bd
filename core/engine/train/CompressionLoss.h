#pragma once
#include <torch/torch.h>

#include "core/engine/model/MegatokenEncoder.h"

namespace megatoken {

// The Megatoken compression term, per the method notes:
//   P_i(s) = exp(G_i(s) / sqrt(d_kv)),  L(s) = sum of P_i(s) over non-pad tokens,  L(0) = non-pad count,
//   R(s) = L(s) / L(s-1) (ratio to the PREVIOUS gate),  loss = mean over gates and batch of R(s)^2.
struct CompressionTerms {
    torch::Tensor loss;          // scalar
    torch::Tensor ratios;        // [S]: R(s), averaged over the batch
    torch::Tensor overallRatio;  // scalar: L(S) / L(0), averaged over the batch
};

CompressionTerms compressionLoss(const EncoderOutput& encoded, std::int64_t dKv);

}  // namespace megatoken
