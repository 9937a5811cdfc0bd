#pragma once
// gates.merge: instead of vanishing, a token a gate drops joins a kept token of its row (ToMe,
// Bolya et al. 2023; Nawrot et al. 2023's dynamic pooling). Each token carries a size (how many
// input tokens it stands for); a kept token becomes the size-weighted average of itself and the
// tokens that join it, and its size their sum. The encoder then adds ln size to that key's logit
// in every later attention (ToMe's proportional attention), the decoder's cross-attention included.
#include <torch/torch.h>

#include "core/config/ModelConfig.h"

namespace megatoken {

struct MergeResult {
    torch::Tensor hidden;  // [B, L, D]: kept tokens merged; every other token unchanged
    torch::Tensor sizes;   // [B, L]: the kept tokens' new sizes; every other token's unchanged
    // [B, L] long: for a token dropped here, the position of the kept token it joined; for a kept
    // token its own position; -1 for the others (padding, tokens dropped earlier).
    torch::Tensor target;
};

// hidden [B, L, D]: the states leaving the block before the gate; sizes [B, L] (1 per input token,
// 0 on padding); alive [B, L] bool: the tokens that reached the gate; kept [B, L] bool: those it
// kept (a subset of alive). The tokens dropped here are alive & !kept. Where they go:
//   similar: the kept token of the row whose hidden state has the highest cosine similarity with
//            the dropped token's (on the block's output states, not its keys);
//   left:    the nearest kept token to the left; the row's first kept token when there is none;
//   segment: the next kept token to the right (each run of dropped tokens pools into the kept token
//            that ends it; EOS is never dropped, so every run has one); the nearest to the left
//            when there is none.
// mode None returns the inputs and a target of -1 everywhere but on kept tokens.
MergeResult mergeDropped(GateMerge mode, const torch::Tensor& hidden, const torch::Tensor& sizes,
                         const torch::Tensor& alive, const torch::Tensor& kept);

// [B, 1, 1, L]: ln size as a key bias (0 where the size is 0, on padding, which has its own mask).
torch::Tensor proportionalAttentionBias(const torch::Tensor& sizes);

}  // namespace megatoken
