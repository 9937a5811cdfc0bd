#pragma once
// The sums an evaluation collects over its texts, kept apart from the figures made of them so that
// disjoint shards of the validation texts, scored on different ranks of a distributed run, add up
// to exactly what one process scoring them all would report (corpus BLEU and the ROUGE mean are
// computed once, over every prediction, in metricsFrom).

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/feedback/TrainingObserver.h"

namespace megatoken {

struct Prediction {
    std::string input;          // the reference: the decoded (possibly truncated) input ids
    std::string teacherForced;  // argmax under teacher forcing, hard mask
    std::string freeRunning;    // greedy decoding, hard mask
    std::string keptPieces;     // the pieces that survive every gate, space separated
};

struct EvaluationTally {
    bool freeRunning = true;  // whether greedy decoding ran (its figures stay 0 otherwise)
    double tokens = 0;        // label (non-pad) tokens
    double correctHard = 0, correctSoft = 0, correctFree = 0;
    double crossEntropySum = 0;           // nats, summed over the label tokens (hard mask)
    double softKeepRatioSum = 0;          // per text, summed
    std::vector<double> keptSum;          // per gate: label tokens still kept after it (hard mask)
    std::vector<std::size_t> indices;     // each prediction's position in the evaluated corpus
    std::vector<Prediction> predictions;  // parallel to indices

    std::size_t texts() const { return predictions.size(); }
    // Adds a tally of other texts. Throws std::invalid_argument when the gate counts or the
    // freeRunning settings differ.
    void add(const EvaluationTally& other);
};

// EvalMetrics of the tally: accuracies and kept fractions per label token, the soft keep ratio per
// text, corpus BLEU (sacreBLEU's defaults, core/eval/Bleu.h) and the rouge-score ROUGE-L mean
// (core/eval/Rouge.h) over every prediction against its input, exact match per text. step, split
// and seconds are left for the caller.
EvalMetrics metricsFrom(const EvaluationTally& tally);

// The predictions in corpus order (by indices).
std::vector<Prediction> predictionsInOrder(const EvaluationTally& tally);

// For the trip from one rank to another: every number round-trips exactly (nlohmann/json writes
// the shortest representation that reads back to the same double). tallyFromJson throws
// std::invalid_argument when a field is missing or of the wrong type.
nlohmann::json toJson(const EvaluationTally& tally);
EvaluationTally tallyFromJson(const nlohmann::json& json);

}  // namespace megatoken
