#pragma once
// Shape and behaviour of the Megatoken encoder-decoder and its gates. Plain data: no torch, no Qt,
// so the config layer, the CLI and the GUI can all use it.

#include <cstdint>
#include <string>

namespace megatoken {

enum class FeedForwardKind { Relu, GatedGelu };

// How attention is computed. fused: LibTorch 2.x's scaled_dot_product_attention (one kernel that
// picks the fastest backend: flash or memory-efficient on CUDA, the fused CPU kernel or the math
// fallback), with the additive bias as its float mask; on LibTorch 1.13, which has no such kernel,
// fused runs the explicit path. explicit: matmul, +bias, softmax, dropout, matmul, for mechanisms
// that must see or change the attention probabilities themselves (the inspector records them).
enum class AttentionKernel { Fused, Explicit };

// post: alpha = sigmoid(E0 / tau + beta) (the authors' post).
// code: alpha = sigmoid((E0 + beta) / tau) (the authors' public code).
// mrt5: MrT5's delete gate (Kallini et al. 2024): ln alpha := G = k * sigmoid(-(E0 / tau + beta)),
// k = gates.mrt5_k < 0, used as a key (column) bias only, not on the rows; dropped where
// G <= gates.threshold (MrT5: k / 2). docs/gate-mechanisms.md.
enum class GateForm { Post, Code, MrT5 };
// How a learned gate decides which tokens it keeps. threshold: ln alpha > gates.threshold (the
// post). quantile: in each row exactly ceil(rho * n) of the n droppable alive tokens, rho = the
// gate's share of the keep target (Nugget; DynamicViT's per-sample ratio), with a straight-through
// sigmoid around the row's detached k-th largest logit.
enum class GateKeep { Threshold, Quantile };
// How the gate mask enters attention. additive: ln alpha added to the logits (the post).
// multiplicative: A_ij = M_j e^{l_ij} / sum_k M_k e^{l_ik} with M the straight-through keep mask
// (1 on the diagonal of self-attention; DynamicViT, LTMP). Explicit attention path only.
enum class GateMask { Additive, Multiplicative };
// What happens to a dropped token's state. none: it is dropped. similar: it joins the kept token
// of its row whose hidden state is most similar (cosine; ToMe). left: the nearest kept token to
// its left (the first kept token when none). segment: each run of dropped tokens is pooled into
// the next kept token (Nawrot et al.'s dynamic pooling). Size-weighted averages, sizes tracked
// per token, and proportional attention (+ln size on each key's logit) afterwards.
enum class GateMerge { None, Similar, Left, Segment };
enum class GateNoise { None, Gumbel, Logistic };
// element0: the post's E_i[0]. projection: a small learned readout of the normalised hidden state
// (MrT5 style), which varies across tokens instead of acting as one shared residual channel.
enum class GateSource { Element0, Projection };
// learned: the Megatoken gate. The others are fixed-rule baselines that keep the same share of
// the tokens reaching each gate (target_keep^(1/gates)), to compare at a matched keep ratio:
// random: a random subset; first-k: the first tokens (truncation); attention: the tokens that
// received the most attention in the block before the gate; stride: contiguous segments pooled
// (averaged) into their last token, like a fixed-stride pooling layer.
enum class GateRule { Learned, Random, FirstK, AttentionReceived, StridePool };

struct GateConfig {
    GateRule rule = GateRule::Learned;
    GateForm form = GateForm::Post;
    double tau = 1.0;
    // Defaults: the best setting measured so far for the tiny preset (docs/experiments.md, F2):
    // every token starts kept (ln sigmoid(3) = -0.05, far from the -1 threshold), the score is
    // a learned projection, training sees the hard mask, logistic noise of scale 0.5 lets
    // tokens near the threshold be tried both ways, and the keep ratio is calibrated.
    double beta = 3.0;
    GateNoise noise = GateNoise::Logistic;
    double noiseScale = 0.5;
    GateSource source = GateSource::Projection;
    // A gate after every k-th encoder block starting after block j (0-based). By default after
    // blocks 1 and 3 of the tiny preset, so every token is mixed at least twice before it can go.
    int every = 2;
    int first = 1;
    bool resetElement0 = false;  // zero E[0] before each gated block (the authors' code does)
    // A token whose ln alpha at a gate is <= threshold counts as dropped there (hard mask).
    double threshold = -1.0;
    // Train with the hard mask in the forward pass and the soft mask's gradient. Without it the
    // soft mask leaks: a strongly matching query still reads a token whose bias is only ln alpha.
    bool straightThrough = true;
    // Keep-ratio calibration (0: off). Each gate adds a non-learned offset to its logit; every
    // training step moves it by this fraction of the shift that would make the batch keep exactly
    // the gate's share of the target keep ratio (target^(1/gates)). It is a buffer: saved in
    // checkpoints and used at evaluation, like batch norm's running statistics. Reason: the
    // learned gates tip and recover (docs/experiments.md) faster than any lambda can steer.
    // Before every evaluation the trainer sets it exactly in evaluation mode, without dropout and
    // noise, on a fixed sample of training texts (core/engine/train/GateRecalibration.h).
    double calibrationRate = 0.1;
    // Mechanisms from the related work (docs/gate-mechanisms.md); the defaults are the post's,
    // but for merging: each run of dropped tokens is pooled into the kept token that ends it
    // (Nawrot et al. 2023), the best of the first look (docs/experiments.md). A version-1 config
    // document without gates.merge means none (RunConfigJson.h); preset tiny-drop is the default
    // without it.
    GateKeep keep = GateKeep::Threshold;
    GateMask mask = GateMask::Additive;
    GateMerge merge = GateMerge::Segment;
    double mrt5K = -30.0;  // form mrt5: G = k * sigmoid(-z)
};

struct ModelConfig {
    std::int64_t vocabSize = 4096;
    std::int64_t dModel = 256;
    std::int64_t numHeads = 4;
    std::int64_t dKv = 64;
    std::int64_t dFf = 1024;
    std::int64_t encoderLayers = 4;
    std::int64_t decoderLayers = 2;
    FeedForwardKind feedForward = FeedForwardKind::Relu;
    double dropout = 0.1;
    bool tiedHead = true;
    // Learned absolute positions added to encoder and decoder inputs. Without them a tiny model
    // trained from scratch never learned to copy (method notes); T5 checkpoints have none.
    bool absolutePositions = true;
    std::int64_t maxPositions = 512;
    std::int64_t relativeBuckets = 32;
    std::int64_t relativeMaxDistance = 128;
    std::int64_t decoderWindow = 5;  // decoder self-attention sees keys q-N..q; 0: all of 0..q (T5)
    bool scaledAttention = false;    // T5 does not scale by 1/sqrt(d_kv)
    AttentionKernel attentionKernel = AttentionKernel::Fused;
    // softmax1 ("attention is off by one"; MrT5): exp(s_i) / (1 + sum_j exp(s_j)) in every
    // attention layer, so a query may attend to nothing. Explicit attention path.
    bool softmax1 = false;
    double layerNormEpsilon = 1e-6;
    std::int64_t padId = 0;
    std::int64_t eosId = 1;
    GateConfig gates;

    // Encoder blocks followed by a gate, in order.
    bool isGatedBlock(std::int64_t block) const
    {
        return block >= gates.first && gates.every > 0 && (block - gates.first) % gates.every == 0;
    }
    int gateCount() const
    {
        int count = 0;
        for (std::int64_t b = 0; b < encoderLayers; ++b) count += isGatedBlock(b) ? 1 : 0;
        return count;
    }
};

}  // namespace megatoken
