#pragma once

namespace megatoken {

// How the gates' ln alpha enters the attention masks.
enum class MaskMode {
    Soft,             // ln alpha as is (the post's differentiable mask)
    Threshold,        // ln alpha <= threshold -> masked out completely (dropped tokens invisible)
    StraightThrough,  // forward as Threshold, gradient as Soft (training only)
    // As Threshold, but the dropped tokens are removed: after each gate the kept tokens are
    // gathered (re-padded to the longest row) with their original positions, so the following
    // blocks and the decoder's cross-attention run on the shorter sequence. Inference.
    HardRemoval,
};

}  // namespace megatoken
