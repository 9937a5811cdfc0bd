#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace megatoken {

// Whitespace exactly as Python's str.split() / str.strip() see it (str.isspace()), on UTF-8
// bytes. The reference metrics (sacreBLEU, rouge_score) are Python, so matching their token
// boundaries means treating U+00A0, U+2009, U+3000 and friends as separators too.

// Byte length of the whitespace character starting at text[pos], or 0 if there is none.
// Malformed UTF-8 is never whitespace.
std::size_t pythonWhitespaceLength(std::string_view text, std::size_t pos);

// str.split() with no arguments: runs of whitespace separate, no empty tokens.
std::vector<std::string> splitOnPythonWhitespace(std::string_view text);

// str.rstrip() with no arguments.
std::string_view rstripPythonWhitespace(std::string_view text);

}  // namespace megatoken
