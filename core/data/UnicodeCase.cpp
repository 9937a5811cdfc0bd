#include "core/data/UnicodeCase.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

namespace megatoken {

void lowercaseUtf8(std::string& text)
{
    // Fast path: pure ASCII needs no ICU round trip (most corpora, and every 13a token stream).
    bool ascii = true;
    for (char& c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x80) {
            ascii = false;
            break;
        }
    }
    if (ascii) {
        for (char& c : text)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
        return;
    }
    icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(text);
    unicode.toLower(icu::Locale::getRoot());
    std::string lowered;
    lowered.reserve(text.size());
    unicode.toUTF8String(lowered);
    text.swap(lowered);
}

}  // namespace megatoken
