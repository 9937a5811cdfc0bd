#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace megatoken {

// Train/validation/test assignment by a stable hash of the text itself, so the split is the
// same on every machine and run, and duplicate texts can never straddle two splits.
enum class Split { Train, Validation, Test };

// 64-bit FNV-1a: tiny, fast and fixed forever (std::hash may change between library versions).
std::uint64_t fnv1a64(std::string_view bytes);

// hash % 100: 0 -> Test, 1 -> Validation, otherwise Train (about 98/1/1).
Split splitOf(std::string_view text);

std::string_view splitName(Split split);  // "train", "validation", "test"
// "train", "validation"/"val"/"valid"/"dev", "test"; case-insensitive.
std::optional<Split> parseSplit(std::string_view name);

struct SplitTexts {
    std::vector<std::string> train, validation, test;
};

// Moves every text into its split, keeping the input order within each.
SplitTexts splitTexts(std::vector<std::string> texts);

}  // namespace megatoken
