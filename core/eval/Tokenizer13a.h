#pragma once

#include <string>
#include <string_view>

namespace megatoken {

// sacreBLEU's default "13a" tokenizer (tokenizers/tokenizer_13a.py + tokenizer_re.py), the
// mteval-v13a.pl normalisation WMT has reported BLEU with for years. BLEU is only comparable
// across papers when every system is tokenised the same way, so this reproduces it exactly
// rather than approximately: the Python regexes are replayed as explicit byte loops with the
// same left-to-right, non-overlapping matching.
//
// Returns the tokens joined by single spaces, as sacreBLEU's tokenizer does.
std::string tokenize13a(std::string_view line);

}  // namespace megatoken
