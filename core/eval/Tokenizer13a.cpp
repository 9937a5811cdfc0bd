#include "core/eval/Tokenizer13a.h"

#include "core/eval/PythonWhitespace.h"

namespace megatoken {

namespace {

// Python's str.replace: left to right, non-overlapping.
std::string replaceAll(std::string_view text, std::string_view from, std::string_view to)
{
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    for (std::size_t hit = text.find(from); hit != std::string_view::npos; hit = text.find(from, pos)) {
        out.append(text.substr(pos, hit - pos));
        out.append(to);
        pos = hit + from.size();
    }
    out.append(text.substr(pos));
    return out;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}
bool isPeriodOrComma(char c)
{
    return c == '.' || c == ',';
}

// The class [\{-\~\[-\` -\&\(-\+\:-\@\/]: all ASCII punctuation (and space) except the
// apostrophe, comma, hyphen and period, which get the context-dependent rules below.
bool alwaysSplitPunctuation(char c)
{
    return (c >= '{' && c <= '~') || (c >= '[' && c <= '`') || (c >= ' ' && c <= '&') || (c >= '(' && c <= '+') ||
           (c >= ':' && c <= '@') || c == '/';
}

// ([\{-\~\[-\` -\&\(-\+\:-\@\/]) -> " \1 "
std::string splitAlwaysSplitPunctuation(std::string_view text)
{
    std::string out;
    out.reserve(text.size() * 2);
    for (const char c : text) {
        if (alwaysSplitPunctuation(c)) {
            out += ' ';
            out += c;
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

// ([^0-9])([\.,]) -> "\1 \2 ": a period or comma not preceded by a digit.
// Working on bytes is equivalent to Python working on code points here: the match always ends
// in an ASCII byte, and a multi-byte character's last byte is as much a non-digit as the
// character itself.
std::string splitPeriodCommaAfterNonDigit(std::string_view text)
{
    std::string out;
    out.reserve(text.size() * 2);
    std::size_t i = 0;
    while (i < text.size()) {
        if (i + 1 < text.size() && !isDigit(text[i]) && isPeriodOrComma(text[i + 1])) {
            out += text[i];
            out += ' ';
            out += text[i + 1];
            out += ' ';
            i += 2;
        } else {
            out += text[i++];
        }
    }
    return out;
}

// ([\.,])([^0-9]) -> " \1 \2": a period or comma not followed by a digit. Consuming only the
// first byte of a multi-byte follower is harmless: its continuation bytes can never start a
// match.
std::string splitPeriodCommaBeforeNonDigit(std::string_view text)
{
    std::string out;
    out.reserve(text.size() * 2);
    std::size_t i = 0;
    while (i < text.size()) {
        if (i + 1 < text.size() && isPeriodOrComma(text[i]) && !isDigit(text[i + 1])) {
            out += ' ';
            out += text[i];
            out += ' ';
            out += text[i + 1];
            i += 2;
        } else {
            out += text[i++];
        }
    }
    return out;
}

// ([0-9])(-) -> "\1 \2 ": a dash after a digit, so ranges like "1990-2000" split.
std::string splitDashAfterDigit(std::string_view text)
{
    std::string out;
    out.reserve(text.size() * 2);
    std::size_t i = 0;
    while (i < text.size()) {
        if (i + 1 < text.size() && isDigit(text[i]) && text[i + 1] == '-') {
            out += text[i];
            out += " - ";
            i += 2;
        } else {
            out += text[i++];
        }
    }
    return out;
}

}  // namespace

std::string tokenize13a(std::string_view line)
{
    // Language-independent part, in sacreBLEU's order (the order matters: "&amp;lt;" becomes "<").
    std::string text = replaceAll(line, "<skipped>", "");
    text = replaceAll(text, "-\n", "");
    text = replaceAll(text, "\n", " ");
    text = replaceAll(text, "&quot;", "\"");
    text = replaceAll(text, "&amp;", "&");
    text = replaceAll(text, "&lt;", "<");
    text = replaceAll(text, "&gt;", ">");

    // The padding gives the context rules a neighbour at both ends of the line.
    text = " " + text + " ";
    text = splitAlwaysSplitPunctuation(text);
    text = splitPeriodCommaAfterNonDigit(text);
    text = splitPeriodCommaBeforeNonDigit(text);
    text = splitDashAfterDigit(text);

    std::string joined;
    joined.reserve(text.size());
    for (const std::string& token : splitOnPythonWhitespace(text)) {
        if (!joined.empty()) joined += ' ';
        joined += token;
    }
    return joined;
}

}  // namespace megatoken
