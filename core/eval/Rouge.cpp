#include "core/eval/Rouge.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

#include "core/eval/RougeTokenizer.h"

namespace megatoken {

namespace {

using Tokens = std::vector<std::string>;

RougeScore makeScore(double precision, double recall)
{
    RougeScore score;
    score.precision = precision;
    score.recall = recall;
    score.fmeasure = precision + recall > 0.0 ? 2.0 * precision * recall / (precision + recall) : 0.0;
    return score;
}

std::unordered_map<std::string, std::size_t> countNgrams(const Tokens& tokens, std::size_t n)
{
    std::unordered_map<std::string, std::size_t> counts;
    for (std::size_t start = 0; start + n <= tokens.size(); ++start) {
        std::string key = tokens[start];
        for (std::size_t k = 1; k < n; ++k) key += ' ' + tokens[start + k];
        ++counts[key];
    }
    return counts;
}

// rouge_score's _score_ngrams: clipped overlap; an empty side divides by 1, giving 0.
RougeScore scoreNgrams(const Tokens& target, const Tokens& prediction, std::size_t n)
{
    const auto targetCounts = countNgrams(target, n);
    const auto predictionCounts = countNgrams(prediction, n);
    std::size_t overlap = 0;
    std::size_t targetTotal = 0;
    std::size_t predictionTotal = 0;
    for (const auto& [ngram, count] : targetCounts) {
        targetTotal += count;
        const auto hit = predictionCounts.find(ngram);
        if (hit != predictionCounts.end()) overlap += std::min(count, hit->second);
    }
    for (const auto& entry : predictionCounts) predictionTotal += entry.second;
    return makeScore(static_cast<double>(overlap) / static_cast<double>(std::max<std::size_t>(predictionTotal, 1)),
                     static_cast<double>(overlap) / static_cast<double>(std::max<std::size_t>(targetTotal, 1)));
}

// The full (|a|+1) x (|b|+1) LCS table, for the backtrack; ROUGE-Lsum builds it per sentence
// pair, so it stays small.
class LcsTable {
public:
    LcsTable(const Tokens& a, const Tokens& b) : columns_(b.size() + 1), cells_((a.size() + 1) * (b.size() + 1), 0)
    {
        for (std::size_t i = 1; i <= a.size(); ++i)
            for (std::size_t j = 1; j <= b.size(); ++j)
                at(i, j) = a[i - 1] == b[j - 1] ? at(i - 1, j - 1) + 1 : std::max(at(i - 1, j), at(i, j - 1));
    }
    std::size_t at(std::size_t i, std::size_t j) const { return cells_[i * columns_ + j]; }

private:
    std::size_t& at(std::size_t i, std::size_t j) { return cells_[i * columns_ + j]; }
    std::size_t columns_;
    std::vector<std::size_t> cells_;
};

// Indices into `target` of one LCS with `prediction`. Which LCS is picked matters for the
// union in ROUGE-Lsum, so the tie-breaking is rouge_score's _backtrack_norec, step for step.
std::vector<std::size_t> lcsTargetIndices(const Tokens& target, const Tokens& prediction)
{
    const LcsTable table(target, prediction);
    std::vector<std::size_t> indices;
    std::size_t i = target.size();
    std::size_t j = prediction.size();
    while (i > 0 && j > 0) {
        if (target[i - 1] == prediction[j - 1]) {
            indices.push_back(i - 1);
            --i;
            --j;
        } else if (table.at(i, j - 1) > table.at(i - 1, j)) {
            --j;
        } else {
            --i;
        }
    }
    std::reverse(indices.begin(), indices.end());
    return indices;
}

// LCS length alone needs only two rows of the table, which keeps ROUGE-L on long documents
// linear in memory (a full table for two 5,000-token texts would take 200 MB).
std::size_t lcsLength(const Tokens& a, const Tokens& b)
{
    std::vector<std::size_t> previous(b.size() + 1, 0);
    std::vector<std::size_t> current(b.size() + 1, 0);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j)
            current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : std::max(previous[j], current[j - 1]);
        std::swap(previous, current);
    }
    return previous[b.size()];
}

// rouge_score's _score_lcs.
RougeScore scoreLcs(const Tokens& target, const Tokens& prediction)
{
    if (target.empty() || prediction.empty()) return {};
    const double lcs = static_cast<double>(lcsLength(target, prediction));
    return makeScore(lcs / static_cast<double>(prediction.size()), lcs / static_cast<double>(target.size()));
}

std::size_t tokenCount(const std::vector<Tokens>& sentences)
{
    std::size_t count = 0;
    for (const Tokens& sentence : sentences) count += sentence.size();
    return count;
}

std::map<std::string, std::size_t> tokenHistogram(const std::vector<Tokens>& sentences)
{
    std::map<std::string, std::size_t> histogram;
    for (const Tokens& sentence : sentences)
        for (const std::string& token : sentence) ++histogram[token];
    return histogram;
}

// rouge_score's _summary_level_lcs (ROUGE paper, section 3.2): each target sentence is matched
// against every prediction sentence and the LCS hits are united, so content the prediction
// spreads over several sentences still counts. Hits are then charged against per-token budgets
// on both sides (as ROUGE-1.5.5 does), so no token is credited more often than it occurs.
RougeScore scoreSummaryLevelLcs(const std::vector<Tokens>& targetSentences,
                                const std::vector<Tokens>& predictionSentences)
{
    if (targetSentences.empty() || predictionSentences.empty()) return {};
    const std::size_t targetTokens = tokenCount(targetSentences);
    const std::size_t predictionTokens = tokenCount(predictionSentences);
    if (targetTokens == 0 || predictionTokens == 0) return {};

    auto targetBudget = tokenHistogram(targetSentences);
    auto predictionBudget = tokenHistogram(predictionSentences);
    std::size_t hits = 0;
    for (const Tokens& targetSentence : targetSentences) {
        std::set<std::size_t> unionIndices;
        for (const Tokens& predictionSentence : predictionSentences) {
            const auto indices = lcsTargetIndices(targetSentence, predictionSentence);
            unionIndices.insert(indices.begin(), indices.end());
        }
        for (const std::size_t index : unionIndices) {
            const std::string& token = targetSentence[index];
            std::size_t& fromPrediction = predictionBudget[token];
            std::size_t& fromTarget = targetBudget[token];
            if (fromPrediction > 0 && fromTarget > 0) {
                ++hits;
                --fromPrediction;
                --fromTarget;
            }
        }
    }
    return makeScore(static_cast<double>(hits) / static_cast<double>(predictionTokens),
                     static_cast<double>(hits) / static_cast<double>(targetTokens));
}

// rougeLsum's sentences: the non-empty lines.
std::vector<Tokens> tokenizeLines(const std::string& text)
{
    std::vector<Tokens> sentences;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        if (end > start) sentences.push_back(rougeTokenize(std::string_view(text).substr(start, end - start)));
        start = end + 1;
    }
    return sentences;
}

void accumulate(RougeScore& sum, const RougeScore& score)
{
    sum.precision += score.precision;
    sum.recall += score.recall;
    sum.fmeasure += score.fmeasure;
}

void divide(RougeScore& sum, double count)
{
    sum.precision /= count;
    sum.recall /= count;
    sum.fmeasure /= count;
}

}  // namespace

RougeScores rouge(const std::string& target, const std::string& prediction)
{
    const Tokens targetTokens = rougeTokenize(target);
    const Tokens predictionTokens = rougeTokenize(prediction);
    RougeScores scores;
    scores.rouge1 = scoreNgrams(targetTokens, predictionTokens, 1);
    scores.rouge2 = scoreNgrams(targetTokens, predictionTokens, 2);
    scores.rougeL = scoreLcs(targetTokens, predictionTokens);
    scores.rougeLsum = scoreSummaryLevelLcs(tokenizeLines(target), tokenizeLines(prediction));
    return scores;
}

RougeScores rougeMulti(const std::vector<std::string>& targets, const std::string& prediction)
{
    if (targets.empty()) throw std::invalid_argument("rougeMulti: no targets");
    std::vector<RougeScores> each;
    each.reserve(targets.size());
    for (const auto& target : targets) each.push_back(rouge(target, prediction));
    // np.argmax: the first target with the highest F-measure, per ROUGE type.
    const auto best = [&](RougeScore RougeScores::*type) {
        std::size_t index = 0;
        for (std::size_t i = 1; i < each.size(); ++i)
            if ((each[i].*type).fmeasure > (each[index].*type).fmeasure) index = i;
        return each[index].*type;
    };
    return {best(&RougeScores::rouge1), best(&RougeScores::rouge2), best(&RougeScores::rougeL),
            best(&RougeScores::rougeLsum)};
}

RougeScores rougeCorpusMeanMultiReference(const std::vector<std::vector<std::string>>& referenceStreams,
                                          const std::vector<std::string>& predictions)
{
    if (referenceStreams.empty()) throw std::invalid_argument("rougeCorpusMeanMultiReference: no reference stream");
    for (const auto& stream : referenceStreams) {
        if (stream.size() != predictions.size()) {
            throw std::invalid_argument("rougeCorpusMeanMultiReference: a stream of " + std::to_string(stream.size()) +
                                        " references but " + std::to_string(predictions.size()) + " predictions");
        }
    }
    RougeScores mean;
    if (predictions.empty()) return mean;
    std::vector<std::string> targets(referenceStreams.size());
    for (std::size_t i = 0; i < predictions.size(); ++i) {
        for (std::size_t k = 0; k < referenceStreams.size(); ++k) targets[k] = referenceStreams[k][i];
        const RougeScores scores = rougeMulti(targets, predictions[i]);
        accumulate(mean.rouge1, scores.rouge1);
        accumulate(mean.rouge2, scores.rouge2);
        accumulate(mean.rougeL, scores.rougeL);
        accumulate(mean.rougeLsum, scores.rougeLsum);
    }
    const double count = static_cast<double>(predictions.size());
    divide(mean.rouge1, count);
    divide(mean.rouge2, count);
    divide(mean.rougeL, count);
    divide(mean.rougeLsum, count);
    return mean;
}

RougeScores rougeCorpusMean(const std::vector<std::string>& targets, const std::vector<std::string>& predictions)
{
    if (targets.size() != predictions.size()) {
        throw std::invalid_argument("rougeCorpusMean: " + std::to_string(targets.size()) + " targets but " +
                                    std::to_string(predictions.size()) + " predictions");
    }
    return rougeCorpusMeanMultiReference({targets}, predictions);
}

}  // namespace megatoken
