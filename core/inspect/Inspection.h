#pragma once
// Everything the inspector shows about one text: every piece's keep score at every gate, where
// it was dropped, the surviving megatokens, the reconstructions and the attention of every
// encoder block. Plain data (no torch), shared by the CLI and the GUI.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace megatoken {

struct PieceRecord {
    int id = 0;
    std::string piece;                // the sentencepiece piece
    std::string display;              // readable form
    std::vector<double> logAlpha;     // per gate (soft)
    std::vector<double> accumulated;  // G per gate (soft)
    int droppedAtGate = -1;           // index of the gate whose threshold dropped it; -1: kept to the end
    // Per gate: the three tokens this piece attended to most in the block before the gate
    // (position, head-averaged weight).
    std::vector<std::vector<std::pair<int, double>>> topAttended;
    // gates.merge (docs/gate-mechanisms.md): the position of the piece this one was merged into at
    // the gate that dropped it; -1 when it was not merged (kept, or merging off).
    int mergedInto = -1;
    // Per gate: the positions of the pieces merged into this one there (empty without merging).
    std::vector<std::vector<int>> absorbed;
};

// One encoder block's self-attention over the text, with the masks of the gates before it applied.
struct BlockAttention {
    std::int64_t block = 0;
    std::int64_t heads = 0;
    std::int64_t length = 0;
    std::vector<float> weights;  // [heads][query][key], row-major

    float at(std::int64_t head, std::int64_t query, std::int64_t key) const
    {
        return weights[static_cast<std::size_t>((head * length + query) * length + key)];
    }
    // Head-averaged weight.
    float mean(std::int64_t query, std::int64_t key) const
    {
        float sum = 0;
        for (std::int64_t h = 0; h < heads; ++h) sum += at(h, query, key);
        return heads > 0 ? sum / static_cast<float>(heads) : 0.f;
    }
};

// The decoder's cross-attention while it wrote the free-running reconstruction: for each output
// piece (the step that produced it), its attention over the encoder's pieces. Under the hard mask
// a dropped piece's key is masked out, so the weights fall on the kept megatokens (a merged one
// carries its absorbed pieces). Recomputed in one teacher-forced pass over the generated pieces,
// which equals what greedy decoding saw step by step.
struct CrossAttention {
    std::vector<std::string> outputPieces;  // display forms, EOS last when it was generated
    std::int64_t blocks = 0;
    std::int64_t heads = 0;
    std::int64_t outputLength = 0;
    std::int64_t inputLength = 0;  // the encoder's pieces (Inspection::pieces)
    std::vector<float> weights;    // [block][head][output][input], row-major

    float at(std::int64_t block, std::int64_t head, std::int64_t output, std::int64_t input) const
    {
        return weights[static_cast<std::size_t>(((block * heads + head) * outputLength + output) * inputLength +
                                                input)];
    }
    // Averaged over heads (head < 0) or one head, of one block (block < 0: averaged over blocks).
    float weight(std::int64_t block, std::int64_t head, std::int64_t output, std::int64_t input) const
    {
        const std::int64_t b0 = block < 0 ? 0 : block, b1 = block < 0 ? blocks : block + 1;
        const std::int64_t h0 = head < 0 ? 0 : head, h1 = head < 0 ? heads : head + 1;
        float sum = 0;
        for (std::int64_t b = b0; b < b1; ++b)
            for (std::int64_t h = h0; h < h1; ++h) sum += at(b, h, output, input);
        const auto count = static_cast<float>((b1 - b0) * (h1 - h0));
        return count > 0 ? sum / count : 0.f;
    }
};

struct Inspection {
    std::string text;
    std::vector<std::int64_t> gateBlocks;  // the encoder block each gate follows
    std::vector<PieceRecord> pieces;       // EOS included as the last piece
    std::vector<int> keptCount;            // per gate
    std::vector<std::string> megatokens;   // display forms of the pieces that survive every gate
    std::string reconstructionFree;        // greedy decoding under the hard mask
    std::string reconstructionTeacherForced;
    double tokenAccuracyTeacherForced = 0;  // of the teacher-forced argmax against the input ids
    std::vector<BlockAttention> attention;  // every encoder block
    CrossAttention crossAttention;          // the decoder's, while writing reconstructionFree
    double threshold = -1.0;
    std::int64_t dKv = 64;
};

}  // namespace megatoken
