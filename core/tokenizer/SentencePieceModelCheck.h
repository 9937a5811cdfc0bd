#pragma once
// What we check of a sentencepiece model (a serialized ModelProto) before sentencepiece parses it.
// sentencepiece 0.1.97 trusts its input: it accepts a model cut at a field boundary, parses some
// garbage as an empty model, and indexes its normalizer's character map (a darts-clone double
// array and a block of NUL-terminated replacement strings) without bounds checks, so a damaged map
// reads out of bounds while encoding (found by fuzz/fuzz_tokenizer_model). These checks turn such a
// model away with a reason.
//
// The layout checked: sentencepiece's sentencepiece_model.proto (ModelProto: pieces = 1,
// trainer_spec = 2, normalizer_spec = 3, denormalizer_spec = 5; NormalizerSpec:
// precompiled_charsmap = 2) and normalizer.cc's DecodePrecompiledCharsMap / NormalizePrefix, with
// darts-clone's DoubleArrayUnit and commonPrefixSearch (darts.h) for the map.

#include <optional>
#include <string>
#include <string_view>

namespace megatoken {

// Why `bytes` is no sentencepiece model we can hand to sentencepiece, or nullopt when it passes:
// the top-level fields are well-formed protobuf, there are pieces, a trainer spec and a normalizer
// spec, and each precompiled character map passes precompiledCharsMapProblem.
std::optional<std::string> sentencePieceModelProblem(std::string_view bytes);

// Why a NormalizerSpec's precompiled_charsmap would make sentencepiece read out of bounds, or
// nullopt. The blob: a little-endian uint32 trie size in bytes, the trie (uint32 units), then the
// replacement strings. Every state the trie can reach on any input must index inside the trie, and
// every value it yields must start a NUL-terminated string inside the string block. An empty blob
// (no map) passes; a blob too short for its header is left to sentencepiece, which refuses it.
// Cost: 256 probes per reachable trie state (about 10 ms for the nmt_nfkc map).
std::optional<std::string> precompiledCharsMapProblem(std::string_view blob);

}  // namespace megatoken
