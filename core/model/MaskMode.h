#pragma once

namespace megatoken {

// How the gates' ln alpha enters the attention masks.
enum class MaskMode {
    Soft,             // ln alpha as is (the post's differentiable mask)
    Threshold,        // ln alpha <= threshold -> masked out completely (dropped tokens invisible)
    StraightThrough,  // forward as Threshold, gradient as Soft (training only)
};

}  // namespace megatoken
