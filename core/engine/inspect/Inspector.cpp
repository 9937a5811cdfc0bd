#include "core/engine/inspect/Inspector.h"

#include <torch/torch.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <sstream>

#include "core/compression/KeepRatioTarget.h"
#include "core/config/CorpusSpecFromConfig.h"
#include "core/config/RunConfigJson.h"
#include "core/data/Split.h"
#include "core/data/TextReader.h"
#include "core/engine/inspect/InspectText.h"
#include "core/engine/train/RunLoader.h"
#include "core/feedback/ModelSnapshot.h"
#include "core/tokenizer/Tokenizer.h"

namespace megatoken {

struct Inspector::State {
    RunConfig config;
    std::optional<Tokenizer> tokenizer;
    std::optional<MegatokenModel> model;
    std::int64_t step = 0;
    std::string description;
};

Inspector::Inspector(std::unique_ptr<State> state) : state_(std::move(state)) {}
Inspector::~Inspector() = default;

std::unique_ptr<Inspector> Inspector::fromRun(const std::string& runDirectory, const std::string& checkpoint)
{
    LoadedRun run = loadRun(runDirectory, checkpoint, torch::kCPU);
    auto state = std::make_unique<State>();
    state->config = run.config;
    state->tokenizer = std::move(run.tokenizer);
    state->model = std::move(run.model);
    state->step = run.step;
    state->description = std::filesystem::path(runDirectory).filename().string() + ", step " + std::to_string(run.step);
    return std::unique_ptr<Inspector>(new Inspector(std::move(state)));
}

std::unique_ptr<Inspector> Inspector::fromSnapshot(const ModelSnapshot& snapshot)
{
    auto state = std::make_unique<State>();
    state->config = fromJson(nlohmann::json::parse(snapshot.configJson), RunConfig{});
    state->tokenizer = Tokenizer::fromSerialized(snapshot.tokenizerModel, "the live run's tokenizer");
    state->model.emplace(state->config.model);
    std::istringstream bytes(snapshot.weights);
    torch::serialize::InputArchive archive;
    archive.load_from(bytes);
    (*state->model)->load(archive);
    (*state->model)->eval();
    (*state->model)->encoder->setKeepTarget(KeepRatioTarget(state->config.loss).final());  // fixed-rule gates
    state->step = snapshot.step;
    state->description = "live run " + std::filesystem::path(snapshot.runDirectory).filename().string() + ", step " +
                         std::to_string(snapshot.step);
    return std::unique_ptr<Inspector>(new Inspector(std::move(state)));
}

Inspection Inspector::inspect(const std::string& text, std::optional<double> threshold) const
{
    return inspectText(*state_->model, *state_->tokenizer, text, state_->config.data.maxTokens, torch::kCPU, threshold);
}

std::vector<std::string> Inspector::validationSample(std::size_t count, std::uint64_t seed) const
{
    auto texts = readAllTexts(corpusSpecFor(state_->config.data), nullptr, {},
                              static_cast<std::size_t>(state_->config.data.maxTexts));
    std::vector<std::string> validation = splitTexts(std::move(texts)).validation;
    std::mt19937_64 random(seed);
    std::shuffle(validation.begin(), validation.end(), random);
    if (validation.size() > count) validation.resize(count);
    return validation;
}

std::int64_t Inspector::step() const
{
    return state_->step;
}
std::string Inspector::description() const
{
    return state_->description;
}
double Inspector::defaultThreshold() const
{
    return state_->config.model.gates.threshold;
}
std::int64_t Inspector::maxTokens() const
{
    return state_->config.data.maxTokens;
}

}  // namespace megatoken
