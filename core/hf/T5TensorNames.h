#pragma once
// Which Hugging Face T5 tensors make up which of our parameters. Torch-free: the import and the
// export (core/engine/model/HfT5Weights) both walk this one table.
//
// Hugging Face's names (transformers, models/t5/modeling_t5.py): shared.weight; per encoder block i
// encoder.block.i.layer.0.SelfAttention.{q,k,v,o}.weight, .layer.0.layer_norm.weight,
// .layer.1.DenseReluDense.{wi | wi_0, wi_1, wo}.weight, .layer.1.layer_norm.weight; the relative
// attention bias only in block 0 of each stack (…block.0.layer.0.SelfAttention.
// relative_attention_bias.weight, [buckets, heads]); decoder blocks add layer.1.EncDecAttention
// (cross-attention) and move the feed-forward to layer.2; encoder/decoder.final_layer_norm.weight;
// lm_head.weight when the head is untied. Linear weights are [out, in] in both.

#include <cstdint>
#include <string>
#include <vector>

#include "core/config/ModelConfig.h"

namespace megatoken {

struct T5TensorPart {
    std::string hfName;
    std::vector<std::int64_t> shape;
};

// One of our parameters: the Hugging Face tensors concatenated along dimension 0, in order (our
// self-attention keeps q, k and v in one fused [3 H d_kv, D] matrix, the cross-attention k and v in
// one [2 H d_kv, D], the gated feed-forward wi_0 and wi_1 in one [2 d_ff, D]).
struct T5TensorMapping {
    std::string parameter;  // our name, as MegatokenModel's named_parameters() spells it
    std::vector<std::int64_t> shape;
    std::vector<T5TensorPart> parts;
};

// Every T5 weight of a model of this shape, in a fixed order (embedding, encoder, decoder, head).
std::vector<T5TensorMapping> t5TensorMappings(const ModelConfig& model);

// Names a Hugging Face checkpoint may also hold that repeat the shared embedding
// (encoder.embed_tokens.weight, decoder.embed_tokens.weight, and lm_head.weight when tied): accepted
// on import when their shape is [vocab, d_model], never written on export.
std::vector<std::string> t5EmbeddingAliases(const ModelConfig& model);

// The prefix of the tensors an export adds for what T5 lacks (the gates' parameters and buffers):
// "megatoken." + our name. transformers ignores them; our import reads them back.
inline constexpr const char* kMegatokenTensorPrefix = "megatoken.";

}  // namespace megatoken
