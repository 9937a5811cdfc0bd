#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace megatoken {

// Corpus BLEU, numerically identical to sacreBLEU 2.2 and later (checked against 2.6:
// BLEU().corpus_score) for the options below; the defaults are sacreBLEU's (13a, mixed case, exp
// smoothing, no effective order).

inline constexpr std::size_t kBleuMaxNgramOrder = 4;

enum class BleuTokenizer {
    Mteval13a,  // sacreBLEU "13a", the default
    None,       // input is already tokenised: split on whitespace only
};

// Chen & Cherry (2014) smoothing methods, as sacreBLEU names them.
enum class BleuSmoothing {
    None,   // "none": a zero n-gram precision makes the score 0
    Floor,  // "floor": zero-match orders count smoothValue (default 0.1) matches
    AddK,   // "add-k": orders 2..4 add smoothValue (default 1) to matches and totals
    Exp,    // "exp": mteval-v13a's method and sacreBLEU's default, see Bleu.cpp
};

struct BleuOptions {
    bool lowercase = false;
    BleuTokenizer tokenizer = BleuTokenizer::Mteval13a;
    BleuSmoothing smoothing = BleuSmoothing::Exp;
    // Only for Floor and AddK; unset means sacreBLEU's default for the method.
    std::optional<double> smoothValue;
    // Average only over the orders the hypotheses are long enough to have n-grams of; off for
    // corpus BLEU, meant for sentence BLEU (sacrebleu.sentence_bleu turns it on).
    bool effectiveOrder = false;
};

struct BleuResult {
    double score = 0.0;                                   // 0..100
    std::array<double, kBleuMaxNgramOrder> precisions{};  // per order, in percent, after smoothing
    double brevityPenalty = 1.0;
    std::size_t hypothesisLength = 0;  // sacreBLEU's sys_len: hypothesis tokens
    std::size_t referenceLength = 0;   // sacreBLEU's ref_len: closest reference tokens, summed
    // Clipped matching n-grams and hypothesis n-grams per order, before any add-k smoothing.
    std::array<std::size_t, kBleuMaxNgramOrder> matches{};
    std::array<std::size_t, kBleuMaxNgramOrder> totals{};
};

// hypotheses[i] is scored against referenceStreams[k][i] for every stream k, so each stream
// holds one reference per hypothesis (sacreBLEU's layout). As in sacreBLEU 2.2+, an empty
// reference string is a reference of length 0 (a text the tokenizer normalised away), never an
// error: evaluation finishes whatever the texts. (sacreBLEU's None, a missing reference, has no
// counterpart here: every stream has a reference for every segment.)
// Throws std::invalid_argument when there is no reference stream or a stream's length differs
// from the number of hypotheses.
BleuResult corpusBleu(const std::vector<std::string>& hypotheses,
                      const std::vector<std::vector<std::string>>& referenceStreams, const BleuOptions& options = {});

// The defaults of sacrebleu.sentence_bleu(): sacreBLEU's corpus defaults plus effective order,
// without which almost every short sentence would score 0 or near it.
BleuOptions sentenceBleuOptions();

// One hypothesis against its references (at least one; empty ones count, as above).
BleuResult sentenceBleu(const std::string& hypothesis, const std::vector<std::string>& references,
                        const BleuOptions& options = sentenceBleuOptions());

}  // namespace megatoken
