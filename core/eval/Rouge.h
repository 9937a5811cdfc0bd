#pragma once

#include <string>
#include <vector>

namespace megatoken {

// ROUGE as Google's rouge_score package computes it (RougeScorer(["rouge1", "rouge2", "rougeL",
// "rougeLsum"], use_stemmer=False)), which is what Hugging Face `evaluate` and most recent
// summarisation papers report. Tokenisation: see RougeTokenizer.h.

struct RougeScore {
    double precision = 0.0;  // matched / prediction units
    double recall = 0.0;     // matched / target units
    double fmeasure = 0.0;   // harmonic mean, 0 when both are 0
};

struct RougeScores {
    RougeScore rouge1;     // unigram overlap
    RougeScore rouge2;     // bigram overlap
    RougeScore rougeL;     // longest common subsequence over the whole text
    RougeScore rougeLsum;  // summary-level union LCS; sentences are the lines ("\n"-separated)
};

// Argument order as rouge_score's scorer.score(target, prediction): the reference first.
RougeScores rouge(const std::string& target, const std::string& prediction);

// Per-pair scores averaged over the corpus (precision, recall and F-measure each averaged
// separately). rouge_score's BootstrapAggregator reports the median of bootstrap resamples of
// this mean, which converges to the plain mean; we report the mean itself, so it is
// deterministic. An empty corpus gives all zeros.
// Throws std::invalid_argument when the two lists differ in length.
RougeScores rougeCorpusMean(const std::vector<std::string>& targets, const std::vector<std::string>& predictions);

// rouge_score's scorer.score_multi(targets, prediction): for each ROUGE type, the scores against
// the target with the highest F-measure (the first on ties, as np.argmax picks).
// Throws std::invalid_argument when targets is empty.
RougeScores rougeMulti(const std::vector<std::string>& targets, const std::string& prediction);

// The corpus mean of rougeMulti: predictions[i] against referenceStreams[k][i] for every stream k
// (sacreBLEU's layout, as corpusBleu takes it). One stream gives rougeCorpusMean above.
// Throws std::invalid_argument when there is no stream or a stream's length differs from the
// number of predictions.
RougeScores rougeCorpusMeanMultiReference(const std::vector<std::vector<std::string>>& referenceStreams,
                                          const std::vector<std::string>& predictions);

}  // namespace megatoken
