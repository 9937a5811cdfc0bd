#pragma once
// Data-parallel gradient averaging without DistributedDataParallel (which LibTorch's C++ API does
// not have): after backward, every parameter's gradient is summed over the ranks in buckets of
// about bucketBytes, each bucket one flat all-reduce (PyTorch's DDP buckets the same way, 25 MiB by
// default; Li et al. 2020, "PyTorch Distributed", section 3.2.2). The buckets are sent at once and
// then waited for. Gradients are summed, not averaged: the trainer weights each rank's loss by its
// share of the global batch before backward, so the sum is the one-process gradient.

#include <torch/torch.h>

#include <cstddef>
#include <vector>

namespace megatoken {

class DistributedGroup;

struct GradientAllReduceStats {
    std::size_t buckets = 0;
    std::size_t bytes = 0;  // gradient bytes sent per rank
    double seconds = 0;     // wall time of the collectives, waits included
};

// parameters: the same list in the same order on every rank. A parameter without a gradient on
// this rank takes part with zeros; one without a gradient on every rank keeps none (as in one
// process, so the optimizer skips it there too). Throws DistributedError from the collectives.
GradientAllReduceStats allReduceGradients(const std::vector<torch::Tensor>& parameters, DistributedGroup& group,
                                          std::size_t bucketBytes = std::size_t{25} << 20);

}  // namespace megatoken
