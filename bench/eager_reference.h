#pragma once
// The baseline of bench/bench_training_throughput.cpp: a straightforward eager LibTorch version of
// the Megatoken encoder-decoder with learned gates, written the way a researcher writes it from the
// paper and HF's T5 code ("a straightforward eager PyTorch implementation of the same model on the
// same torch version and batches padded to their longest"). Our trainer must beat it by 2x in
// tokens/s. Header-only; needs only <torch/torch.h> and ModelConfig; builds on LibTorch 1.13 and 2.x.
//
// INTENTIONALLY UNOPTIMISED, do not tune it: separate q, k, v, o projections; explicit attention
// (matmul, +bias, softmax, dropout, matmul) at full padded length; relative position buckets and
// bias recomputed from scratch every forward (once per stack, as HF T5); dropped tokens are masked
// (-1e9), never removed; full-vocabulary logits at every position, padding included; dropout
// everywhere (embeddings, attention probabilities, FFN hidden, residual branches, final norms).
//
// Shapes: ids [B, L] int64 padded with padId (each row ends with eosId). Hidden [B, L, D]; attention
// scores [B, H, L, L]; additive biases broadcast to [B, H, q, k]; gate ln-alpha sums G [B, L];
// logits [B, L, V]. loss(ids) = cross entropy of reconstructing ids (decoder input = ids shifted
// right, start = padId; ignore_index = padId) + 1.0 * mean_b sum_gates mean_{non-pad t} exp(G).
// Gates: learned only (config.gates.rule is ignored), no noise, no keep-ratio calibration.

#include <torch/torch.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "core/config/ModelConfig.h"

namespace megatoken::bench {

// T5-style init, roughly: weights ~ N(0, 1/fan_in), biases zero.
inline torch::nn::Linear eagerLinear(std::int64_t in, std::int64_t out, bool bias = false)
{
    torch::nn::Linear linear(torch::nn::LinearOptions(in, out).bias(bias));
    torch::NoGradGuard noGrad;
    linear->weight.normal_(0.0, 1.0 / std::sqrt(static_cast<double>(in)));
    if (bias) linear->bias.zero_();
    return linear;
}

// T5 LayerNorm: scale only, no mean subtraction, no bias.
struct EagerRMSNormImpl : torch::nn::Module {
    EagerRMSNormImpl(std::int64_t dim, double eps) : eps(eps)
    {
        weight = register_parameter("weight", torch::ones({dim}));
    }
    torch::Tensor forward(const torch::Tensor& x)
    {
        return weight * (x * torch::rsqrt(x.pow(2).mean(-1, /*keepdim=*/true) + eps));
    }
    torch::Tensor weight;
    double eps;
};
TORCH_MODULE(EagerRMSNorm);

// T5's bucketed relative position bias, [1, H, q, k], computed from scratch on every call.
struct EagerRelativeBiasImpl : torch::nn::Module {
    EagerRelativeBiasImpl(const ModelConfig& c, bool bidirectional)
        : buckets(c.relativeBuckets), maxDistance(c.relativeMaxDistance), bidirectional(bidirectional)
    {
        embedding = register_module("embedding", torch::nn::Embedding(c.relativeBuckets, c.numHeads));
        torch::NoGradGuard noGrad;
        embedding->weight.normal_(0.0, 1.0 / std::sqrt(static_cast<double>(c.dModel)));
    }
    torch::Tensor forward(std::int64_t queryLength, std::int64_t keyLength)
    {
        const auto options = torch::TensorOptions().dtype(torch::kLong).device(embedding->weight.device());
        auto relative =
            torch::arange(keyLength, options).unsqueeze(0) - torch::arange(queryLength, options).unsqueeze(1);
        auto bucket = torch::zeros_like(relative);
        std::int64_t n = buckets;
        if (bidirectional) {
            n /= 2;
            bucket = bucket + (relative > 0).to(torch::kLong) * n;
            relative = relative.abs();
        } else {
            relative = -torch::min(relative, torch::zeros_like(relative));
        }
        const std::int64_t maxExact = n / 2;
        auto large = maxExact + (torch::log(relative.to(torch::kFloat) / static_cast<double>(maxExact)) /
                                 std::log(static_cast<double>(maxDistance) / static_cast<double>(maxExact)) *
                                 static_cast<double>(n - maxExact))
                                    .to(torch::kLong);
        large = torch::clamp_max(large, n - 1);
        bucket = bucket + torch::where(relative < maxExact, relative, large);
        return embedding->forward(bucket).permute({2, 0, 1}).unsqueeze(0);
    }
    torch::nn::Embedding embedding{nullptr};
    std::int64_t buckets, maxDistance;
    bool bidirectional;
};
TORCH_MODULE(EagerRelativeBias);

// Multi-head attention with separate q, k, v, o projections and the explicit softmax path.
struct EagerAttentionImpl : torch::nn::Module {
    explicit EagerAttentionImpl(const ModelConfig& c)
        : heads(c.numHeads),
          dKv(c.dKv),
          dropout(c.dropout),
          scale(c.scaledAttention ? 1.0 / std::sqrt(static_cast<double>(c.dKv)) : 1.0)
    {
        q = register_module("q", eagerLinear(c.dModel, heads * dKv));
        k = register_module("k", eagerLinear(c.dModel, heads * dKv));
        v = register_module("v", eagerLinear(c.dModel, heads * dKv));
        o = register_module("o", eagerLinear(heads * dKv, c.dModel));
    }
    // x [B, q, D], memory [B, k, D], bias broadcastable to [B, H, q, k].
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& memory, const torch::Tensor& bias)
    {
        const auto batch = x.size(0);
        auto split = [&](const torch::Tensor& t) { return t.view({batch, -1, heads, dKv}).transpose(1, 2); };
        auto query = split(q->forward(x)), key = split(k->forward(memory)), value = split(v->forward(memory));
        auto scores = torch::matmul(query, key.transpose(-2, -1));
        if (scale != 1.0) scores = scores * scale;
        auto probs = torch::softmax(scores + bias, -1);
        probs = torch::dropout(probs, dropout, is_training());
        auto context = torch::matmul(probs, value).transpose(1, 2).reshape({batch, -1, heads * dKv});
        return o->forward(context);
    }
    torch::nn::Linear q{nullptr}, k{nullptr}, v{nullptr}, o{nullptr};
    std::int64_t heads, dKv;
    double dropout, scale;
};
TORCH_MODULE(EagerAttention);

// T5 feed-forward: relu (wi, wo) or gated-gelu (wi_0, wi_1, wo), dropout on the hidden activations.
struct EagerFeedForwardImpl : torch::nn::Module {
    explicit EagerFeedForwardImpl(const ModelConfig& c)
        : gated(c.feedForward == FeedForwardKind::GatedGelu), dropout(c.dropout)
    {
        if (gated) {
            wi0 = register_module("wi_0", eagerLinear(c.dModel, c.dFf));
            wi1 = register_module("wi_1", eagerLinear(c.dModel, c.dFf));
        } else {
            wi = register_module("wi", eagerLinear(c.dModel, c.dFf));
        }
        wo = register_module("wo", eagerLinear(c.dFf, c.dModel));
    }
    torch::Tensor forward(const torch::Tensor& x)
    {
        auto h = gated ? torch::gelu(wi0->forward(x), "tanh") * wi1->forward(x) : torch::relu(wi->forward(x));
        return wo->forward(torch::dropout(h, dropout, is_training()));
    }
    torch::nn::Linear wi{nullptr}, wi0{nullptr}, wi1{nullptr}, wo{nullptr};
    bool gated;
    double dropout;
};
TORCH_MODULE(EagerFeedForward);

// Pre-norm encoder block: x + drop(attn(norm(x))), then x + drop(ffn(norm(x))).
struct EagerEncoderBlockImpl : torch::nn::Module {
    explicit EagerEncoderBlockImpl(const ModelConfig& c) : dropout(c.dropout)
    {
        attnNorm = register_module("attn_norm", EagerRMSNorm(c.dModel, c.layerNormEpsilon));
        attn = register_module("attn", EagerAttention(c));
        ffnNorm = register_module("ffn_norm", EagerRMSNorm(c.dModel, c.layerNormEpsilon));
        ffn = register_module("ffn", EagerFeedForward(c));
    }
    torch::Tensor forward(torch::Tensor h, const torch::Tensor& bias)
    {
        auto n = attnNorm->forward(h);
        h = h + torch::dropout(attn->forward(n, n, bias), dropout, is_training());
        return h + torch::dropout(ffn->forward(ffnNorm->forward(h)), dropout, is_training());
    }
    EagerRMSNorm attnNorm{nullptr}, ffnNorm{nullptr};
    EagerAttention attn{nullptr};
    EagerFeedForward ffn{nullptr};
    double dropout;
};
TORCH_MODULE(EagerEncoderBlock);

// Pre-norm decoder block: windowed causal self-attention, cross-attention, feed-forward.
struct EagerDecoderBlockImpl : torch::nn::Module {
    explicit EagerDecoderBlockImpl(const ModelConfig& c) : dropout(c.dropout)
    {
        selfNorm = register_module("self_norm", EagerRMSNorm(c.dModel, c.layerNormEpsilon));
        selfAttn = register_module("self_attn", EagerAttention(c));
        crossNorm = register_module("cross_norm", EagerRMSNorm(c.dModel, c.layerNormEpsilon));
        crossAttn = register_module("cross_attn", EagerAttention(c));
        ffnNorm = register_module("ffn_norm", EagerRMSNorm(c.dModel, c.layerNormEpsilon));
        ffn = register_module("ffn", EagerFeedForward(c));
    }
    torch::Tensor forward(torch::Tensor h, const torch::Tensor& memory, const torch::Tensor& selfBias,
                          const torch::Tensor& crossBias)
    {
        auto n = selfNorm->forward(h);
        h = h + torch::dropout(selfAttn->forward(n, n, selfBias), dropout, is_training());
        h = h + torch::dropout(crossAttn->forward(crossNorm->forward(h), memory, crossBias), dropout, is_training());
        return h + torch::dropout(ffn->forward(ffnNorm->forward(h)), dropout, is_training());
    }
    EagerRMSNorm selfNorm{nullptr}, crossNorm{nullptr}, ffnNorm{nullptr};
    EagerAttention selfAttn{nullptr}, crossAttn{nullptr};
    EagerFeedForward ffn{nullptr};
    double dropout;
};
TORCH_MODULE(EagerDecoderBlock);

// Learned gate: ln alpha = ln sigmoid(e / tau + beta) (post form) per token, e = Linear(D, 1)(RMSNorm(h)).
struct EagerGateImpl : torch::nn::Module {
    explicit EagerGateImpl(const ModelConfig& c) : gate(c.gates)
    {
        norm = register_module("norm", EagerRMSNorm(c.dModel, c.layerNormEpsilon));
        projection = register_module("projection", eagerLinear(c.dModel, 1, /*bias=*/true));
        torch::NoGradGuard noGrad;
        projection->weight.normal_(0.0, 0.1 / std::sqrt(static_cast<double>(c.dModel)));  // start near beta
    }
    torch::Tensor forward(const torch::Tensor& h)
    {  // [B, L, D] -> ln alpha [B, L]
        auto e =
            gate.source == GateSource::Projection ? projection->forward(norm->forward(h)).squeeze(-1) : h.select(-1, 0);
        auto logits = gate.form == GateForm::Post ? e / gate.tau + gate.beta : (e + gate.beta) / gate.tau;
        return torch::log_sigmoid(logits);
    }
    EagerRMSNorm norm{nullptr};
    torch::nn::Linear projection{nullptr};
    GateConfig gate;
};
TORCH_MODULE(EagerGate);

class EagerReferenceImpl : public torch::nn::Module {
public:
    explicit EagerReferenceImpl(const ModelConfig& config) : config_(config)
    {
        embedding = register_module("embedding", torch::nn::Embedding(config.vocabSize, config.dModel));
        {
            torch::NoGradGuard noGrad;
            embedding->weight.normal_(0.0, 1.0);
        }
        if (config.absolutePositions) {
            encoderPositions =
                register_module("encoder_positions", torch::nn::Embedding(config.maxPositions, config.dModel));
            decoderPositions =
                register_module("decoder_positions", torch::nn::Embedding(config.maxPositions, config.dModel));
            torch::NoGradGuard noGrad;
            encoderPositions->weight.normal_(0.0, 0.02);
            decoderPositions->weight.normal_(0.0, 0.02);
        }
        encoderRelative = register_module("encoder_relative", EagerRelativeBias(config, /*bidirectional=*/true));
        decoderRelative = register_module("decoder_relative", EagerRelativeBias(config, /*bidirectional=*/false));
        for (std::int64_t b = 0; b < config.encoderLayers; ++b) {
            const auto name = std::to_string(b);
            encoderBlocks.push_back(register_module("encoder_block_" + name, EagerEncoderBlock(config)));
            gates.push_back(config.isGatedBlock(b) ? register_module("gate_" + name, EagerGate(config))
                                                   : EagerGate(nullptr));
        }
        encoderNorm = register_module("encoder_norm", EagerRMSNorm(config.dModel, config.layerNormEpsilon));
        for (std::int64_t b = 0; b < config.decoderLayers; ++b)
            decoderBlocks.push_back(register_module("decoder_block_" + std::to_string(b), EagerDecoderBlock(config)));
        decoderNorm = register_module("decoder_norm", EagerRMSNorm(config.dModel, config.layerNormEpsilon));
        if (!config.tiedHead) head = register_module("head", eagerLinear(config.dModel, config.vocabSize));
    }

    // ids [B, L] int64 padded with config.padId; returns the scalar training loss (CE + compression).
    torch::Tensor loss(const torch::Tensor& ids)
    {
        const auto& c = config_;
        const auto batch = ids.size(0), length = ids.size(1);
        const auto floats = torch::TensorOptions().dtype(embedding->weight.dtype()).device(ids.device());
        const auto positions = torch::arange(length, torch::TensorOptions().dtype(torch::kLong).device(ids.device()));
        const auto isPad = ids.eq(c.padId);               // [B, L]
        const auto nonPad = (~isPad).to(floats.dtype());  // [B, L]
        const auto padBias = torch::zeros({batch, length}, floats).masked_fill(isPad, -1e9).view({batch, 1, 1, length});

        // Encoder, with the gates' key-column bias added to every later block.
        auto h = embedding->forward(ids);
        if (c.absolutePositions) h = h + encoderPositions->forward(positions);
        h = torch::dropout(h, c.dropout, is_training());
        auto logKeep = torch::zeros({batch, length}, floats);  // G = sum of ln alpha so far
        auto gateBias = torch::zeros({batch, 1, 1, length}, floats);
        auto compression = torch::zeros({batch}, floats);
        const auto tokenCounts = nonPad.sum(1).clamp_min(1.0);
        const auto relative = encoderRelative->forward(length, length);  // from scratch each forward, as HF T5
        for (std::size_t b = 0; b < encoderBlocks.size(); ++b) {
            h = encoderBlocks[b]->forward(h, relative + padBias + gateBias);
            if (gates[b].is_empty()) continue;
            logKeep = logKeep + gates[b]->forward(h);
            auto hard = torch::zeros_like(logKeep).masked_fill(logKeep <= c.gates.threshold, -1e9);
            auto bias = c.gates.straightThrough ? logKeep + (hard - logKeep).detach() : logKeep;
            gateBias = bias.view({batch, 1, 1, length});
            compression = compression + (logKeep.exp() * nonPad).sum(1) / tokenCounts;
        }
        const auto memory = torch::dropout(encoderNorm->forward(h), c.dropout, is_training());

        // Decoder: ids shifted right (start = pad), causal self-attention over keys q-N..q.
        const auto decoderIds =
            torch::cat({torch::full({batch, 1}, c.padId, ids.options()), ids.slice(1, 0, length - 1)}, 1);
        auto d = embedding->forward(decoderIds);
        if (c.absolutePositions) d = d + decoderPositions->forward(positions);
        d = torch::dropout(d, c.dropout, is_training());
        const auto offset = positions.unsqueeze(0) - positions.unsqueeze(1);  // key - query, [L, L]
        const auto visible = c.decoderWindow > 0 ? (offset <= 0) & (offset >= -c.decoderWindow) : offset <= 0;
        const auto windowBias = torch::zeros({length, length}, floats).masked_fill(~visible, -1e9);
        const auto selfBias = decoderRelative->forward(length, length) + windowBias;
        const auto crossBias = padBias + gateBias;
        for (auto& block : decoderBlocks) d = block->forward(d, memory, selfBias, crossBias);
        d = torch::dropout(decoderNorm->forward(d), c.dropout, is_training());

        // Full-vocabulary logits at every position, padding included.
        auto logits = c.tiedHead
                          ? torch::matmul(d * std::pow(static_cast<double>(c.dModel), -0.5), embedding->weight.t())
                          : head->forward(d);
        auto crossEntropy = torch::nn::functional::cross_entropy(
            logits.reshape({-1, c.vocabSize}), ids.reshape({-1}),
            torch::nn::functional::CrossEntropyFuncOptions().ignore_index(c.padId));
        return crossEntropy + 1.0 * compression.mean();
    }

    const ModelConfig& config() const { return config_; }

private:
    ModelConfig config_;
    torch::nn::Embedding embedding{nullptr}, encoderPositions{nullptr}, decoderPositions{nullptr};
    EagerRelativeBias encoderRelative{nullptr}, decoderRelative{nullptr};
    std::vector<EagerEncoderBlock> encoderBlocks;
    std::vector<EagerGate> gates;  // gates[b] follows encoder block b; null where isGatedBlock(b) is false
    EagerRMSNorm encoderNorm{nullptr}, decoderNorm{nullptr};
    std::vector<EagerDecoderBlock> decoderBlocks;
    torch::nn::Linear head{nullptr};
};
TORCH_MODULE(EagerReference);

}  // namespace megatoken::bench
