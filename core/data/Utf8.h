#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace megatoken {

// Strict UTF-8 per Unicode 15 table 3-7: no overlong forms, no surrogates, nothing past U+10FFFF.
bool isValidUtf8(std::string_view text);

// Replaces each maximal invalid subpart (the Unicode "best practice", as Python and ICU do) with
// U+FFFD and returns how many replacements were made; 0 leaves text untouched.
std::size_t sanitizeUtf8(std::string& text);

// Number of code points in valid UTF-8 (counts lead bytes).
std::size_t countCodePoints(std::string_view text);

// Removes leading and trailing ASCII whitespace.
std::string_view trimAsciiWhitespace(std::string_view text);
void trimAsciiWhitespace(std::string& text);

}  // namespace megatoken
