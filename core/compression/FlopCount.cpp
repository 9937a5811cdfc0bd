#include "core/compression/FlopCount.h"

namespace megatoken {

namespace {

double feedForwardFlops(const ModelConfig& c, double n)
{
    const double matrices = c.feedForward == FeedForwardKind::GatedGelu ? 3.0 : 2.0;  // wi (x2 gated), wo
    return 2.0 * n * static_cast<double>(c.dModel * c.dFf) * matrices;
}

// Self- or cross-attention: queries q, keys k; projections of the keys only when they are new.
double attentionFlops(const ModelConfig& c, double q, double k)
{
    const double inner = static_cast<double>(c.numHeads * c.dKv);
    const double d = static_cast<double>(c.dModel);
    return 2.0 * q * d * inner          // Q
           + 2.0 * k * d * 2.0 * inner  // K, V
           + 2.0 * q * k * inner * 2.0  // scores and weighted values
           + 2.0 * q * inner * d;       // output
}

}  // namespace

double forwardFlops(const ModelConfig& c, const std::vector<std::int64_t>& encoderLengths, std::int64_t decoderLength,
                    std::int64_t memoryLength)
{
    double flops = 0;
    for (std::int64_t n : encoderLengths) {
        const double x = static_cast<double>(n);
        flops += attentionFlops(c, x, x) + feedForwardFlops(c, x);
    }
    const double t = static_cast<double>(decoderLength);
    const double m = static_cast<double>(memoryLength);
    // The decoder computes its full T x T scores and masks outside the window, so count them all.
    for (std::int64_t b = 0; b < c.decoderLayers; ++b)
        flops += attentionFlops(c, t, t) + attentionFlops(c, t, m) + feedForwardFlops(c, t);
    flops += 2.0 * t * static_cast<double>(c.dModel * c.vocabSize);  // the vocabulary projection
    return flops;
}

std::vector<std::int64_t> encoderLengthsWithRemoval(const ModelConfig& c, std::int64_t length,
                                                    const std::vector<std::int64_t>& keptAfterGate)
{
    std::vector<std::int64_t> lengths;
    std::int64_t current = length;
    std::size_t gate = 0;
    for (std::int64_t b = 0; b < c.encoderLayers; ++b) {
        lengths.push_back(current);
        if (c.isGatedBlock(b) && gate < keptAfterGate.size()) current = keptAfterGate[gate++];
    }
    return lengths;
}

}  // namespace megatoken
