#pragma once
// Unicode case mapping through ICU (libicu), for data.lowercase and sacreBLEU's lowercase option.

#include <string>

namespace megatoken {

// Lowercases UTF-8 text in place with ICU's full, locale-independent (root locale) case mapping,
// the mapping Python's str.lower() applies: every cased script (Latin with comma below, Greek
// with final sigma, Cyrillic, Armenian, Cherokee, Deseret, fullwidth forms...), and the special
// casings that change the length ("İ" -> "i̇", "ẞ" -> "ß"). Invalid UTF-8 sequences become
// U+FFFD first (ICU's conversion). Source: Unicode's SpecialCasing.txt and UnicodeData.txt via
// ICU's UnicodeString::toLower(Locale::getRoot()); sacreBLEU's lowercase is str.lower().
void lowercaseUtf8(std::string& text);

}  // namespace megatoken
