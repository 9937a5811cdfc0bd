#include "core/tokenizer/SentencePieceModelCheck.h"

#include <cstdint>
#include <cstring>
#include <functional>
#include <vector>

namespace megatoken {
namespace {

bool readVarint(std::string_view bytes, size_t& pos, uint64_t& value)
{
    value = 0;
    for (int shift = 0; shift < 64 && pos < bytes.size(); shift += 7) {
        const auto byte = static_cast<unsigned char>(bytes[pos++]);
        value |= uint64_t(byte & 0x7f) << shift;
        if (!(byte & 0x80)) return true;
    }
    return false;
}

// Walks the top-level fields of a protobuf message, calling onBytes for each length-delimited
// field. Returns the first structural problem, or nullopt.
std::optional<std::string>
walkFields(std::string_view bytes, const std::function<std::optional<std::string>(uint64_t, std::string_view)>& onBytes)
{
    size_t pos = 0;
    while (pos < bytes.size()) {
        const size_t fieldStart = pos;
        uint64_t key = 0, value = 0;
        if (!readVarint(bytes, pos, key) || (key >> 3) == 0)
            return "malformed protobuf at byte " + std::to_string(fieldStart);
        const uint64_t field = key >> 3;
        switch (key & 7) {
            case 0:
                if (!readVarint(bytes, pos, value))
                    return "truncated or malformed varint at byte " + std::to_string(fieldStart);
                break;
            case 1: pos += 8; break;
            case 5: pos += 4; break;
            case 2:
                if (!readVarint(bytes, pos, value) || value > bytes.size() - pos)
                    return "truncated: field " + std::to_string(field) + " at byte " + std::to_string(fieldStart) +
                           " runs past the end of the file";
                if (auto problem = onBytes(field, bytes.substr(pos, value))) return problem;
                pos += value;
                break;
            default: return "malformed protobuf at byte " + std::to_string(fieldStart);
        }
        if (pos > bytes.size()) return "truncated at byte " + std::to_string(fieldStart);
    }
    return std::nullopt;
}

// darts-clone's DoubleArrayUnit (darts.h).
struct DartsUnit {
    uint32_t unit;
    bool hasLeaf() const { return ((unit >> 8) & 1) == 1; }
    uint32_t value() const { return unit & ((1U << 31) - 1); }
    uint32_t label() const { return unit & ((1U << 31) | 0xFF); }
    uint32_t offset() const { return (unit >> 10) << ((unit & (1U << 9)) >> 6); }
};

}  // namespace

std::optional<std::string> precompiledCharsMapProblem(std::string_view blob)
{
    if (blob.size() <= sizeof(uint32_t)) return std::nullopt;  // sentencepiece refuses it itself
    uint32_t trieBytes = 0;
    std::memcpy(&trieBytes, blob.data(), sizeof trieBytes);  // little-endian, as x86 and ARM are
    if (trieBytes >= blob.size()) return std::nullopt;       // refused by sentencepiece too
    const std::string_view trieBlob = blob.substr(sizeof trieBytes, trieBytes);
    const std::string_view strings = blob.substr(sizeof trieBytes + trieBytes);
    const size_t units = trieBlob.size() / sizeof(uint32_t);
    if (units == 0) return "the normalizer's character map has an empty trie";
    std::vector<uint32_t> array(units);
    std::memcpy(array.data(), trieBlob.data(), units * sizeof(uint32_t));
    const auto at = [&](size_t i) { return DartsUnit{array[i]}; };

    // commonPrefixSearch: base = 0 ^ offset(array[0]); per input byte c: p = base ^ c (read
    // whatever c is), and on a label match base = p ^ offset(array[p]), with array[base].value()
    // read when array[p] has a leaf. So every reachable base must keep base ^ c inside the array
    // for all 256 bytes, and every leaf's value must start a string in the string block.
    std::vector<bool> seen(units, false);
    std::vector<size_t> pending;
    const auto enter = [&](uint64_t base) -> std::optional<std::string> {
        if ((base | 0xFF) >= units)
            return "the normalizer's character map is damaged (a trie state at " + std::to_string(base) +
                   " lies outside its " + std::to_string(units) + " units)";
        if (!seen[base]) {
            seen[base] = true;
            pending.push_back(static_cast<size_t>(base));
        }
        return std::nullopt;
    };
    if (auto problem = enter(at(0).offset())) return problem;
    while (!pending.empty()) {
        const size_t base = pending.back();
        pending.pop_back();
        for (uint32_t c = 0; c < 256; ++c) {
            const size_t p = base ^ c;
            const DartsUnit unit = at(p);
            if (unit.label() != c) continue;
            const uint64_t next = p ^ unit.offset();
            if (auto problem = enter(next)) return problem;
            if (unit.hasLeaf()) {
                const uint32_t value = at(static_cast<size_t>(next)).value();
                if (value >= strings.size() ||
                    std::memchr(strings.data() + value, '\0', strings.size() - value) == nullptr)
                    return "the normalizer's character map is damaged (a replacement at " + std::to_string(value) +
                           " lies outside its " + std::to_string(strings.size()) + "-byte string block)";
            }
        }
    }
    return std::nullopt;
}

std::optional<std::string> sentencePieceModelProblem(std::string_view bytes)
{
    if (bytes.empty()) return "empty file";
    size_t pieces = 0;
    bool trainerSpec = false, normalizerSpec = false;
    const auto checkSpec = [](std::string_view spec) {
        return walkFields(spec, [](uint64_t field, std::string_view value) -> std::optional<std::string> {
            return field == 2 ? precompiledCharsMapProblem(value) : std::nullopt;
        });
    };
    auto problem = walkFields(bytes, [&](uint64_t field, std::string_view value) -> std::optional<std::string> {
        pieces += field == 1;
        trainerSpec |= field == 2;
        normalizerSpec |= field == 3;
        if (field == 3 || field == 5) return checkSpec(value);  // normalizer_spec, denormalizer_spec
        return std::nullopt;
    });
    if (problem) return problem;
    if (pieces == 0) return "no pieces";
    if (!trainerSpec || !normalizerSpec) return "no trainer or normalizer spec: truncated?";
    return std::nullopt;
}

}  // namespace megatoken
