#include "core/eval/PythonWhitespace.h"

namespace megatoken {

namespace {

unsigned char byteAt(std::string_view text, std::size_t pos)
{
    return pos < text.size() ? static_cast<unsigned char>(text[pos]) : 0;
}

}  // namespace

std::size_t pythonWhitespaceLength(std::string_view text, std::size_t pos)
{
    const unsigned char lead = byteAt(text, pos);
    // ASCII: \t \n \v \f \r, the information separators U+001C..U+001F, and space.
    if ((lead >= 0x09 && lead <= 0x0D) || (lead >= 0x1C && lead <= 0x20)) return 1;

    const unsigned char second = byteAt(text, pos + 1);
    const unsigned char third = byteAt(text, pos + 2);
    switch (lead) {
        case 0xC2:  // U+0085 NEXT LINE, U+00A0 NO-BREAK SPACE
            return (second == 0x85 || second == 0xA0) ? 2 : 0;
        case 0xE1:  // U+1680 OGHAM SPACE MARK
            return (second == 0x9A && third == 0x80) ? 3 : 0;
        case 0xE2:
            // U+2000..U+200A, U+2028, U+2029, U+202F
            if (second == 0x80 && ((third >= 0x80 && third <= 0x8A) || third == 0xA8 || third == 0xA9 || third == 0xAF))
                return 3;
            // U+205F MEDIUM MATHEMATICAL SPACE
            return (second == 0x81 && third == 0x9F) ? 3 : 0;
        case 0xE3:  // U+3000 IDEOGRAPHIC SPACE
            return (second == 0x80 && third == 0x80) ? 3 : 0;
        default: return 0;
    }
}

std::vector<std::string> splitOnPythonWhitespace(std::string_view text)
{
    std::vector<std::string> tokens;
    std::size_t pos = 0;
    std::size_t tokenStart = 0;
    bool inToken = false;
    while (pos < text.size()) {
        const std::size_t spaceLength = pythonWhitespaceLength(text, pos);
        if (spaceLength == 0) {
            if (!inToken) tokenStart = pos;
            inToken = true;
            ++pos;
            continue;
        }
        if (inToken) tokens.emplace_back(text.substr(tokenStart, pos - tokenStart));
        inToken = false;
        pos += spaceLength;
    }
    if (inToken) tokens.emplace_back(text.substr(tokenStart));
    return tokens;
}

std::string_view rstripPythonWhitespace(std::string_view text)
{
    // Scan forward so multi-byte spaces are recognised from their lead byte; remember where the
    // last non-space byte ended.
    std::size_t end = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t spaceLength = pythonWhitespaceLength(text, pos);
        if (spaceLength == 0) {
            ++pos;
            end = pos;
        } else {
            pos += spaceLength;
        }
    }
    return text.substr(0, end);
}

}  // namespace megatoken
