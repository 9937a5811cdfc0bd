#include "core/eval/Bleu.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

#include "core/data/UnicodeCase.h"
#include "core/data/Utf8.h"
#include "core/eval/PythonWhitespace.h"
#include "core/eval/Tokenizer13a.h"

namespace megatoken {

namespace {

std::vector<std::string> preprocess(const std::string& sentence, const BleuOptions& options)
{
    std::string text = sentence;
    // sacreBLEU lowercases with str.lower(): full Unicode case mapping (ICU, UnicodeCase.h).
    if (options.lowercase) lowercaseUtf8(text);
    const std::string_view stripped = rstripPythonWhitespace(text);
    if (options.tokenizer == BleuTokenizer::Mteval13a) return splitOnPythonWhitespace(tokenize13a(stripped));
    return splitOnPythonWhitespace(stripped);
}

// Token ids local to one segment (its hypothesis and references), so n-grams are small integer
// arrays, sorted and compared without allocating a string per n-gram.
class SegmentVocabulary {
public:
    std::vector<std::uint32_t> encode(const std::vector<std::string>& tokens)
    {
        std::vector<std::uint32_t> encoded;
        encoded.reserve(tokens.size());
        for (const std::string& token : tokens)
            encoded.push_back(ids_.emplace(token, static_cast<std::uint32_t>(ids_.size())).first->second);
        return encoded;
    }

private:
    std::unordered_map<std::string, std::uint32_t> ids_;
};

// An n-gram of order 1..4 as token ids, the unused tail filled with kNoToken.
constexpr std::uint32_t kNoToken = std::numeric_limits<std::uint32_t>::max();
using Ngram = std::array<std::uint32_t, kBleuMaxNgramOrder>;

std::size_t orderOf(const Ngram& ngram)
{
    const auto isToken = [](std::uint32_t id) { return id != kNoToken; };
    return static_cast<std::size_t>(std::count_if(ngram.begin(), ngram.end(), isToken));
}

struct NgramCount {
    Ngram ngram;
    std::size_t count;
};
// Sorted by n-gram, one entry per distinct n-gram.
using NgramCounts = std::vector<NgramCount>;

NgramCounts countNgrams(const std::vector<std::uint32_t>& tokens)
{
    std::vector<Ngram> ngrams;
    ngrams.reserve(tokens.size() * kBleuMaxNgramOrder);
    for (std::size_t start = 0; start < tokens.size(); ++start) {
        Ngram ngram;
        ngram.fill(kNoToken);
        for (std::size_t order = 1; order <= kBleuMaxNgramOrder && start + order <= tokens.size(); ++order) {
            ngram[order - 1] = tokens[start + order - 1];
            ngrams.push_back(ngram);
        }
    }
    std::sort(ngrams.begin(), ngrams.end());

    NgramCounts counts;
    for (const Ngram& ngram : ngrams) {
        if (counts.empty() || counts.back().ngram != ngram)
            counts.push_back({ngram, 1});
        else
            ++counts.back().count;
    }
    return counts;
}

// Merges two sorted count lists keeping, for each n-gram, the larger count.
NgramCounts maxCounts(const NgramCounts& a, const NgramCounts& b)
{
    NgramCounts merged;
    merged.reserve(a.size() + b.size());
    auto left = a.begin();
    auto right = b.begin();
    while (left != a.end() || right != b.end()) {
        if (right == b.end() || (left != a.end() && left->ngram < right->ngram)) {
            merged.push_back(*left++);
        } else if (left == a.end() || right->ngram < left->ngram) {
            merged.push_back(*right++);
        } else {
            merged.push_back({left->ngram, std::max(left->count, right->count)});
            ++left;
            ++right;
        }
    }
    return merged;
}

// What a segment's references contribute: for each n-gram the most any single reference has
// (the clipping ceiling), and every reference's length.
struct ReferenceInfo {
    NgramCounts maxCounts;
    std::vector<std::size_t> lengths;
};

ReferenceInfo referenceInfo(const std::vector<const std::string*>& references, SegmentVocabulary& vocabulary,
                            const BleuOptions& options)
{
    ReferenceInfo info;
    for (const std::string* reference : references) {
        const std::vector<std::uint32_t> tokens = vocabulary.encode(preprocess(*reference, options));
        info.lengths.push_back(tokens.size());
        info.maxCounts = maxCounts(info.maxCounts, countNgrams(tokens));
    }
    return info;
}

// The reference length closest to the hypothesis, ties going to the shorter one: with several
// references BLEU penalises brevity against the reference the hypothesis most resembles in
// length, and preferring the shorter on a tie keeps the penalty lenient (sacreBLEU's rule).
std::size_t closestReferenceLength(std::size_t hypothesisLength, const std::vector<std::size_t>& referenceLengths)
{
    const auto distance = [&](std::size_t length) {
        return length > hypothesisLength ? length - hypothesisLength : hypothesisLength - length;
    };
    std::size_t closest = referenceLengths.front();
    for (const std::size_t length : referenceLengths) {
        if (distance(length) < distance(closest) || (distance(length) == distance(closest) && length < closest))
            closest = length;
    }
    return closest;
}

// sacreBLEU's my_log: log(0) floored to a huge negative number instead of -inf, so a zero
// precision drives the score to 0 without producing NaN.
double flooredLog(double value)
{
    return value == 0.0 ? -9999999999.0 : std::log(value);
}

double defaultSmoothValue(BleuSmoothing smoothing)
{
    return smoothing == BleuSmoothing::AddK ? 1.0 : 0.1;
}

// sacreBLEU's BLEU.compute_bleu on summed sufficient statistics.
void computeScore(BleuResult& result, const BleuOptions& options)
{
    const double hypothesisLength = static_cast<double>(result.hypothesisLength);
    const double referenceLength = static_cast<double>(result.referenceLength);
    if (result.hypothesisLength < result.referenceLength)
        result.brevityPenalty = result.hypothesisLength > 0 ? std::exp(1.0 - referenceLength / hypothesisLength) : 0.0;
    else
        result.brevityPenalty = 1.0;

    result.precisions.fill(0.0);
    const auto positive = [](std::size_t matches) { return matches > 0; };
    const bool anyMatch = std::any_of(result.matches.begin(), result.matches.end(), positive);
    if (!anyMatch) {
        result.score = 0.0;
        return;
    }

    const double smoothValue = options.smoothValue.value_or(defaultSmoothValue(options.smoothing));
    // Exp smoothing (Chen & Cherry method 3, NIST's mteval): the k-th order with no matches gets
    // precision 1 / (2^k * total). A single missing 4-gram match would otherwise zero the whole
    // geometric mean; halving per further empty order still ranks "fewer empty orders" higher.
    double expDenominator = 1.0;
    std::size_t effectiveOrder = kBleuMaxNgramOrder;
    for (std::size_t n = 1; n <= kBleuMaxNgramOrder; ++n) {
        double matches = static_cast<double>(result.matches[n - 1]);
        double total = static_cast<double>(result.totals[n - 1]);
        if (options.smoothing == BleuSmoothing::AddK && n > 1) {
            matches += smoothValue;
            total += smoothValue;
        }
        // Hypotheses too short to have any n-gram of this order: the precision stays 0 (so the
        // score is 0) unless effective order drops this and the higher orders from the mean.
        if (total == 0.0) break;
        if (options.effectiveOrder) effectiveOrder = n;

        double& precision = result.precisions[n - 1];
        if (matches == 0.0) {
            if (options.smoothing == BleuSmoothing::Exp) {
                expDenominator *= 2.0;
                precision = 100.0 / (expDenominator * total);
            } else if (options.smoothing == BleuSmoothing::Floor) {
                precision = 100.0 * smoothValue / total;
            }
        } else {
            precision = 100.0 * matches / total;
        }
    }

    double logSum = 0.0;
    for (std::size_t n = 0; n < effectiveOrder; ++n) logSum += flooredLog(result.precisions[n]);
    result.score = result.brevityPenalty * std::exp(logSum / static_cast<double>(effectiveOrder));
}

}  // namespace

BleuResult corpusBleu(const std::vector<std::string>& hypotheses,
                      const std::vector<std::vector<std::string>>& referenceStreams, const BleuOptions& options)
{
    if (referenceStreams.empty()) throw std::invalid_argument("corpusBleu: no reference stream given");
    for (std::size_t stream = 0; stream < referenceStreams.size(); ++stream) {
        if (referenceStreams[stream].size() != hypotheses.size()) {
            throw std::invalid_argument("corpusBleu: reference stream " + std::to_string(stream) + " has " +
                                        std::to_string(referenceStreams[stream].size()) + " segments but there are " +
                                        std::to_string(hypotheses.size()) + " hypotheses");
        }
    }

    BleuResult result;
    for (std::size_t segment = 0; segment < hypotheses.size(); ++segment) {
        // Since sacreBLEU 2.2 an empty string is a real reference of length 0 (2.0 and 2.1 dropped
        // it); a segment whose references are all empty scores no matches, and its reference
        // length is 0.
        std::vector<const std::string*> references;
        for (const auto& stream : referenceStreams) references.push_back(&stream[segment]);

        SegmentVocabulary vocabulary;
        const ReferenceInfo info = referenceInfo(references, vocabulary, options);
        const std::vector<std::uint32_t> tokens = vocabulary.encode(preprocess(hypotheses[segment], options));
        result.hypothesisLength += tokens.size();
        result.referenceLength += closestReferenceLength(tokens.size(), info.lengths);

        auto ceiling = info.maxCounts.begin();
        for (const auto& [ngram, count] : countNgrams(tokens)) {
            const std::size_t order = orderOf(ngram);
            result.totals[order - 1] += count;
            // Clipping: an n-gram is credited at most as often as the most generous single
            // reference contains it, so repeating a correct word earns nothing.
            while (ceiling != info.maxCounts.end() && ceiling->ngram < ngram) ++ceiling;
            if (ceiling != info.maxCounts.end() && ceiling->ngram == ngram)
                result.matches[order - 1] += std::min(count, ceiling->count);
        }
    }
    computeScore(result, options);
    return result;
}

BleuOptions sentenceBleuOptions()
{
    BleuOptions options;
    options.effectiveOrder = true;
    return options;
}

BleuResult sentenceBleu(const std::string& hypothesis, const std::vector<std::string>& references,
                        const BleuOptions& options)
{
    std::vector<std::vector<std::string>> streams;
    streams.reserve(references.size());
    for (const std::string& reference : references) streams.push_back({reference});
    return corpusBleu({hypothesis}, streams, options);
}

}  // namespace megatoken
