#pragma once
// Evaluation on held-out texts: teacher-forced accuracy under the hard mask (the honest figure)
// and the soft mask, free-running greedy decoding scored by token accuracy, BLEU, ROUGE-L and
// exact match, and the teacher-forced argmax outputs scored the way the authors reported theirs.

#include <torch/torch.h>

#include <string>
#include <vector>

#include "core/data/EncodedCorpus.h"
#include "core/engine/model/MegatokenModel.h"
#include "core/eval/EvaluationTally.h"
#include "core/feedback/TrainingObserver.h"

namespace megatoken {

class Feedback;
class Tokenizer;

struct EvaluationResult {
    EvalMetrics metrics;
    std::vector<Prediction> predictions;
};

struct EvalOptions {
    std::int64_t batchSize = 64;
    std::int64_t maxTexts = 0;  // 0: all of the corpus
    std::int64_t decodeMaxLength = 64;
    bool freeRunning = true;
};

// Runs on the calling thread; restores the model's training mode before returning or throwing.
// feedback (may be null): progress is the fraction of the texts scored; it is checked before every
// batch and every free-running decoding step, and once it is cancelled evaluate throws Cancelled
// (no partial metrics are returned: a stopped evaluation has no result).
EvaluationResult evaluate(MegatokenModel& model, const EncodedCorpus& corpus, const Tokenizer& tokenizer,
                          const EvalOptions& options, const torch::Device& device, Feedback* feedback = nullptr);

// The sums of the same evaluation over the texts `indices` (positions in corpus) only, for a
// shard of a distributed run's validation texts: the tallies of disjoint shards, added
// (EvaluationTally::add) and turned into figures (metricsFrom), equal evaluate() over their union.
// options.maxTexts is not applied here. Progress, cancellation and errors as evaluate().
EvaluationTally evaluateTexts(MegatokenModel& model, const EncodedCorpus& corpus,
                              const std::vector<std::size_t>& indices, const Tokenizer& tokenizer,
                              const EvalOptions& options, const torch::Device& device, Feedback* feedback = nullptr);

}  // namespace megatoken
