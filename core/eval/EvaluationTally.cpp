#include "core/eval/EvaluationTally.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "core/eval/Bleu.h"
#include "core/eval/Rouge.h"

namespace megatoken {

void EvaluationTally::add(const EvaluationTally& other)
{
    if (other.keptSum.size() != keptSum.size())
        throw std::invalid_argument("evaluation tallies of " + std::to_string(keptSum.size()) + " and " +
                                    std::to_string(other.keptSum.size()) + " gates");
    if (other.freeRunning != freeRunning)
        throw std::invalid_argument("evaluation tallies with and without free-running decoding");
    tokens += other.tokens;
    correctHard += other.correctHard;
    correctSoft += other.correctSoft;
    correctFree += other.correctFree;
    crossEntropySum += other.crossEntropySum;
    softKeepRatioSum += other.softKeepRatioSum;
    for (std::size_t g = 0; g < keptSum.size(); ++g) keptSum[g] += other.keptSum[g];
    indices.insert(indices.end(), other.indices.begin(), other.indices.end());
    predictions.insert(predictions.end(), other.predictions.begin(), other.predictions.end());
}

std::vector<Prediction> predictionsInOrder(const EvaluationTally& tally)
{
    std::vector<std::size_t> order(tally.predictions.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return tally.indices[a] < tally.indices[b]; });
    std::vector<Prediction> ordered;
    ordered.reserve(order.size());
    for (std::size_t i : order) ordered.push_back(tally.predictions[i]);
    return ordered;
}

EvalMetrics metricsFrom(const EvaluationTally& tally)
{
    EvalMetrics m;
    const std::size_t count = tally.texts();
    m.texts = static_cast<std::int64_t>(count);
    const double n = std::max(1.0, tally.tokens);
    m.accuracyHard = tally.correctHard / n;
    m.accuracySoft = tally.correctSoft / n;
    m.crossEntropyHard = tally.crossEntropySum / n;
    m.accuracyFree = tally.correctFree / n;
    m.gateKept.resize(tally.keptSum.size());
    for (std::size_t g = 0; g < tally.keptSum.size(); ++g) m.gateKept[g] = tally.keptSum[g] / n;
    m.hardKeepRatio = m.gateKept.empty() ? 1.0 : m.gateKept.back();
    m.softKeepRatio = count ? tally.softKeepRatioSum / static_cast<double>(count) : 1.0;
    if (!count) return m;
    // Corpus order: BLEU and the ROUGE mean do not depend on it, but the order is the same as one
    // process's, so every sum is added in the same order too.
    const auto ordered = predictionsInOrder(tally);
    std::vector<std::string> references, teacher, free;
    for (const auto& p : ordered) {
        references.push_back(p.input);
        teacher.push_back(p.teacherForced);
        free.push_back(p.freeRunning);
    }
    const auto exact = [&](const std::vector<std::string>& outputs) {
        std::size_t same = 0;
        for (std::size_t i = 0; i < outputs.size(); ++i) same += outputs[i] == references[i] ? 1 : 0;
        return static_cast<double>(same) / static_cast<double>(outputs.size());
    };
    m.bleuTeacherForced = corpusBleu(teacher, {references}).score;
    m.rougeLTeacherForced = rougeCorpusMean(references, teacher).rougeL.fmeasure;
    m.exactMatchTeacherForced = exact(teacher);
    if (tally.freeRunning) {
        m.bleuFree = corpusBleu(free, {references}).score;
        m.rougeLFree = rougeCorpusMean(references, free).rougeL.fmeasure;
        m.exactMatchFree = exact(free);
    }
    return m;
}

nlohmann::json toJson(const EvaluationTally& tally)
{
    nlohmann::json predictions = nlohmann::json::array();
    for (const auto& p : tally.predictions)
        predictions.push_back({p.input, p.teacherForced, p.freeRunning, p.keptPieces});
    return {{"free_running", tally.freeRunning},
            {"tokens", tally.tokens},
            {"correct_hard", tally.correctHard},
            {"correct_soft", tally.correctSoft},
            {"correct_free", tally.correctFree},
            {"cross_entropy_sum", tally.crossEntropySum},
            {"soft_keep_ratio_sum", tally.softKeepRatioSum},
            {"kept_sum", tally.keptSum},
            {"indices", tally.indices},
            {"predictions", std::move(predictions)}};
}

EvaluationTally tallyFromJson(const nlohmann::json& json)
{
    try {
        EvaluationTally t;
        t.freeRunning = json.at("free_running").get<bool>();
        t.tokens = json.at("tokens").get<double>();
        t.correctHard = json.at("correct_hard").get<double>();
        t.correctSoft = json.at("correct_soft").get<double>();
        t.correctFree = json.at("correct_free").get<double>();
        t.crossEntropySum = json.at("cross_entropy_sum").get<double>();
        t.softKeepRatioSum = json.at("soft_keep_ratio_sum").get<double>();
        t.keptSum = json.at("kept_sum").get<std::vector<double>>();
        t.indices = json.at("indices").get<std::vector<std::size_t>>();
        for (const auto& p : json.at("predictions")) {
            const auto fields = p.get<std::vector<std::string>>();
            if (fields.size() != 4)
                throw std::invalid_argument("a prediction has " + std::to_string(fields.size()) + " fields, not 4");
            t.predictions.push_back({fields[0], fields[1], fields[2], fields[3]});
        }
        if (t.indices.size() != t.predictions.size())
            throw std::invalid_argument(std::to_string(t.indices.size()) + " indices for " +
                                        std::to_string(t.predictions.size()) + " predictions");
        return t;
    } catch (const nlohmann::json::exception& e) {
        throw std::invalid_argument(std::string("evaluation tally: ") + e.what());
    }
}

}  // namespace megatoken
