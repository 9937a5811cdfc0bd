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
    if (lead < 0x80)
        return 1;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0)
            secondLow = 0xA0; // overlong
        else if (lead == 0xED)
            secondHigh = 0x9F; // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0)
            secondLow = 0x90; // overlong
        else if (lead == 0xF4)
            secondHigh = 0x8F; // past U+10FFFF
    } else {
        invalidLength = 1;
        return 0;
    }

    std::size_t matched = 1;
    while (matched < length && pos + matched < text.size()) {
        const unsigned char next = byte(pos + matched);
        const unsigned char low = matched == 1 ? secondLow : 0x80;
        const unsigned char high = matched == 1 ? secondHigh : 0xBF;
        if (next < low || next > high)
            break;
        ++matched;
    }
    if (matched == length)
        return length;
    invalidLength = matched;
    return 0;
}

std::size_t firstNonAscii(std::string_view text, std::size_t pos)
{
    while (pos < text.size() && static_cast<unsigned char>(text[pos]) < 0x80)
        ++pos;
    return pos;
}

bool isAsciiWhitespace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// The lowercase partner of a two-byte code point (U+0080..U+07FF) in the covered blocks.
std::uint32_t lowercaseTwoByte(std::uint32_t cp)
{
    if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2)
        || (cp >= 0x410 && cp <= 0x42F))
        return cp + 0x20;
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 0x50;
    if (cp >= 0x100 && cp <= 0x17F) {
        // Latin Extended-A pairs capitals with the next code point, except for the dotless i,
        // kra and long s that break the even/odd rhythm.
        if ((cp <= 0x137 || (cp >= 0x14A && cp <= 0x177)) && cp % 2 == 0 && cp != 0x130)
            return cp + 1;
        if (((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) && cp % 2 == 1)
            return cp + 1;
        if (cp == 0x178)
            return 0xFF;
        return cp;
    }
    switch (cp) {
    case 0x386: return 0x3AC;
    case 0x388: case 0x389: case 0x38A: return cp + 0x25;
    case 0x38C: return 0x3CC;
    case 0x38E: case 0x38F: return cp + 0x3F;
    default: return cp;
    }
}

} // namespace

bool isValidUtf8(std::string_view text)
{
    std::size_t pos = firstNonAscii(text, 0);
    while (pos < text.size()) {
        std::size_t invalidLength = 0;
        const std::size_t length = wellFormedLength(text, pos, invalidLength);
        if (length == 0)
            return false;
        pos = firstNonAscii(text, pos + length);
    }
    return true;
}

std::size_t sanitizeUtf8(std::string& text)
{
    if (isValidUtf8(text))
        return 0;
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
    for (const char c : text)
        count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return count;
}

void lowercaseUtf8(std::string& text)
{
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto lead = static_cast<unsigned char>(text[i]);
        if (lead >= 'A' && lead <= 'Z') {
            text[i] = static_cast<char>(lead + ('a' - 'A'));
        } else if (lead >= 0xC2 && lead <= 0xDF && i + 1 < text.size()) {
            const auto trail = static_cast<unsigned char>(text[i + 1]);
            if ((trail & 0xC0) != 0x80)
                continue;
            const std::uint32_t cp = (std::uint32_t{lead} & 0x1F) << 6 | (trail & 0x3F);
            const std::uint32_t lower = lowercaseTwoByte(cp);
            text[i] = static_cast<char>(0xC0 | (lower >> 6));
            text[i + 1] = static_cast<char>(0x80 | (lower & 0x3F));
            ++i;
        }
    }
}

std::string_view trimAsciiWhitespace(std::string_view text)
{
    std::size_t begin = 0, end = text.size();
    while (begin < end && isAsciiWhitespace(text[begin]))
        ++begin;
    while (end > begin && isAsciiWhitespace(text[end - 1]))
        --end;
    return text.substr(begin, end - begin);
}

void trimAsciiWhitespace(std::string& text)
{
    std::size_t end = text.size();
    while (end > 0 && isAsciiWhitespace(text[end - 1]))
        --end;
    text.erase(end);
    std::size_t begin = 0;
    while (begin < text.size() && isAsciiWhitespace(text[begin]))
        ++begin;
    text.erase(0, begin);
}

} // namespace megatoken
