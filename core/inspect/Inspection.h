#pragma once
// Everything the inspector shows about one text: every piece's keep score at every gate, where
// it was dropped, the surviving megatokens and the reconstructions. Shared by the CLI and GUI.

#include <torch/torch.h>

#include <string>
#include <vector>

#include "core/model/MegatokenModel.h"

namespace megatoken {

class Tokenizer;

struct PieceRecord {
    int id = 0;
    std::string piece;          // the sentencepiece piece
    std::string display;        // readable form
    std::vector<double> logAlpha;     // per gate (soft)
    std::vector<double> accumulated;  // G per gate (soft)
    int droppedAtGate = -1;     // index of the gate whose threshold dropped it; -1: kept to the end
    // Per gate: the three tokens this piece attended to most in the block before the gate.
    std::vector<std::vector<std::pair<int, double>>> topAttended;
};

struct Inspection {
    std::string text;
    std::vector<std::int64_t> gateBlocks;  // the encoder block each gate follows
    std::vector<PieceRecord> pieces;       // EOS included as the last piece
    std::vector<int> keptCount;            // per gate
    std::vector<std::string> megatokens;   // display forms of the pieces that survive every gate
    std::string reconstructionFree;        // greedy decoding under the hard mask
    std::string reconstructionTeacherForced;
    double threshold = -1.0;
    std::int64_t dKv = 64;
};

Inspection inspectText(MegatokenModel& model, const Tokenizer& tokenizer, const std::string& text,
                       std::int64_t maxTokens, const torch::Device& device);

}  // namespace megatoken
