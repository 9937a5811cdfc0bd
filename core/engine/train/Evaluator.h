#pragma once
// Evaluation on held-out texts: teacher-forced accuracy under the hard mask (the honest figure)
// and the soft mask, free-running greedy decoding scored by token accuracy, BLEU, ROUGE-L and
// exact match, and the teacher-forced argmax outputs scored the way the authors reported theirs.

#include <torch/torch.h>

#include <string>
#include <vector>

#include "core/data/EncodedCorpus.h"
#include "core/engine/model/MegatokenModel.h"
#include "core/feedback/TrainingObserver.h"

namespace megatoken {

class Feedback;
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

}  // namespace megatoken
