#include "core/eval/TextScores.h"

#include "core/data/DataError.h"
#include "core/data/TextLines.h"
#include "core/data/UnicodeCase.h"
#include "core/eval/PythonWhitespace.h"
#include "core/io/NumberFormat.h"

#include <stdexcept>

namespace megatoken {

std::string sacreBleuSignature(const BleuOptions& options, std::size_t referenceStreams)
{
    std::string smooth;
    switch (options.smoothing) {
        case BleuSmoothing::None: smooth = "none"; break;
        case BleuSmoothing::Floor: smooth = "floor[" + formatFixed(options.smoothValue.value_or(0.1), 2) + "]"; break;
        case BleuSmoothing::AddK: smooth = "add-k[" + formatFixed(options.smoothValue.value_or(1.0), 2) + "]"; break;
        case BleuSmoothing::Exp: smooth = "exp"; break;
    }
    return "nrefs:" + std::to_string(referenceStreams) + "|case:" + (options.lowercase ? "lc" : "mixed") +
           "|eff:" + (options.effectiveOrder ? "yes" : "no") +
           "|tok:" + (options.tokenizer == BleuTokenizer::Mteval13a ? "13a" : "none") + "|smooth:" + smooth +
           "|version:" + kSacreBleuCheckedVersion;
}

std::string sacreBleuScoreText(const BleuResult& bleu)
{
    std::string text = "BLEU = " + formatFixed(bleu.score, 2) + " ";
    for (std::size_t n = 0; n < bleu.precisions.size(); ++n)
        text += (n ? "/" : "") + formatFixed(bleu.precisions[n], 1);
    const double ratio = bleu.referenceLength > 0
                             ? static_cast<double>(bleu.hypothesisLength) / static_cast<double>(bleu.referenceLength)
                             : 0.0;
    text += " (BP = " + formatFixed(bleu.brevityPenalty, 3) + " ratio = " + formatFixed(ratio, 3) +
            " hyp_len = " + std::to_string(bleu.hypothesisLength) +
            " ref_len = " + std::to_string(bleu.referenceLength) + ")";
    return text;
}

TextScores scoreTexts(std::vector<std::string> hypotheses, std::vector<std::vector<std::string>> referenceStreams,
                      const TextScoreOptions& options)
{
    if (referenceStreams.empty()) throw std::invalid_argument("scoreTexts: no reference stream");
    for (const auto& stream : referenceStreams) {
        if (stream.size() != hypotheses.size()) {
            throw std::invalid_argument("scoreTexts: a stream of " + std::to_string(stream.size()) +
                                        " references but " + std::to_string(hypotheses.size()) + " hypotheses");
        }
    }
    const auto strip = [](std::string& text) { text.resize(rstripPythonWhitespace(text).size()); };
    for (auto& text : hypotheses) strip(text);
    for (auto& stream : referenceStreams)
        for (auto& text : stream) strip(text);

    TextScores scores;
    scores.segments = hypotheses.size();
    scores.referenceStreams = referenceStreams.size();
    BleuOptions bleuOptions;
    bleuOptions.lowercase = options.lowercase;
    bleuOptions.tokenizer = options.tokenizer;
    scores.bleu = corpusBleu(hypotheses, referenceStreams, bleuOptions);
    scores.bleuSignature = sacreBleuSignature(bleuOptions, referenceStreams.size());
    scores.rouge = rougeCorpusMeanMultiReference(referenceStreams, hypotheses);

    const auto folded = [&](std::string text) {
        if (options.lowercase) lowercaseUtf8(text);
        return text;
    };
    for (std::size_t i = 0; i < hypotheses.size(); ++i) {
        const std::string hypothesis = folded(hypotheses[i]);
        for (const auto& stream : referenceStreams) {
            if (folded(stream[i]) != hypothesis) continue;
            ++scores.exactMatches;
            break;
        }
    }
    scores.exactMatch =
        hypotheses.empty() ? 0.0 : static_cast<double>(scores.exactMatches) / static_cast<double>(hypotheses.size());
    return scores;
}

TextScores scoreFiles(const std::string& hypothesisFile, const std::vector<std::string>& referenceFiles,
                      const TextScoreOptions& options)
{
    if (referenceFiles.empty()) throw std::invalid_argument("scoreFiles: no reference file");
    std::vector<std::string> hypotheses = readTextLines(hypothesisFile);
    std::vector<std::vector<std::string>> streams;
    streams.reserve(referenceFiles.size());
    for (const auto& file : referenceFiles) {
        streams.push_back(readTextLines(file));
        if (streams.back().size() != hypotheses.size()) {
            const auto lines = [](std::size_t n) { return std::to_string(n) + (n == 1 ? " line" : " lines"); };
            throw DataError(file, lines(streams.back().size()) + ", but the hypothesis file " + hypothesisFile +
                                      " has " + lines(hypotheses.size()) +
                                      ": every reference file needs one line per hypothesis");
        }
    }
    return scoreTexts(std::move(hypotheses), std::move(streams), options);
}

}  // namespace megatoken
