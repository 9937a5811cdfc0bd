#include "core/data/Utf8.h"

#include <cstdint>

namespace megatoken {

namespace {

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";

// Length of the well-formed sequence starting at text[pos], or 0 if it is not well formed.
// invalidLength receives the length of the maximal invalid subpart in the latter case.
std::size_t wellFormedLength(std::string_view text, std::size_t pos, std::size_t& invalidLength)
{
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(pos);
    std::size_t length = 0;
    unsigned char secondLow = 0x80, secondHigh = 0xBF;
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0)
            secondLow = 0xA0;  // overlong
        else if (lead == 0xED)
            secondHigh = 0x9F;  // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0)
            secondLow = 0x90;  // overlong
        else if (lead == 0xF4)
            secondHigh = 0x8F;  // past U+10FFFF
    } else {
        invalidLength = 1;
        return 0;
    }

    std::size_t matched = 1;
    while (matched < length && pos + matched < text.size()) {
        const unsigned char next = byte(pos + matched);
        const unsigned char low = matched == 1 ? secondLow : 0x80;
        const unsigned char high = matched == 1 ? secondHigh : 0xBF;
        if (next < low || next > high) break;
        ++matched;
    }
    if (matched == length) return length;
    invalidLength = matched;
    return 0;
}

std::size_t firstNonAscii(std::string_view text, std::size_t pos)
{
    while (pos < text.size() && static_cast<unsigned char>(text[pos]) < 0x80) ++pos;
    return pos;
}

bool isAsciiWhitespace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// The lowercase partner of a two-byte code point (U+0080..U+07FF) in the covered blocks.
}  // namespace

bool isValidUtf8(std::string_view text)
{
    std::size_t pos = firstNonAscii(text, 0);
    while (pos < text.size()) {
        std::size_t invalidLength = 0;
        const std::size_t length = wellFormedLength(text, pos, invalidLength);
        if (length == 0) return false;
        pos = firstNonAscii(text, pos + length);
    }
    return true;
}

std::size_t sanitizeUtf8(std::string& text)
{
    if (isValidUtf8(text)) return 0;
    std::string clean;
    clean.reserve(text.size() + 16);
    std::size_t replacements = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t invalidLength = 0;
        const std::size_t length = wellFormedLength(text, pos, invalidLength);
        if (length > 0) {
            clean.append(text, pos, length);
            pos += length;
        } else {
            clean += kReplacementCharacter;
            ++replacements;
            pos += invalidLength;
        }
    }
    text.swap(clean);
    return replacements;
}

std::size_t countCodePoints(std::string_view text)
{
    std::size_t count = 0;
    for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return count;
}

std::string_view trimAsciiWhitespace(std::string_view text)
{
    std::size_t begin = 0, end = text.size();
    while (begin < end && isAsciiWhitespace(text[begin])) ++begin;
    while (end > begin && isAsciiWhitespace(text[end - 1])) --end;
    return text.substr(begin, end - begin);
}

void trimAsciiWhitespace(std::string& text)
{
    std::size_t end = text.size();
    while (end > 0 && isAsciiWhitespace(text[end - 1])) --end;
    text.erase(end);
    std::size_t begin = 0;
    while (begin < text.size() && isAsciiWhitespace(text[begin])) ++begin;
    text.erase(0, begin);
}

}  // namespace megatoken
