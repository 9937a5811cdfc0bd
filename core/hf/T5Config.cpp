#include "core/hf/T5Config.h"

#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>

#include "core/hf/HfError.h"

namespace megatoken {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& file, const std::string& problem)
{
    throw HfError(file + ": " + problem);
}

// An integer field >= minimum; `fallback` when absent or null (nullopt: required).
std::int64_t integer(const json& config, const std::string& file, const char* key, std::int64_t minimum,
                     std::optional<std::int64_t> fallback)
{
    const auto it = config.find(key);
    if (it == config.end() || it->is_null()) {
        if (!fallback) fail(file, std::string("field \"") + key + "\" is missing");
        return *fallback;
    }
    if (!it->is_number_integer())
        fail(file, std::string("field \"") + key + "\" must be an integer, not " + it->dump());
    // nlohmann stores integers beyond int64 as unsigned
    if (it->is_number_unsigned() && it->get<std::uint64_t>() > static_cast<std::uint64_t>(1) << 40)
        fail(file, std::string("field \"") + key + "\" = " + it->dump() + " is out of range");
    const auto value = it->get<std::int64_t>();
    if (value < minimum || value > (std::int64_t{1} << 40))
        fail(file, std::string("field \"") + key + "\" = " + it->dump() + " must be >= " + std::to_string(minimum));
    return value;
}

double number(const json& config, const std::string& file, const char* key, double minimum, double maximum,
              double fallback)
{
    const auto it = config.find(key);
    if (it == config.end() || it->is_null()) return fallback;
    if (!it->is_number()) fail(file, std::string("field \"") + key + "\" must be a number, not " + it->dump());
    const double value = it->get<double>();
    if (!(value >= minimum && value <= maximum))
        fail(file, std::string("field \"") + key + "\" = " + it->dump() + " is out of range");
    return value;
}

bool boolean(const json& config, const std::string& file, const char* key, bool fallback)
{
    const auto it = config.find(key);
    if (it == config.end() || it->is_null()) return fallback;
    if (!it->is_boolean()) fail(file, std::string("field \"") + key + "\" must be true or false, not " + it->dump());
    return it->get<bool>();
}

std::string text(const json& config, const std::string& file, const char* key, const std::string& fallback)
{
    const auto it = config.find(key);
    if (it == config.end() || it->is_null()) return fallback;
    if (!it->is_string()) fail(file, std::string("field \"") + key + "\" must be a string, not " + it->dump());
    return it->get<std::string>();
}

}  // namespace

ModelConfig modelConfigFromT5Json(const json& config, const std::string& file)
{
    if (!config.is_object()) fail(file, "not a JSON object");
    const std::string modelType = text(config, file, "model_type", "");
    if (modelType != "t5" && modelType != "mt5")
        fail(file, "model_type \"" + modelType + "\" is not a T5 model (t5 or mt5)");
    if (!boolean(config, file, "is_encoder_decoder", true)) fail(file, "is_encoder_decoder is false");

    ModelConfig model;
    model.vocabSize = integer(config, file, "vocab_size", 8, std::nullopt);
    model.dModel = integer(config, file, "d_model", 1, std::nullopt);
    model.dKv = integer(config, file, "d_kv", 1, std::nullopt);
    model.dFf = integer(config, file, "d_ff", 1, std::nullopt);
    model.numHeads = integer(config, file, "num_heads", 1, std::nullopt);
    model.encoderLayers = integer(config, file, "num_layers", 1, std::nullopt);
    model.decoderLayers = integer(config, file, "num_decoder_layers", 1, model.encoderLayers);
    model.relativeBuckets = integer(config, file, "relative_attention_num_buckets", 4, 32);
    model.relativeMaxDistance = integer(config, file, "relative_attention_max_distance", 1, 128);
    model.layerNormEpsilon = number(config, file, "layer_norm_epsilon", 0.0, 1.0, 1e-6);
    model.dropout = number(config, file, "dropout_rate", 0.0, 0.999, 0.1);
    // transformers 5 always ties and says in scale_decoder_outputs whether the head is T5 v1.0's
    // (shared embedding, scaled by d_model^-0.5); earlier versions said it in tie_word_embeddings. An
    // unscaled head reads lm_head.weight, or the shared embedding when the file has none
    // (HfT5Weights).
    const bool tied = boolean(config, file, "tie_word_embeddings", true);
    model.tiedHead = boolean(config, file, "scale_decoder_outputs", tied);
    model.padId = integer(config, file, "pad_token_id", 0, 0);
    model.eosId = integer(config, file, "eos_token_id", 0, 1);
    const std::int64_t start = integer(config, file, "decoder_start_token_id", 0, model.padId);
    if (start != model.padId)
        fail(file, "decoder_start_token_id " + std::to_string(start) + " differs from pad_token_id " +
                       std::to_string(model.padId) + "; only T5's convention (start = pad) is supported");
    if (model.padId >= model.vocabSize || model.eosId >= model.vocabSize)
        fail(file, "pad_token_id or eos_token_id is not below vocab_size " + std::to_string(model.vocabSize));

    const std::string projection = text(config, file, "feed_forward_proj", "relu");
    if (projection == "relu")
        model.feedForward = FeedForwardKind::Relu;
    else if (projection == "gated-gelu")
        model.feedForward = FeedForwardKind::GatedGelu;
    else
        fail(file, "feed_forward_proj \"" + projection + "\" is not supported (supported: \"relu\", \"gated-gelu\")");

    // As Hugging Face runs it.
    model.absolutePositions = false;
    model.scaledAttention = false;
    model.decoderWindow = 0;
    model.gates.every = 0;
    model.gates.resetElement0 = false;
    return model;
}

ModelConfig readT5Config(const std::string& folder)
{
    const std::string file = (std::filesystem::path(folder) / "config.json").string();
    std::ifstream in(file, std::ios::binary);
    if (!in) fail(file, "cannot read (no such file?); a Hugging Face model folder has config.json");
    std::ostringstream content;
    content << in.rdbuf();
    json config;
    try {
        config = json::parse(content.str());
    } catch (const json::exception& e) {
        fail(file, std::string("not valid JSON: ") + e.what());
    }
    return modelConfigFromT5Json(config, file);
}

json t5JsonFromModelConfig(const ModelConfig& model, const std::string& file)
{
    if (model.absolutePositions)
        fail(file, "the model has learned absolute positions (model.absolute_positions), which T5 lacks");
    if (model.scaledAttention)
        fail(file, "the model scales attention by 1/sqrt(d_kv) (model.scaled_attention); T5 does not");
    const bool gated = model.feedForward == FeedForwardKind::GatedGelu;
    return json{
        {"architectures", {"T5ForConditionalGeneration"}},
        {"model_type", "t5"},
        {"is_encoder_decoder", true},
        {"vocab_size", model.vocabSize},
        {"d_model", model.dModel},
        {"d_kv", model.dKv},
        {"d_ff", model.dFf},
        {"num_heads", model.numHeads},
        {"num_layers", model.encoderLayers},
        {"num_decoder_layers", model.decoderLayers},
        {"relative_attention_num_buckets", model.relativeBuckets},
        {"relative_attention_max_distance", model.relativeMaxDistance},
        {"feed_forward_proj", gated ? "gated-gelu" : "relu"},
        {"dense_act_fn", gated ? "gelu_new" : "relu"},
        {"is_gated_act", gated},
        {"tie_word_embeddings", model.tiedHead},
        {"scale_decoder_outputs", model.tiedHead},
        {"layer_norm_epsilon", model.layerNormEpsilon},
        {"dropout_rate", model.dropout},
        {"initializer_factor", 1.0},
        {"pad_token_id", model.padId},
        {"eos_token_id", model.eosId},
        {"decoder_start_token_id", model.padId},
        {"use_cache", true},
    };
}

}  // namespace megatoken
