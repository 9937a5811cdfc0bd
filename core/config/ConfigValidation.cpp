#include "core/config/ConfigValidation.h"

#include <algorithm>
#include <regex>
#include <string>
#include <utility>

#include "core/config/ConfigKeys.h"
#include "core/config/ConfigValue.h"
#include "core/config/EnumNames.h"
#include "core/io/NumberFormat.h"

namespace megatoken {

namespace {

// Ranges, and names of string-valued choices (preset, data.format) that code may have set freely.
void checkTable(const RunConfig& config, std::vector<ConfigIssue>& issues)
{
    for (const ConfigKey& key : configKeys()) {
        const nlohmann::json value = key.get(config);
        if (key.range.isBounded() && !key.range.contains(value.get<double>()))
            issues.push_back(
                {key.name, "must be " + key.range.describe() + " (got " + formatConfigValue(key, value) + ")"});
        if (key.type == ConfigValueType::Enum && std::find(key.allowedValues.begin(), key.allowedValues.end(),
                                                           value.get<std::string>()) == key.allowedValues.end())
            issues.push_back({key.name, "must be " + expectedValueDescription(key) + " (got " + value.dump() + ")"});
    }
}

void checkModel(const RunConfig& config, std::vector<ConfigIssue>& issues)
{
    const ModelConfig& model = config.model;
    // T5's bucketing takes log(distance / exact) with exact = buckets / 2 in the causal decoder.
    if (model.relativeBuckets >= 4 && model.relativeMaxDistance <= model.relativeBuckets / 2)
        issues.push_back({"model.relative_max_distance",
                          "must exceed model.relative_buckets / 2 = " + std::to_string(model.relativeBuckets / 2) +
                              ", where T5's logarithmic buckets start (got " +
                              std::to_string(model.relativeMaxDistance) + ")"});
    if (model.vocabSize >= 1 && model.padId >= model.vocabSize)
        issues.push_back({"model.pad_id", "must be below model.vocab_size = " + std::to_string(model.vocabSize)});
    if (model.vocabSize >= 1 && model.eosId >= model.vocabSize)
        issues.push_back({"model.eos_id", "must be below model.vocab_size = " + std::to_string(model.vocabSize)});
}

void checkGates(const RunConfig& config, std::vector<ConfigIssue>& issues)
{
    const GateConfig& gates = config.model.gates;
    if (!config.run.initFrom.empty() && gates.resetElement0)
        issues.push_back({"gates.reset_element0",
                          "must be off with run.init_from: it would zero element 0 of the pretrained hidden states "
                          "before each gated block (use gates.source=element0 without the reset)"});
    if (gates.every > 0 && gates.first >= config.model.encoderLayers)
        issues.push_back(
            {"gates.first", "must be below model.encoder_layers = " + std::to_string(config.model.encoderLayers) +
                                " when gates are on (gates.every > 0), or no gate would exist (got " +
                                std::to_string(gates.first) + ")"});
    // Combinations of the gate mechanisms (docs/gate-mechanisms.md) that make no sense.
    if (gates.keep == GateKeep::Quantile && gates.rule != GateRule::Learned)
        issues.push_back(
            {"gates.keep", "must be threshold with a fixed rule (gates.rule=" + std::string(enumName(gates.rule)) +
                               "): the rules already keep an exact share of every row"});
    if (gates.merge != GateMerge::None && !gates.straightThrough)
        issues.push_back({"gates.merge", "needs gates.straight_through=true: merging acts on the hard decision, "
                                         "and training with the soft mask (straight_through=false) would read "
                                         "merged tokens whose originals are still visible"});
    if (gates.merge != GateMerge::None && gates.rule == GateRule::StridePool)
        issues.push_back({"gates.merge", "must be none with gates.rule=stride, which pools its segments itself"});
    if (gates.form == GateForm::MrT5 && !(gates.threshold > gates.mrt5K && gates.threshold < 0))
        issues.push_back({"gates.threshold", "must lie in (gates.mrt5_k, 0) = (" + numberText(gates.mrt5K) +
                                                 ", 0) with gates.form=mrt5, or every token or none is dropped; "
                                                 "MrT5 uses mrt5_k / 2 = " +
                                                 numberText(gates.mrt5K / 2) + " (got " + numberText(gates.threshold) +
                                                 ")"});
}

void checkData(const RunConfig& config, std::vector<ConfigIssue>& issues)
{
    const DataConfig& data = config.data;
    if (config.model.absolutePositions && data.maxTokens > config.model.maxPositions)
        issues.push_back({"data.max_tokens",
                          "must be <= model.max_positions = " + std::to_string(config.model.maxPositions) +
                              " while model.absolute_positions is on (got " + std::to_string(data.maxTokens) + ")"});
    if (data.minTokens > data.maxTokens)
        issues.push_back({"data.min_tokens", "must be <= data.max_tokens = " + std::to_string(data.maxTokens) +
                                                 " (got " + std::to_string(data.minTokens) + ")"});
    if (data.format == "jsonl" && data.field.empty())
        issues.push_back({"data.field", "must name the JSON key holding the text when data.format is jsonl"});
}

void checkLoss(const RunConfig& config, std::vector<ConfigIssue>& issues)
{
    const LossConfig& loss = config.loss;
    if (loss.lambdaMin > loss.lambdaMax)
        issues.push_back({"loss.lambda_min", "must be <= loss.lambda_max = " + numberText(loss.lambdaMax)});
}

void checkRun(const RunConfig& config, std::vector<ConfigIssue>& issues)
{
    const RunSettings& run = config.run;
    static const std::regex device("auto|cpu|cuda|cuda:[0-9]+");
    if (!std::regex_match(run.device, device))
        issues.push_back({"run.device", "must be auto, cpu, cuda or cuda:N (got \"" + run.device + "\")"});
    if (run.name.find_first_of("/\\") != std::string::npos || run.name == "." || run.name == "..")
        issues.push_back({"run.name", "must be a plain directory name, without / or \\ (got \"" + run.name + "\")"});
    if (run.runsDirectory.empty())
        issues.push_back({"run.runs_directory", "must not be empty (use \".\" for the current directory)"});
    if (config.model.absolutePositions && run.decodeMaxLength > config.model.maxPositions)
        issues.push_back(
            {"run.decode_max_length", "must be <= model.max_positions = " + std::to_string(config.model.maxPositions) +
                                          " while model.absolute_positions is on (got " +
                                          std::to_string(run.decodeMaxLength) + ")"});
}

}  // namespace

std::vector<ConfigIssue> validate(const RunConfig& config)
{
    std::vector<ConfigIssue> issues;
    checkTable(config, issues);
    checkModel(config, issues);
    checkGates(config, issues);
    checkData(config, issues);
    checkLoss(config, issues);
    checkRun(config, issues);
    return issues;
}

void validateOrThrow(const RunConfig& config)
{
    std::vector<ConfigIssue> issues = validate(config);
    if (!issues.empty()) throw ConfigError(std::move(issues));
}

}  // namespace megatoken
