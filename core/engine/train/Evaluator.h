#pragma once
// Evaluation on held-out texts: teacher-forced accuracy under the hard mask (the honest figure)
// and the soft mask, free-running greedy decoding scored by token accuracy, BLEU, ROUGE-L and
// exact match, and the teacher-forced argmax outputs scored the way the authors reported theirs.

#include <torch/torch.h>

#include <functional>
#include <string>
#include <vector>

#include "core/data/EncodedCorpus.h"
#include "core/engine/model/MegatokenModel.h"
#include "core/feedback/TrainingObserver.h"

namespace megatoken {

class Tokenizer;

struct Prediction {
    std::string input;          // the reference: the decoded (possibly truncated) input ids
    std::string teacherForced;  // argmax under teacher forcing, hard mask
    std::string freeRunning;    // greedy decoding, hard mask
    std::string keptPieces;     // the pieces that survive every gate, space separated
};

struct EvaluationResult {
    EvalMetrics metrics;
    std::vector<Prediction> predictions;
    bool cancelled = false;  // options.cancelled() said stop: the metrics are incomplete
};

struct EvalOptions {
    std::int64_t batchSize = 64;
    std::int64_t maxTexts = 0;         // 0: all of the corpus
    std::int64_t decodeMaxLength = 64;
    bool freeRunning = true;
    // Asked between batches; returning true abandons the evaluation (a user's Stop).
    std::function<bool()> cancelled;
};

EvaluationResult evaluate(MegatokenModel& model, const EncodedCorpus& corpus, const Tokenizer& tokenizer,
                          const EvalOptions& options, const torch::Device& device);

}  // namespace megatoken
