#include "core/data/Split.h"

#include <algorithm>

namespace megatoken {

std::uint64_t fnv1a64(std::string_view bytes)
{
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

Split splitOf(std::string_view text)
{
    switch (fnv1a64(text) % 100) {
        case 0: return Split::Test;
        case 1: return Split::Validation;
        default: return Split::Train;
    }
}

std::string_view splitName(Split split)
{
    switch (split) {
        case Split::Train: return "train";
        case Split::Validation: return "validation";
        case Split::Test: return "test";
    }
    return "train";
}

std::optional<Split> parseSplit(std::string_view name)
{
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c); });
    if (lower == "train") return Split::Train;
    if (lower == "validation" || lower == "val" || lower == "valid" || lower == "dev") return Split::Validation;
    if (lower == "test") return Split::Test;
    return std::nullopt;
}

SplitTexts splitTexts(std::vector<std::string> texts)
{
    SplitTexts result;
    result.train.reserve(texts.size() - texts.size() / 50);
    for (std::string& text : texts) {
        switch (splitOf(text)) {
            case Split::Train: result.train.push_back(std::move(text)); break;
            case Split::Validation: result.validation.push_back(std::move(text)); break;
            case Split::Test: result.test.push_back(std::move(text)); break;
        }
    }
    return result;
}

}  // namespace megatoken
