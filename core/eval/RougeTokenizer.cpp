#include "core/eval/RougeTokenizer.h"

namespace megatoken {

std::vector<std::string> rougeTokenize(std::string_view text)
{
    std::vector<std::string> tokens;
    std::string token;
    const auto endToken = [&] {
        if (!token.empty()) tokens.push_back(std::move(token));
        token.clear();
    };

    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            token += c;
            ++i;
        } else if (c >= 'A' && c <= 'Z') {
            token += static_cast<char>(c - 'A' + 'a');
            ++i;
        } else if (text.compare(i, 2, "\xC4\xB0") == 0) {  // U+0130 -> "i" + U+0307
            token += 'i';
            endToken();
            i += 2;
        } else if (text.compare(i, 3, "\xE2\x84\xAA") == 0) {  // U+212A KELVIN SIGN -> "k"
            token += 'k';
            i += 3;
        } else {
            endToken();
            ++i;
        }
    }
    endToken();
    return tokens;
}

}  // namespace megatoken
