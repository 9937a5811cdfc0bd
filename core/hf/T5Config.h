#pragma once
// A Hugging Face T5 config.json, as our ModelConfig. Torch-free: the CLI, the GUI and the engine's
// weight import (core/engine/model/HfT5Weights) share it.
//
// Field meanings and defaults follow transformers' T5Config (models/t5/configuration_t5.py):
// d_model, d_kv, d_ff, num_heads, num_layers, num_decoder_layers (default num_layers),
// relative_attention_num_buckets (32), relative_attention_max_distance (128), feed_forward_proj
// ("relu": T5 v1.0; "gated-gelu": T5 v1.1 and Flan-T5, whose GELU is the tanh approximation,
// transformers' "gelu_new"), tie_word_embeddings (true: the head reuses the shared embedding,
// scaled by d_model^-0.5; transformers 5 always writes true and says it in scale_decoder_outputs,
// which wins when present), layer_norm_epsilon (1e-6), vocab_size, dropout_rate (0.1),
// pad_token_id (0), eos_token_id (1), decoder_start_token_id (0).

#include <string>

#include <nlohmann/json.hpp>

#include "core/config/ModelConfig.h"

namespace megatoken {

// The model a T5 config.json describes, exactly as Hugging Face runs it: relative positions only
// (no absolute positions), unscaled attention, full causal decoder self-attention
// (decoder_window 0) and no gates (gates.every 0, gates.reset_element0 off).
// Throws HfError naming `file` and the field: a missing required field, a value of the wrong type
// or out of range, model_type other than "t5" or "mt5", feed_forward_proj other than "relu" and
// "gated-gelu" (listing those two), is_encoder_decoder false, decoder_start_token_id other than
// pad_token_id (our decoder starts from the pad id, as T5's shift_right does).
ModelConfig modelConfigFromT5Json(const nlohmann::json& config, const std::string& file);

// Reads and maps `<folder>/config.json`; throws HfError naming the file when it is missing or not JSON.
ModelConfig readT5Config(const std::string& folder);

// The config.json transformers needs to build T5ForConditionalGeneration for `model`: the inverse
// of modelConfigFromT5Json. Throws HfError (naming `file`, the folder to be written) when the model
// has something T5 lacks: absolute positions or scaled attention.
nlohmann::json t5JsonFromModelConfig(const ModelConfig& model, const std::string& file);

}  // namespace megatoken
