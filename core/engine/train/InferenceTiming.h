#pragma once
// Wall-clock throughput of the whole model (encoder + teacher-forced decoder) at inference, under
// one mask mode: the measurement behind the sweep's throughput columns and bench_inference.

#include <torch/torch.h>

#include "core/config/MaskMode.h"
#include "core/data/EncodedCorpus.h"
#include "core/engine/model/MegatokenModel.h"

namespace megatoken {

class Feedback;

struct InferenceTiming {
    double tokensPerSecond = 0;  // non-pad input tokens per second
    double secondsPerBatch = 0;  // median over the timed passes
    std::int64_t tokens = 0;     // non-pad tokens per pass over the texts
    std::int64_t batches = 0;
    double keptFraction = 1.0;  // tokens that survive the last gate, of the non-pad tokens
};

// Times `repeats` passes over the first maxTexts texts (0: all), batched in corpus order after a
// stable sort by length (as evaluation does), after one untimed warm-up pass. Eval mode, no grad;
// the model's mode is restored however this ends. feedback (may be null) is checked before every
// batch: once it is cancelled, timeInference throws Cancelled.
InferenceTiming timeInference(MegatokenModel& model, const EncodedCorpus& corpus, MaskMode mode, std::int64_t batchSize,
                              std::int64_t maxTexts, int repeats, const torch::Device& device,
                              const Feedback* feedback = nullptr);

}  // namespace megatoken
