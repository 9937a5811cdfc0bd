#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace megatoken {

// Levenshtein distance counting a swap of two adjacent characters as one edit, so that the
// commonest typo ("gates.tua") is as close to its key as a single wrong letter.
std::size_t editDistance(std::string_view a, std::string_view b);

// The candidate closest to word, or nothing when even the closest is too far away to be what
// was meant (more than a third of the word's length, and at least two edits, are allowed).
// Ties go to the earlier candidate.
std::optional<std::string> closestMatch(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace megatoken
