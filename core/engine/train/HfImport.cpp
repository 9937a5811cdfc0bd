#include "core/engine/train/HfImport.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "core/config/ConfigValidation.h"
#include "core/config/Presets.h"
#include "core/config/RunConfigJson.h"
#include "core/engine/model/HfT5Weights.h"
#include "core/engine/model/MegatokenModel.h"
#include "core/engine/train/Checkpoint.h"
#include "core/engine/train/RunLoader.h"
#include "core/feedback/Feedback.h"
#include "core/hf/HfError.h"
#include "core/hf/T5Config.h"
#include "core/io/AtomicFile.h"
#include "core/io/Safetensors.h"
#include "core/runs/CheckpointFiles.h"
#include "core/runs/RunStatus.h"
#include "core/tokenizer/Tokenizer.h"

namespace megatoken {
namespace fs = std::filesystem;
namespace {

nlohmann::json readJsonFile(const std::string& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in) throw HfError(file + ": cannot read (no such file?); a Hugging Face model folder has config.json");
    std::ostringstream content;
    content << in.rdbuf();
    try {
        return nlohmann::json::parse(content.str());
    } catch (const nlohmann::json::exception& e) {
        throw HfError(file + ": not valid JSON: " + e.what());
    }
}

// The T5 fields that fix the shape of the weights; a "megatoken" run config must agree on them.
bool sameShape(const ModelConfig& a, const ModelConfig& b)
{
    return a.vocabSize == b.vocabSize && a.dModel == b.dModel && a.numHeads == b.numHeads && a.dKv == b.dKv &&
           a.dFf == b.dFf && a.encoderLayers == b.encoderLayers && a.decoderLayers == b.decoderLayers &&
           a.feedForward == b.feedForward && a.tiedHead == b.tiedHead && a.relativeBuckets == b.relativeBuckets &&
           a.relativeMaxDistance == b.relativeMaxDistance && a.padId == b.padId && a.eosId == b.eosId;
}

// Removes a half-made run directory unless dismissed.
struct RemoveOnFailure {
    fs::path path;
    bool armed = true;
    ~RemoveOnFailure()
    {
        if (!armed) return;
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
};

}  // namespace

HfImportResult importHfFolder(const std::string& folder, const std::string& runDirectory, Feedback* feedback)
{
    if (!fs::is_directory(folder)) throw HfError(folder + ": no such folder (a Hugging Face model folder)");
    const std::string configFile = (fs::path(folder) / "config.json").string();
    const nlohmann::json hfConfig = readJsonFile(configFile);
    HfImportResult result;
    RunConfig& config = result.config;
    config.preset = kImportedPreset;
    config.model = modelConfigFromT5Json(hfConfig, configFile);
    if (const auto ours = hfConfig.find("megatoken"); ours != hfConfig.end()) {
        // Our own export: the run's config (gates, decoder window) comes back with it.
        RunConfig exported;
        try {
            exported = fromJson(*ours, preset("tiny"));
        } catch (const std::exception& e) {
            throw HfError(configFile + ": its \"megatoken\" run config is invalid: " + e.what());
        }
        if (!sameShape(exported.model, config.model))
            throw HfError(configFile +
                          ": its \"megatoken\" run config disagrees with the T5 fields on the model's shape");
        exported.run.name.clear();
        config = exported;
    }

    const std::string spiece = (fs::path(folder) / "spiece.model").string();
    if (!fs::exists(spiece))
        throw HfError(spiece + ": missing; a T5 folder carries its sentencepiece tokenizer as spiece.model");
    const Tokenizer tokenizer = Tokenizer::load(spiece);
    result.tokenizerPieces = tokenizer.vocabSize();
    if (tokenizer.vocabSize() > config.model.vocabSize)
        throw HfError(spiece + ": the tokenizer has " + std::to_string(tokenizer.vocabSize()) +
                      " pieces, more than the model's vocab_size " + std::to_string(config.model.vocabSize) + " (" +
                      configFile + ")");
    if (tokenizer.padId() != config.model.padId || tokenizer.eosId() != config.model.eosId)
        throw HfError(spiece + ": the tokenizer's pad/eos ids " + std::to_string(tokenizer.padId()) + "/" +
                      std::to_string(tokenizer.eosId()) + " differ from config.json's pad_token_id/eos_token_id " +
                      std::to_string(config.model.padId) + "/" + std::to_string(config.model.eosId));
    config.tokenizer.model.clear();
    config.tokenizer.vocabSize = tokenizer.vocabSize();
    config.run.name = fs::path(runDirectory).filename().string();
    config.run.runsDirectory = fs::path(runDirectory).parent_path().string();
    validateOrThrow(config);

    if (!fs::exists(fs::path(folder) / "model.safetensors") &&
        !fs::exists(fs::path(folder) / "model.safetensors.index.json") &&
        fs::exists(fs::path(folder) / "pytorch_model.bin"))
        throw HfError(folder + ": holds pytorch_model.bin only; import-hf reads safetensors. Convert it once with "
                               "transformers: T5ForConditionalGeneration.from_pretrained(DIR).save_pretrained(NEW_DIR) "
                               "writes model.safetensors");
    const SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint::openFolder(folder);
    result.weightFiles = checkpoint.files();
    if (feedback) feedback->throwIfCancelled();

    MegatokenModel model(config.model);
    loadT5Weights(model, checkpoint, folder);
    for (const auto& p : model->parameters()) result.parameterCount += p.numel();
    if (feedback) feedback->throwIfCancelled();

    if (fs::exists(runDirectory)) throw HfError(runDirectory + ": already exists; choose another --name");
    const fs::path target(runDirectory);
    const fs::path staging =
        target.parent_path() / (".import-" + target.filename().string() + "-" + std::to_string(::getpid()));
    std::error_code error;
    fs::create_directories(staging / "checkpoints", error);
    if (error) throw FileWriteError(staging.string(), "cannot create (" + error.message() + ")");
    RemoveOnFailure cleanup{staging};

    saveConfigFile(config, (staging / "config.json").string());
    copyFileAtomically(spiece, (staging / "tokenizer.model").string());
    CheckpointState state;
    state.configJson = configJsonText(config);
    state.tokenizerModel = tokenizer.serializedModel();
    saveCheckpoint((staging / "checkpoints" / "step-00000000.pt").string(), model, nullptr, state);
    RunStatus status;
    status.state = std::string(kRunStateImported);
    status.message = "imported from " + fs::absolute(folder).lexically_normal().string();
    writeRunStatus(staging.string(), status);

    fs::rename(staging, target, error);
    if (error) throw FileWriteError(runDirectory, "cannot create (" + error.message() + ")");
    cleanup.armed = false;
    result.runDirectory = runDirectory;
    result.checkpoint = (target / "checkpoints" / "step-00000000.pt").string();
    if (feedback) feedback->setProgress(1.0);
    return result;
}

void exportHfRun(const std::string& runDirectory, const std::string& outFolder, const std::string& checkpoint,
                 bool overwrite)
{
    std::error_code error;
    const fs::path target = fs::absolute(outFolder).lexically_normal();
    const fs::path out = target.filename().empty() ? target.parent_path() : target;
    const bool exists = fs::exists(out, error);
    if (exists && !fs::is_directory(out, error)) throw HfError(outFolder + ": exists and is not a folder");
    if (exists && !fs::is_empty(out, error) && !overwrite)
        throw HfError(outFolder +
                      ": exists and is not empty; choose a new folder, or replace it whole with --overwrite");
    LoadedRun run = loadRun(runDirectory, checkpoint);
    nlohmann::json hfConfig = t5JsonFromModelConfig(run.config.model, outFolder);
    hfConfig["megatoken"] = toJson(run.config);

    // Written beside the target under a temporary name, then renamed into place: a failed export
    // leaves no half folder, and --overwrite never mixes files of two models.
    const fs::path staging =
        out.parent_path() / (".export-" + out.filename().string() + "-" + std::to_string(::getpid()));
    fs::create_directories(staging, error);
    if (error) throw FileWriteError(staging.string(), "cannot create (" + error.message() + ")");
    RemoveOnFailure cleanup{staging};
    writeT5Weights(*run.model, (staging / "model.safetensors").string());
    writeFileAtomically((staging / "spiece.model").string(), run.tokenizer->serializedModel());
    writeFileAtomically((staging / "config.json").string(), hfConfig.dump(2) + "\n");
    if (exists) {
        const fs::path old =
            out.parent_path() / (".replaced-" + out.filename().string() + "-" + std::to_string(::getpid()));
        fs::rename(out, old, error);
        if (error) throw FileWriteError(outFolder, "cannot replace (" + error.message() + ")");
        fs::rename(staging, out, error);
        if (error) {
            std::error_code ignored;
            fs::rename(old, out, ignored);  // put the earlier folder back
            throw FileWriteError(outFolder, "cannot replace (" + error.message() + ")");
        }
        fs::remove_all(old, error);
    } else {
        fs::rename(staging, out, error);
        if (error) throw FileWriteError(outFolder, "cannot create (" + error.message() + ")");
    }
    cleanup.armed = false;
}

void writeHfReference(const std::string& runDirectory, const std::string& inputsFile, const std::string& outFile,
                      const std::string& checkpoint)
{
    LoadedRun run = loadRun(runDirectory, checkpoint);
    t5JsonFromModelConfig(run.config.model, outFile);  // throws when the model cannot be a T5
    ModelConfig asT5 = run.config.model;
    asT5.gates.every = 0;
    asT5.decoderWindow = 0;
    MegatokenModel model(asT5);
    loadWeightsPartially(run.checkpoint, model);
    model->eval();

    const SafetensorsFile inputs = SafetensorsFile::open(inputsFile);
    const auto readIds = [&](const char* name) {
        const SafetensorsTensor* t = inputs.find(name);
        if (!t || t->dtype != "I64" || t->shape.size() != 2)
            throw SafetensorsError(inputsFile + ": tensor '" + name + "': expected an I64 tensor [B, L]");
        auto out = torch::empty(t->shape, torch::kLong);
        inputs.readBytes(*t, out.data_ptr());
        return out;
    };
    const auto ids = readIds("input_ids");
    const auto mask = readIds("attention_mask");
    if (ids.sizes() != mask.sizes())
        throw SafetensorsError(inputsFile + ": input_ids and attention_mask differ in shape");
    if (ids.min().item<std::int64_t>() < 0 || ids.max().item<std::int64_t>() >= asT5.vocabSize)
        throw SafetensorsError(inputsFile + ": tensor 'input_ids': ids outside the model's vocabulary");
    torch::NoGradGuard noGrad;
    const auto encoded = model->encode(ids, MaskMode::Soft);
    const auto logits = model->decodeLogits(model->shiftRight(ids), encoded).contiguous();
    const auto hidden = encoded.hidden.contiguous();
    const auto idsFloat = ids.to(torch::kFloat).contiguous(), maskFloat = mask.to(torch::kFloat).contiguous();
    const auto shape = [](const torch::Tensor& t) {
        return std::vector<std::int64_t>(t.sizes().begin(), t.sizes().end());
    };
    writeSafetensors(outFile,
                     {{"input_ids", shape(idsFloat), idsFloat.data_ptr<float>()},
                      {"attention_mask", shape(maskFloat), maskFloat.data_ptr<float>()},
                      {"encoder_hidden", shape(hidden), hidden.data_ptr<float>()},
                      {"logits", shape(logits), logits.data_ptr<float>()}},
                     {{"format", "pt"}, {"run", runDirectory}});
}

}  // namespace megatoken
