#pragma once
#include <torch/torch.h>

#include "core/data/EncodedCorpus.h"
#include "core/data/LengthBucketedBatches.h"

namespace megatoken {

// [B, longest] int64 ids of the batch's sequences, right-padded with padId.
torch::Tensor makeBatchTensor(const EncodedCorpus& corpus, const Batch& batch, std::int64_t padId,
                              const torch::Device& device);

}  // namespace megatoken
