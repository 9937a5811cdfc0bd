#include "core/hf/T5TensorNames.h"

namespace megatoken {
namespace {

using Shape = std::vector<std::int64_t>;

std::string str(std::int64_t i)
{
    return std::to_string(i);
}

void attention(std::vector<T5TensorMapping>& out, const std::string& ours, const std::string& hf, const ModelConfig& m,
               bool cross)
{
    const std::int64_t inner = m.numHeads * m.dKv;
    const Shape projection{inner, m.dModel};
    if (cross) {
        out.push_back({ours + ".q.weight", projection, {{hf + ".q.weight", projection}}});
        out.push_back({ours + ".kv.weight",
                       {2 * inner, m.dModel},
                       {{hf + ".k.weight", projection}, {hf + ".v.weight", projection}}});
    } else {
        out.push_back(
            {ours + ".qkv.weight",
             {3 * inner, m.dModel},
             {{hf + ".q.weight", projection}, {hf + ".k.weight", projection}, {hf + ".v.weight", projection}}});
    }
    out.push_back({ours + ".o.weight", {m.dModel, inner}, {{hf + ".o.weight", {m.dModel, inner}}}});
}

void feedForward(std::vector<T5TensorMapping>& out, const std::string& ours, const std::string& hf,
                 const ModelConfig& m)
{
    const Shape in{m.dFf, m.dModel};
    if (m.feedForward == FeedForwardKind::GatedGelu)
        out.push_back(
            {ours + ".wi.weight", {2 * m.dFf, m.dModel}, {{hf + ".wi_0.weight", in}, {hf + ".wi_1.weight", in}}});
    else
        out.push_back({ours + ".wi.weight", in, {{hf + ".wi.weight", in}}});
    out.push_back({ours + ".wo.weight", {m.dModel, m.dFf}, {{hf + ".wo.weight", {m.dModel, m.dFf}}}});
}

void norm(std::vector<T5TensorMapping>& out, const std::string& ours, const std::string& hf, const ModelConfig& m)
{
    out.push_back({ours, {m.dModel}, {{hf, {m.dModel}}}});
}

void relativeBias(std::vector<T5TensorMapping>& out, const std::string& stack, const ModelConfig& m)
{
    const Shape shape{m.relativeBuckets, m.numHeads};
    out.push_back({stack + ".relative_bias.embedding.weight",
                   shape,
                   {{stack + ".block.0.layer.0.SelfAttention.relative_attention_bias.weight", shape}}});
}

}  // namespace

std::vector<T5TensorMapping> t5TensorMappings(const ModelConfig& m)
{
    std::vector<T5TensorMapping> out;
    const Shape embedding{m.vocabSize, m.dModel};
    out.push_back({"embedding.weight", embedding, {{"shared.weight", embedding}}});

    relativeBias(out, "encoder", m);
    for (std::int64_t b = 0; b < m.encoderLayers; ++b) {
        const std::string ours = "encoder.blocks." + str(b), hf = "encoder.block." + str(b);
        norm(out, ours + ".attention_norm.weight", hf + ".layer.0.layer_norm.weight", m);
        attention(out, ours + ".self_attention", hf + ".layer.0.SelfAttention", m, false);
        norm(out, ours + ".ffn_norm.weight", hf + ".layer.1.layer_norm.weight", m);
        feedForward(out, ours + ".ffn", hf + ".layer.1.DenseReluDense", m);
    }
    norm(out, "encoder.final_norm.weight", "encoder.final_layer_norm.weight", m);

    relativeBias(out, "decoder", m);
    for (std::int64_t b = 0; b < m.decoderLayers; ++b) {
        const std::string ours = "decoder.blocks." + str(b), hf = "decoder.block." + str(b);
        norm(out, ours + ".self_attention_norm.weight", hf + ".layer.0.layer_norm.weight", m);
        attention(out, ours + ".self_attention", hf + ".layer.0.SelfAttention", m, false);
        norm(out, ours + ".cross_attention_norm.weight", hf + ".layer.1.layer_norm.weight", m);
        attention(out, ours + ".cross_attention", hf + ".layer.1.EncDecAttention", m, true);
        norm(out, ours + ".ffn_norm.weight", hf + ".layer.2.layer_norm.weight", m);
        feedForward(out, ours + ".ffn", hf + ".layer.2.DenseReluDense", m);
    }
    norm(out, "decoder.final_norm.weight", "decoder.final_layer_norm.weight", m);

    if (!m.tiedHead) out.push_back({"lm_head.weight", embedding, {{"lm_head.weight", embedding}}});
    return out;
}

std::vector<std::string> t5EmbeddingAliases(const ModelConfig& m)
{
    std::vector<std::string> names{"encoder.embed_tokens.weight", "decoder.embed_tokens.weight"};
    if (m.tiedHead) names.emplace_back("lm_head.weight");
    return names;
}

}  // namespace megatoken
