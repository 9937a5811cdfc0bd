#include "core/engine/distributed/GradientAllReduce.h"

#include <chrono>

#include "core/engine/distributed/DistributedGroup.h"

namespace megatoken {

GradientAllReduceStats allReduceGradients(const std::vector<torch::Tensor>& parameters, DistributedGroup& group,
                                          std::size_t bucketBytes)
{
    torch::NoGradGuard noGrad;
    const auto start = std::chrono::steady_clock::now();
    GradientAllReduceStats stats;
    if (parameters.empty()) return stats;
    // Which parameters have a gradient anywhere: one in one process has one here too.
    const auto device = parameters.front().device();
    auto has = torch::zeros({static_cast<std::int64_t>(parameters.size())},
                            torch::TensorOptions(torch::kFloat).device(device));
    for (std::size_t i = 0; i < parameters.size(); ++i)
        if (parameters[i].grad().defined()) has[static_cast<std::int64_t>(i)].fill_(1.0);
    std::vector<torch::Tensor> flags{has};
    group.allReduceMax(flags);
    const auto anywhere = flags[0].to(torch::kCPU);
    const float* any = anywhere.data_ptr<float>();

    // Buckets of gradients of one dtype, in parameter order.
    std::vector<std::vector<torch::Tensor>> buckets;
    std::size_t inBucket = 0;
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        if (any[i] == 0.0f) continue;
        auto& p = const_cast<torch::Tensor&>(parameters[i]);
        if (!p.grad().defined()) p.mutable_grad() = torch::zeros_like(p);
        const auto& g = p.grad();
        const std::size_t size = static_cast<std::size_t>(g.numel()) * g.element_size();
        if (buckets.empty() || inBucket + size > bucketBytes ||
            buckets.back().front().scalar_type() != g.scalar_type()) {
            buckets.emplace_back();
            inBucket = 0;
        }
        buckets.back().push_back(g);
        inBucket += size;
        stats.bytes += size;
    }
    std::vector<torch::Tensor> flat;
    flat.reserve(buckets.size());
    for (const auto& bucket : buckets) {
        std::vector<torch::Tensor> pieces;
        for (const auto& g : bucket) pieces.push_back(g.reshape({-1}));
        flat.push_back(torch::cat(pieces));
    }
    group.allReduceSum(flat);
    for (std::size_t b = 0; b < buckets.size(); ++b) {
        std::int64_t at = 0;
        for (auto& g : buckets[b]) {
            g.copy_(flat[b].narrow(0, at, g.numel()).view_as(g));
            at += g.numel();
        }
    }
    stats.buckets = buckets.size();
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return stats;
}

}  // namespace megatoken
