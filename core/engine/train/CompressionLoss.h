#pragma once
#include <torch/torch.h>

#include "core/config/TrainConfig.h"
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

// rows: the batch's row count B the means divide by; 0 (the default) takes this batch's. A rank of a
// distributed run passes the global batch's, so that the ranks' terms add up to one process's.
CompressionTerms compressionLoss(const EncoderOutput& encoded, std::int64_t dKv, double rows = 0);

// loss.prior: a prior on each gate's soft kept count instead of R(s)^2 (docs/gate-mechanisms.md).
// Per gate s and row b, with n = the droppable tokens (GateTrace::droppable), k = the sum of their
// soft alpha = exp(ln alpha), p = the gate's keep target (GateTrace::keepTarget, clamped to
// [1e-6, 1 - 1e-6]):
//   binomial: -ln Binomial(k; n, p) / n = -(lgamma(n+1) - lgamma(k+1) - lgamma(n-k+1)
//                                            + k ln p + (n-k) ln(1-p)) / n    (Nawrot et al. 2023)
//   keep_mse: (k / n - p)^2
// averaged over the rows with n > 0, then over the gates. LossPrior::None: undefined.
// rowsPerGate ([S], optional): the row counts with n > 0 the means divide by (a distributed run's
// global counts, all-reduced from priorRows); undefined: this batch's.
torch::Tensor priorLoss(const EncoderOutput& encoded, LossPrior prior, const torch::Tensor& rowsPerGate = {});

// [S]: per gate, the rows of this batch with at least one droppable token (float, on the device).
torch::Tensor priorRows(const EncoderOutput& encoded);

}  // namespace megatoken
