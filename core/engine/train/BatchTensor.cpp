#include "core/engine/train/BatchTensor.h"

#include <algorithm>

namespace megatoken {

torch::Tensor makeBatchTensor(const EncodedCorpus& corpus, const Batch& batch, std::int64_t padId,
                              const torch::Device& device)
{
    std::size_t longest = 1;
    for (std::size_t index : batch) longest = std::max(longest, corpus.sequences.at(index).size());
    auto ids =
        torch::full({static_cast<std::int64_t>(batch.size()), static_cast<std::int64_t>(longest)}, padId, torch::kLong);
    auto accessor = ids.accessor<std::int64_t, 2>();
    for (std::size_t row = 0; row < batch.size(); ++row) {
        const auto& sequence = corpus.sequences[batch[row]];
        for (std::size_t t = 0; t < sequence.size(); ++t)
            accessor[static_cast<std::int64_t>(row)][static_cast<std::int64_t>(t)] = sequence[t];
    }
    return device.is_cpu() ? ids : ids.to(device);
}

}  // namespace megatoken
