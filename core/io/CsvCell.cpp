#include "core/io/CsvCell.h"

namespace megatoken {

std::string csvCell(std::string_view text)
{
    const auto blank = [](char c) { return c == ' ' || c == '\t'; };
    const bool needsQuotes = text.find_first_of(",\"\r\n") != std::string_view::npos ||
                             (!text.empty() && (blank(text.front()) || blank(text.back())));
    if (!needsQuotes) return std::string(text);
    std::string quoted;
    quoted.reserve(text.size() + 2);
    quoted += '"';
    for (const char c : text) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

}  // namespace megatoken
