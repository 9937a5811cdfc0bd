#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace megatoken {

// rouge_score's default tokenizer without stemming (tokenize.tokenize(text, None)): lowercase,
// every run of characters outside [a-z0-9] separates tokens, so punctuation and all non-ASCII
// letters vanish. That is what the package does (it mirrors ROUGE-1.5.5), and scores are only
// comparable with published ROUGE if the tokens are the same.
//
// Python lowercases before filtering, so the two characters whose lowercase is ASCII count too:
// U+212A KELVIN SIGN becomes "k", and U+0130 (capital I with dot) becomes "i" followed by a
// combining dot, which then ends the token.
std::vector<std::string> rougeTokenize(std::string_view text);

}  // namespace megatoken
