#pragma once

#include "core/eval/Bleu.h"
#include "core/eval/Rouge.h"

#include <cstddef>
#include <string>
#include <vector>

namespace megatoken {

// The sacreBLEU release our BLEU and its signature were checked against, number for number, by
// scripts/compare-score.py (its output: docs/score-check.txt).
inline constexpr const char* kSacreBleuCheckedVersion = "2.6.0";
// The rouge-score release our ROUGE was checked against by the same script.
inline constexpr const char* kRougeScoreCheckedVersion = "0.1.2";

// sacreBLEU 2.x's BLEU signature for these options and this many reference streams, as
// BLEU.get_signature() formats it: "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0";
// floor and add-k carry their value, "smooth:floor[0.10]". version is kSacreBleuCheckedVersion:
// the numbers equal that release's for this signature.
std::string sacreBleuSignature(const BleuOptions& options, std::size_t referenceStreams);

// sacreBLEU's one-line score text: "BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944
// hyp_len = 17 ref_len = 18)" (BLEUScore.format()). Locale-independent.
std::string sacreBleuScoreText(const BleuResult& bleu);

struct TextScoreOptions {
    // sacreBLEU's --lowercase (str.lower(), full Unicode case mapping) for BLEU and exact match;
    // ROUGE lowercases anyway (rouge_score's tokenizer does).
    bool lowercase = false;
    BleuTokenizer tokenizer = BleuTokenizer::Mteval13a;
};

struct TextScores {
    BleuResult bleu;
    std::string bleuSignature;
    // Each ROUGE type against the best reference of a segment (rougeMulti), averaged over the
    // segments; rouge_score's defaults (no stemmer).
    RougeScores rouge;
    // Share of segments equal to one of their references, byte for byte after the trailing
    // whitespace sacreBLEU strips (and after lowercasing with TextScoreOptions::lowercase).
    double exactMatch = 0.0;
    std::size_t exactMatches = 0;
    std::size_t segments = 0;
    std::size_t referenceStreams = 0;
};

// Scores hypotheses[i] against referenceStreams[k][i] for every stream k: corpus BLEU with
// sacreBLEU's defaults, ROUGE-1/2/L/Lsum with rouge_score's, exact match. Every text is first
// right-stripped of Python whitespace, as sacreBLEU's command line does with each line it reads.
// Throws std::invalid_argument when there is no stream or a stream's length differs from the
// number of hypotheses.
TextScores scoreTexts(std::vector<std::string> hypotheses, std::vector<std::vector<std::string>> referenceStreams,
                      const TextScoreOptions& options = {});

// scoreTexts over files of one segment per line (readTextLines). Throws DataError naming the file
// when one cannot be read, and naming the hypothesis file and the reference file, with both line
// counts, when they differ in length.
TextScores scoreFiles(const std::string& hypothesisFile, const std::vector<std::string>& referenceFiles,
                      const TextScoreOptions& options = {});

}  // namespace megatoken
