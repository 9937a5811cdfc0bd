#include "core/data/RstProse.h"

#include <algorithm>
#include <cstring>
#include <initializer_list>

namespace megatoken {

namespace {

// ---------------------------------------------------------------------------------------------
// Characters

bool isAsciiSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool isAsciiAlnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool isAsciiLetter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isAsciiDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isNonAscii(char c)
{
    return static_cast<unsigned char>(c) >= 0x80;
}

std::string asciiLowered(std::string_view text)
{
    std::string lower(text);
    for (char& c : lower)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
    return lower;
}

bool startsWith(std::string_view text, std::string_view prefix)
{
    return text.substr(0, prefix.size()) == prefix;
}

bool endsWith(std::string_view text, std::string_view suffix)
{
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && isAsciiSpace(text.front())) text.remove_prefix(1);
    while (!text.empty() && isAsciiSpace(text.back())) text.remove_suffix(1);
    return text;
}

// Collapses every run of ASCII whitespace to one space and trims the ends.
std::string collapsedWhitespace(std::string_view text)
{
    std::string result;
    result.reserve(text.size());
    bool pendingSpace = false;
    for (char c : text) {
        if (isAsciiSpace(c)) {
            pendingSpace = !result.empty();
            continue;
        }
        if (pendingSpace) result += ' ';
        pendingSpace = false;
        result += c;
    }
    return result;
}

// ---------------------------------------------------------------------------------------------
// Lines

struct Line {
    std::string text;  // without indentation and trailing whitespace; tabs expanded
    std::size_t indent = 0;
    bool blank() const { return text.empty(); }
};

std::vector<Line> splitLines(std::string_view source)
{
    std::vector<Line> lines;
    while (true) {
        const std::size_t end = source.find('\n');
        std::string_view raw = source.substr(0, end);
        Line line;
        std::string expanded;
        expanded.reserve(raw.size());
        for (char c : raw) {
            if (c == '\t')
                expanded.append(8 - expanded.size() % 8, ' ');  // rST's tab stops
            else if (c == '\r' || c == '\f' || c == '\v')
                expanded += ' ';
            else
                expanded += c;
        }
        while (!expanded.empty() && expanded.back() == ' ') expanded.pop_back();
        std::size_t indent = 0;
        while (indent < expanded.size() && expanded[indent] == ' ') ++indent;
        line.indent = indent;
        line.text = expanded.substr(indent);
        lines.push_back(std::move(line));
        if (end == std::string_view::npos) break;
        source.remove_prefix(end + 1);
    }
    return lines;
}

// The first line at or after `from` that is not blank and not indented deeper than `indent`:
// where a block indented under a line of that indentation ends.
std::size_t endOfIndentedBlock(const std::vector<Line>& lines, std::size_t from, std::size_t indent)
{
    std::size_t j = from;
    while (j < lines.size() && (lines[j].blank() || lines[j].indent > indent)) ++j;
    return j;
}

// ---------------------------------------------------------------------------------------------
// Block-level recognition

bool isAdornmentChar(char c)
{
    return std::strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) != nullptr && c != '\0';
}

// A section title's over- or underline, or a transition: one punctuation character repeated.
bool isAdornment(std::string_view text)
{
    if (text.size() < 2 || !isAdornmentChar(text[0])) return false;
    if (text == "::" || text == "..") return false;
    return std::all_of(text.begin(), text.end(), [&](char c) { return c == text[0]; });
}

// A border of a simple table ("=====  =====", also "-----  ---" inside one) or a grid table line.
bool isTableLine(std::string_view text)
{
    if (text.empty()) return false;
    if (text[0] == '+' && text.size() >= 3 && text.back() == '+' &&
        text.find_first_not_of("+-=| ") == std::string_view::npos)
        return true;
    if (text[0] == '|' && text.size() >= 2 && text.back() == '|') return true;
    if (text[0] == '=' || text[0] == '-') {
        const char border[] = {text[0], ' ', '\0'};
        // Two columns or more: one column's border is a section adornment.
        return text.find_first_not_of(border) == std::string_view::npos && text.find(' ') != std::string_view::npos;
    }
    return false;
}

// Three spaces or more inside a line: columns of a table, or aligned code.
bool hasColumnGap(std::string_view text)
{
    return text.find("   ") != std::string_view::npos;
}

bool isRomanNumeral(std::string_view text)
{
    return !text.empty() && text.find_first_not_of("ivxlcdmIVXLCDM") == std::string_view::npos;
}

// A bullet, enumerated, field or option list item, or a line block line.
bool startsListItem(std::string_view text)
{
    if (text.empty()) return false;
    const auto followedBySpaceOrEnd = [&](std::size_t position) {
        return position >= text.size() || text[position] == ' ';
    };
    // Bullets, ASCII and the Unicode ones docutils accepts (U+2022, U+2023, U+2043).
    if ((text[0] == '*' || text[0] == '+' || text[0] == '-') && followedBySpaceOrEnd(1)) return true;
    for (const char* bullet : {"\xE2\x80\xA2", "\xE2\x80\xA3", "\xE2\x81\x83"})
        if (startsWith(text, bullet) && followedBySpaceOrEnd(3)) return true;
    if (text[0] == '|' && followedBySpaceOrEnd(1)) return true;  // line block

    // Enumerators: 1. a) (iv) #.
    std::size_t position = 0;
    const bool parenthesised = text[0] == '(';
    if (parenthesised) ++position;
    std::size_t end = position;
    while (end < text.size() && isAsciiAlnum(text[end])) ++end;
    if (end == position && end < text.size() && text[end] == '#') ++end;
    const std::string_view enumerator = text.substr(position, end - position);
    const bool validEnumerator =
        enumerator == "#" || (!enumerator.empty() && std::all_of(enumerator.begin(), enumerator.end(), isAsciiDigit)) ||
        (enumerator.size() == 1 && isAsciiLetter(enumerator[0])) || isRomanNumeral(enumerator);
    if (validEnumerator && end < text.size()) {
        const char closer = text[end];
        if ((parenthesised && closer == ')') || (!parenthesised && (closer == '.' || closer == ')')))
            if (followedBySpaceOrEnd(end + 1)) return true;
    }

    // Field lists: ":name: body" (a role, ":func:`x`", is followed by a backquote instead).
    if (text[0] == ':') {
        const std::size_t close = text.find(':', 1);
        if (close != std::string_view::npos && close > 1 && followedBySpaceOrEnd(close + 1) &&
            text.substr(1, close - 1).find('`') == std::string_view::npos)
            return true;
    }

    // Option lists: "-v", "-o FILE", "--verbose=LEVEL", "-a, --all".
    if (text[0] == '-' && text.size() >= 2 && (isAsciiAlnum(text[1]) || text[1] == '-')) {
        const std::size_t word = text.find(' ');
        const std::string_view option = text.substr(0, word);
        if (option.size() == 2 || startsWith(option, "--") || option.find('=') != std::string_view::npos ||
            option.back() == ',')
            return true;
    }
    return false;
}

// The directive name of an explicit markup line ".. name:: arguments", or "".
std::string_view directiveName(std::string_view text, std::string_view* arguments)
{
    if (!startsWith(text, ".. ")) return {};
    std::string_view rest = text.substr(3);
    const std::size_t marker = rest.find("::");
    if (marker == std::string_view::npos || marker == 0) return {};
    const std::string_view name = rest.substr(0, marker);
    for (char c : name)
        if (!isAsciiAlnum(c) && c != '-' && c != '_' && c != ':' && c != '+' && c != '.') return {};
    const std::size_t after = marker + 2;
    if (after < rest.size() && rest[after] != ' ') return {};
    if (arguments) *arguments = trimmed(rest.substr(after));
    return name;
}

bool isOneOf(std::string_view name, std::initializer_list<std::string_view> names)
{
    return std::find(names.begin(), names.end(), name) != names.end();
}

// Whether name is one of the space-separated words of names.
bool isOneOfWords(std::string_view name, std::string_view names)
{
    for (std::size_t at = names.find(name); !name.empty() && at != std::string_view::npos;
         at = names.find(name, at + 1)) {
        const std::size_t end = at + name.size();
        if ((at == 0 || names[at - 1] == ' ') && (end == names.size() || names[end] == ' ')) return true;
    }
    return false;
}

// Directives whose content is text to read: admonitions (their first line may hold text).
bool isAdmonition(std::string_view name)
{
    return isOneOf(name, {"note", "warning", "important", "tip", "caution", "attention", "hint", "danger", "error",
                          "seealso", "impl-detail", "epigraph", "highlights"});
}

bool isVersionNote(std::string_view name)
{
    return name == "versionadded" || name == "versionchanged" || name == "deprecated" || name == "deprecated-removed";
}

// Version notes, which Sphinx prints as "Changed in version 3.3: ...": that prefix, taking the
// version numbers off arguments.
std::string versionNotePrefix(std::string_view name, std::string_view& arguments)
{
    std::string_view first = arguments.substr(0, arguments.find(' '));
    arguments.remove_prefix(first.size());
    arguments = trimmed(arguments);
    if (name == "versionadded") return "New in version " + std::string(first);
    if (name == "versionchanged") return "Changed in version " + std::string(first);
    if (name == "deprecated") return "Deprecated since version " + std::string(first);
    if (name == "deprecated-removed") {
        const std::string_view second = arguments.substr(0, arguments.find(' '));
        arguments.remove_prefix(second.size());
        arguments = trimmed(arguments);
        return "Deprecated since version " + std::string(first) + ", will be removed in version " + std::string(second);
    }
    return {};
}

// Directives that describe an object or hold a titled block: their own lines (signatures,
// options) are skipped, their content is read.
bool hasTextContent(std::string_view name)
{
    if (startsWith(name, "py:")) name.remove_prefix(3);
    if (startsWith(name, "c:")) return true;  // c:function, c:member, c:type, c:macro, c:var, ...
    // One name per word, in one string: clang-format would put a list of them one per line.
    return isOneOfWords(name, "function method class attribute data exception decorator decoratormethod classmethod "
                              "staticmethod abstractmethod coroutinefunction coroutinemethod awaitablefunction "
                              "awaitablemethod property describe object opcode cmdoption option envvar pdbcommand "
                              "2to3fixer topic sidebar glossary");
}

// Directives that print nothing: a section label before them still labels the next section.
bool isInvisible(std::string_view name)
{
    return isOneOf(name, {"index", "highlight", "currentmodule", "py:currentmodule", "module", "py:module",
                          "sectionauthor", "moduleauthor", "tabularcolumns"});
}

// A title's markup as plain text (references inside it are rare and stay unresolved).
std::string plainTitle(std::string_view markup)
{
    return rstToPlainText(markup, RstReferences{}).text;
}

class BlockParser {
public:
    explicit BlockParser(std::string_view source) : lines_(splitLines(source)) {}

    RstDocument parse()
    {
        std::size_t i = 0;
        while (i < lines_.size()) {
            if (lines_[i].blank()) {
                ++i;
                continue;
            }
            i = blockAt(i);
        }
        return std::move(document_);
    }

private:
    // Handles the block starting at line i (not blank): explicit markup here, anything else in
    // block(). Returns the line after it.
    std::size_t blockAt(std::size_t i)
    {
        const Line& line = lines_[i];
        const std::size_t indent = line.indent;
        if (!(line.text == ".." || startsWith(line.text, ".. "))) return block(i);

        std::string_view arguments;
        const std::string_view name = directiveName(line.text, &arguments);
        if (name.empty()) {
            // A target ".. _label:", a footnote, a citation, a substitution definition or a comment.
            const std::string_view rest = line.text.size() > 3 ? std::string_view(line.text).substr(3) : "";
            if (startsWith(rest, "_") && endsWith(rest, ":") && rest.size() > 2 && rest != "__:") {
                std::string label(rest.substr(1, rest.size() - 2));
                if (label.size() >= 2 && label.front() == '`' && label.back() == '`')
                    label = label.substr(1, label.size() - 2);
                pendingLabels_.push_back(asciiLowered(collapsedWhitespace(label)));
            }
            return endOfIndentedBlock(lines_, i + 1, indent);
        }

        if (isAdmonition(name) || isVersionNote(name)) {
            pendingLabels_.clear();
            const std::string prefix = isVersionNote(name) ? versionNotePrefix(name, arguments) : std::string();
            // Options (":class: ...") come first; then the content, which may start on the
            // directive's own line and continue on the lines under it.
            std::size_t j = i + 1;
            while (j < lines_.size() && !lines_[j].blank() && lines_[j].indent > indent && lines_[j].text[0] == ':' &&
                   startsListItem(lines_[j].text))
                ++j;
            std::string first = std::string(arguments);
            if (!prefix.empty()) {
                if (first.empty()) {
                    // The note's text is its content's first paragraph.
                    std::size_t k = j;
                    while (k < lines_.size() && lines_[k].blank()) ++k;
                    if (k < lines_.size() && lines_[k].indent > indent) {
                        lines_[k].text = prefix + ": " + lines_[k].text;
                        return j;
                    }
                    first = prefix + '.';
                } else {
                    first = prefix + ": " + first;
                }
            }
            if (first.empty()) return j;
            // Let the directive's line (or its last option's) hold the first line of its
            // content, indented like the lines that continue it.
            const std::size_t target = j - 1;
            lines_[target].text = first;
            lines_[target].indent =
                j < lines_.size() && !lines_[j].blank() && lines_[j].indent > indent ? lines_[j].indent : indent + 3;
            return block(target);
        }
        if (hasTextContent(name)) {
            pendingLabels_.clear();
            std::size_t j = i + 1;  // signatures on further lines, options
            while (j < lines_.size() && !lines_[j].blank() && lines_[j].indent > indent) ++j;
            return j;
        }
        if (!isInvisible(name)) pendingLabels_.clear();
        return endOfIndentedBlock(lines_, i + 1, indent);
    }

    // A block that is not explicit markup: a section title, a paragraph, a list, a table...
    std::size_t block(std::size_t i)
    {
        const Line& first = lines_[i];
        const std::size_t indent = first.indent;
        const auto continues = [&](std::size_t j) { return j < lines_.size() && !lines_[j].blank(); };

        // Section titles, with an overline or without; transitions.
        if (isAdornment(first.text) && continues(i + 1) && continues(i + 2) && lines_[i + 2].text == first.text &&
            !isAdornment(lines_[i + 1].text)) {
            title(lines_[i + 1].text);
            return i + 3;
        }
        if (continues(i + 1) && isAdornment(lines_[i + 1].text) && !isAdornment(first.text) &&
            lines_[i + 1].indent == indent &&
            lines_[i + 1].text.size() >= std::min<std::size_t>(first.text.size(), 3)) {
            title(first.text);
            return i + 2;
        }
        if (isAdornment(first.text)) return skipParagraph(i);

        pendingLabels_.clear();
        if (startsWith(first.text, ">>>")) return skipParagraph(i);  // doctest block
        if (isTableLine(first.text)) return skipParagraph(i);
        if (startsListItem(first.text)) return endOfIndentedBlock(lines_, i + 1, indent);
        // A definition list item: the term, then its definition indented under it.
        if (continues(i + 1) && lines_[i + 1].indent > indent) return i + 1;

        // The paragraph: the following lines of the same indentation.
        std::size_t end = i + 1;
        while (continues(end) && lines_[end].indent == indent) ++end;
        bool keep = true;
        std::string markup;
        for (std::size_t j = i; j < end; ++j) {
            if (isTableLine(lines_[j].text) || hasColumnGap(lines_[j].text) || isAdornment(lines_[j].text))
                keep = false;
            if (!markup.empty()) markup += ' ';
            markup += lines_[j].text;
        }
        // "::" at the end introduces a literal block: the lines indented under the paragraph.
        if (endsWith(markup, "::")) {
            markup.resize(markup.size() - 2);
            if (!markup.empty() && markup.back() != ' ') markup += ':';
            markup = std::string(trimmed(markup));
            end = endOfIndentedBlock(lines_, end, indent);
        }
        if (keep && !markup.empty()) document_.paragraphs.push_back({std::move(markup), i + 1});
        return end;
    }

    std::size_t skipParagraph(std::size_t i)
    {
        std::size_t j = i;
        while (j < lines_.size() && !lines_[j].blank()) ++j;
        return j;
    }

    void title(std::string_view markup)
    {
        const std::string text = plainTitle(markup);
        if (document_.title.empty()) document_.title = text;
        for (std::string& label : pendingLabels_) document_.sectionLabels.emplace_back(std::move(label), text);
        pendingLabels_.clear();
    }

    std::vector<Line> lines_;
    RstDocument document_;
    std::vector<std::string> pendingLabels_;
};

// ---------------------------------------------------------------------------------------------
// Inline markup

// Docutils' inline markup recognition rules, restricted to ASCII (any non-ASCII neighbour is
// accepted): a start-string follows whitespace or an opening punctuation character and is
// followed by non-whitespace; an end-string follows non-whitespace and is followed by whitespace
// or punctuation.
bool startAllowedAfter(std::string_view text, std::size_t position)
{
    if (position == 0) return true;
    const char c = text[position - 1];
    return isAsciiSpace(c) || isNonAscii(c) || std::strchr("-:/'\"<([{", c) != nullptr;
}

bool endAllowedBefore(std::string_view text, std::size_t position)
{
    if (position >= text.size()) return true;
    const char c = text[position];
    return isAsciiSpace(c) || isNonAscii(c) || std::strchr("-.,:;!?\\/'\")]}>", c) != nullptr;
}

char matchingCloser(char c)
{
    switch (c) {
        case '\'': return '\'';
        case '"': return '"';
        case '<': return '>';
        case '(': return ')';
        case '[': return ']';
        case '{': return '}';
        default: return '\0';
    }
}

// Whether a start-string of `length` characters at `position` can open inline markup.
bool canOpen(std::string_view text, std::size_t position, std::size_t length)
{
    if (!startAllowedAfter(text, position)) return false;
    const std::size_t after = position + length;
    if (after >= text.size() || isAsciiSpace(text[after])) return false;
    // '*' in quotes or brackets is a character, not markup.
    if (position > 0) {
        const char closer = matchingCloser(text[position - 1]);
        if (closer != '\0' && text[after] == closer) return false;
    }
    return true;
}

// Resolves backslash escapes: "\x" is x, a backslash before whitespace vanishes with it.
std::string unescaped(std::string_view text)
{
    std::string result;
    result.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) {
            ++i;
            if (!isAsciiSpace(text[i])) result += text[i];
            continue;
        }
        if (text[i] != '\\') result += text[i];
    }
    return result;
}

// Splits "title <target>" into its parts; false when there is no explicit title.
bool splitExplicitTitle(std::string_view content, std::string& title, std::string& target)
{
    if (content.empty() || content.back() != '>') return false;
    const std::size_t open = content.rfind('<');
    if (open == std::string_view::npos || open == 0) return false;
    const std::string_view before = trimmed(content.substr(0, open));  // "title<target>" too, as Sphinx
    if (before.empty()) return false;
    title = std::string(before);
    target = std::string(content.substr(open + 1, content.size() - open - 2));
    return true;
}

// Sphinx's rendering of a cross-reference to a Python or C object without an explicit title.
std::string objectReferenceText(std::string target, bool functionLike)
{
    if (!target.empty() && target[0] == '!') target.erase(0, 1);
    std::size_t leadingDots = 0;
    while (leadingDots < target.size() && target[leadingDots] == '.') ++leadingDots;
    target.erase(0, leadingDots);
    if (!target.empty() && target[0] == '~') {
        target.erase(0, 1);
        const std::size_t dot = target.rfind('.');
        if (dot != std::string::npos) target.erase(0, dot + 1);
    }
    if (functionLike) {
        if (endsWith(target, "()")) target.resize(target.size() - 2);
        target += "()";
    }
    return target;
}

std::string normalisedDocumentPath(std::string_view documentName, std::string_view target)
{
    std::vector<std::string> parts;
    if (!startsWith(target, "/")) {
        std::string_view directory =
            documentName.substr(0, documentName.rfind('/') == std::string_view::npos ? 0 : documentName.rfind('/'));
        while (!directory.empty()) {
            const std::size_t slash = directory.find('/');
            parts.emplace_back(directory.substr(0, slash));
            directory.remove_prefix(slash == std::string_view::npos ? directory.size() : slash + 1);
        }
    }
    while (!target.empty()) {
        const std::size_t slash = target.find('/');
        const std::string_view part = target.substr(0, slash);
        target.remove_prefix(slash == std::string_view::npos ? target.size() : slash + 1);
        if (part.empty() || part == ".") continue;
        if (part == "..") {
            if (!parts.empty()) parts.pop_back();
            continue;
        }
        parts.emplace_back(part);
    }
    std::string path;
    for (const std::string& part : parts) path += (path.empty() ? "" : "/") + part;
    return path;
}

class InlineRenderer {
public:
    InlineRenderer(std::string_view text, const RstReferences& references, std::string_view documentName)
        : text_(text), references_(references), documentName_(documentName)
    {
    }

    RstPlainText render()
    {
        std::size_t i = 0;
        while (i < text_.size()) i = step(i);
        RstPlainText result;
        result.text = collapsedWhitespace(out_);
        result.codeBytes = std::min(codeBytes_, result.text.size());
        result.unresolved = unresolved_;
        return result;
    }

private:
    std::size_t step(std::size_t i)
    {
        const char c = text_[i];
        if (c == '\\') {
            if (i + 1 < text_.size() && !isAsciiSpace(text_[i + 1])) out_ += text_[i + 1];
            return i + 2;
        }
        if (c == '`' && startsWith(text_.substr(i), "``") && canOpen(text_, i, 2)) {
            if (const std::size_t next = inlineLiteral(i); next != i) return next;
        }
        if (c == '`' && canOpen(text_, i, 1) && text_[i + 1] != '`') {
            if (const std::size_t next = interpreted(i, {}); next != i) return next;
        }
        if (c == ':' && startAllowedAfter(text_, i)) {
            if (const std::size_t next = role(i); next != i) return next;
        }
        if (c == '*') {
            const std::size_t length = startsWith(text_.substr(i), "**") ? 2 : 1;
            if (canOpen(text_, i, length)) {
                if (const std::size_t next = emphasis(i, length); next != i) return next;
            }
        }
        if (c == '[' && startAllowedAfter(text_, i)) {
            if (const std::size_t next = footnoteReference(i); next != i) return next;
        }
        if (c == '|' && canOpen(text_, i, 1)) {
            if (const std::size_t next = substitutionReference(i); next != i) return next;
        }
        if (c == '_' && !out_.empty() && isAsciiAlnum(out_.back())) {
            if (const std::size_t next = simpleReferenceEnd(i); next != i) return next;
        }
        out_ += c;
        return i + 1;
    }

    // The position of `end` (not escaped, after non-whitespace, followed by an allowed
    // character) at or after `from`, or npos.
    std::size_t findEnd(std::size_t from, std::string_view end, bool escapes, bool checkAfter = true) const
    {
        for (std::size_t j = text_.find(end, from); j != std::string_view::npos; j = text_.find(end, j + 1)) {
            if (j == 0 || isAsciiSpace(text_[j - 1])) continue;
            if (escapes && text_[j - 1] == '\\') continue;
            if (checkAfter && !endAllowedBefore(text_, j + end.size())) continue;
            return j;
        }
        return std::string_view::npos;
    }

    std::size_t inlineLiteral(std::size_t i)
    {
        const std::size_t end = findEnd(i + 2, "``", false);
        if (end == std::string_view::npos) return i;
        appendCode(text_.substr(i + 2, end - i - 2));
        return end + 2;
    }

    // `text`, `text`_, `text <url>`__, `text`:role:; `role` is set when a prefix role led here.
    std::size_t interpreted(std::size_t i, std::string_view prefixRole)
    {
        const std::size_t end = findEnd(i + 1, "`", true, false);
        if (end == std::string_view::npos || end == i + 1) return i;
        const std::string_view content = text_.substr(i + 1, end - i - 1);
        std::size_t next = end + 1;
        if (prefixRole.empty()) {
            if (startsWith(text_.substr(next), "__")) {
                appendText(hyperlinkText(content));
                return next + 2;
            }
            if (startsWith(text_.substr(next), "_")) {
                appendText(hyperlinkText(content));
                return next + 1;
            }
            // A suffix role: `text`:role:
            if (next < text_.size() && text_[next] == ':') {
                const std::size_t close = text_.find(':', next + 1);
                if (close != std::string_view::npos && close > next + 1 &&
                    validRoleName(text_.substr(next + 1, close - next - 1))) {
                    renderRole(text_.substr(next + 1, close - next - 1), content);
                    return close + 1;
                }
            }
            appendText(unescaped(content));  // the default role: a title reference, printed as is
            return next;
        }
        renderRole(prefixRole, content);
        return next;
    }

    static bool validRoleName(std::string_view name)
    {
        if (name.empty() || !isAsciiAlnum(name.front()) || !isAsciiAlnum(name.back())) return false;
        for (char c : name)
            if (!isAsciiAlnum(c) && std::strchr("-_.:+", c) == nullptr) return false;
        return true;
    }

    // :role:`content`
    std::size_t role(std::size_t i)
    {
        const std::size_t open = text_.find(":`", i + 1);
        if (open == std::string_view::npos) return i;
        const std::string_view name = text_.substr(i + 1, open - i - 1);
        if (!validRoleName(name)) return i;
        if (open + 2 >= text_.size() || isAsciiSpace(text_[open + 2])) return i;
        const std::size_t next = interpreted(open + 1, name);
        return next == open + 1 ? i : next;
    }

    std::size_t emphasis(std::size_t i, std::size_t length)
    {
        const std::string_view marker = length == 2 ? "**" : "*";
        std::size_t end = findEnd(i + length, marker, true);
        // "*a**" ends at the first asterisk that may end it; "**" never ends "*".
        while (length == 1 && end != std::string_view::npos && end + 1 < text_.size() && text_[end + 1] == '*')
            end = findEnd(end + 2, marker, true);
        if (end == std::string_view::npos) return i;
        appendText(unescaped(text_.substr(i + length, end - i - length)));
        return end + length;
    }

    // [1]_, [#]_, [#note]_, [*]_, [CIT2002]_: dropped, with the space before them.
    std::size_t footnoteReference(std::size_t i)
    {
        const std::size_t close = text_.find("]_", i + 1);
        if (close == std::string_view::npos || close == i + 1) return i;
        const std::string_view label = text_.substr(i + 1, close - i - 1);
        for (char c : label)
            if (!isAsciiAlnum(c) && std::strchr("#*-_.", c) == nullptr) return i;
        std::size_t next = close + 2;
        if (next < text_.size() && text_[next] == '_') ++next;  // anonymous: ]__
        if (!endAllowedBefore(text_, next)) return i;
        while (!out_.empty() && isAsciiSpace(out_.back())) out_.pop_back();
        return next;
    }

    // |name|, |name|_: the name (Sphinx's substitutions are rare in running text).
    std::size_t substitutionReference(std::size_t i)
    {
        const std::size_t end = findEnd(i + 1, "|", true, false);
        if (end == std::string_view::npos) return i;
        std::size_t next = end + 1;
        while (next < text_.size() && text_[next] == '_' && next < end + 3) ++next;
        if (!endAllowedBefore(text_, next)) return i;
        appendText(unescaped(text_.substr(i + 1, end - i - 1)));
        return next;
    }

    // The "_" or "__" that ends a simple reference name such as "Python_": dropped.
    std::size_t simpleReferenceEnd(std::size_t i)
    {
        std::size_t next = i + 1;
        if (next < text_.size() && text_[next] == '_') ++next;
        if (!endAllowedBefore(text_, next) || (next < text_.size() && text_[next] == '_')) return i;
        // The name: alphanumerics joined by single - . + : (no underscores, so __init__ stays).
        std::size_t begin = i;
        while (begin > 0 && (isAsciiAlnum(text_[begin - 1]) || std::strchr("-.+:", text_[begin - 1]) != nullptr))
            --begin;
        while (begin < i && !isAsciiAlnum(text_[begin])) ++begin;
        if (begin == i || (begin > 0 && text_[begin - 1] == '_') || !startAllowedAfter(text_, begin)) return i;
        return next;
    }

    static std::string hyperlinkText(std::string_view content)
    {
        std::string title, target;
        if (splitExplicitTitle(content, title, target)) return unescaped(title);
        if (content.size() > 2 && content.front() == '<' && content.back() == '>')
            return std::string(content.substr(1, content.size() - 2));
        return unescaped(content);
    }

    void renderRole(std::string_view role, std::string_view rawContent)
    {
        const std::string lowerRole = asciiLowered(role);  // role names ignore case (:RFC:)
        std::string_view base = lowerRole;
        bool cDomain = false;
        if (startsWith(base, "py:")) base.remove_prefix(3);
        if (startsWith(base, "c:")) {
            base.remove_prefix(2);
            cDomain = true;
        }
        if (startsWith(base, "std:")) base.remove_prefix(4);
        const std::string content = unescaped(rawContent);
        std::string title, target;
        const bool explicitTitle = splitExplicitTitle(content, title, target);

        const bool objectRole = cDomain || isOneOf(base, {"func", "meth", "class", "mod", "attr", "data", "const",
                                                          "exc", "obj", "type", "macro"});
        if (objectRole) {
            appendCode(explicitTitle ? title : objectReferenceText(content, base == "func" || base == "meth"));
            return;
        }
        if (base == "ref" || base == "doc") {
            if (explicitTitle) {
                appendText(title);
                return;
            }
            const auto& table = base == "ref" ? references_.labelTitles : references_.documentTitles;
            const std::string key = base == "ref" ? asciiLowered(collapsedWhitespace(content))
                                                  : normalisedDocumentPath(documentName_, content);
            const auto found = table.find(key);
            if (found == table.end() || found->second.empty()) {
                unresolved_ = true;
                appendText(content);
            } else {
                appendText(found->second);
            }
            return;
        }
        if (base == "term" || base == "dfn" || base == "emphasis" || base == "strong" || base == "title-reference" ||
            base == "sub" || base == "sup") {
            appendText(explicitTitle ? title : content);
            return;
        }
        if (base == "pep" || base == "rfc") {
            if (explicitTitle) {
                appendText(title);
                return;
            }
            appendText((base == "pep" ? "PEP " : "RFC ") + content.substr(0, content.find('#')));
            return;
        }
        if (base == "issue" || base == "gh") {
            appendText((base == "issue" ? "bpo-" : "gh-") + content);
            return;
        }
        if (base == "abbr") {
            appendText(std::string(trimmed(content.substr(0, content.find(" (")))));
            return;
        }
        if (base == "samp" || base == "file") {
            std::string text;
            for (char c : content)
                if (c != '{' && c != '}') text += c;
            appendCode(text);
            return;
        }
        if (base == "menuselection") {
            std::string text = content;
            for (std::size_t at = text.find("-->"); at != std::string::npos; at = text.find("-->", at))
                text.replace(at, 3, "->");
            appendText(text);
            return;
        }
        if (base == "guilabel") {
            std::string text;
            for (std::size_t k = 0; k < content.size(); ++k) {
                if (content[k] == '&' && k + 1 < content.size() && content[k + 1] != '&') continue;
                text += content[k];
            }
            appendText(text);
            return;
        }
        // Code-like roles (code, keyword, option, envvar, program, kbd, token, opcode, source,
        // math, ...) and any other: their text.
        appendCode(explicitTitle ? title : (startsWith(content, "!") ? content.substr(1) : content));
    }

    void appendText(std::string_view text) { out_ += text; }

    void appendCode(std::string_view text)
    {
        out_ += text;
        codeBytes_ += text.size();
    }

    std::string_view text_;
    const RstReferences& references_;
    std::string_view documentName_;
    std::string out_;
    std::size_t codeBytes_ = 0;
    bool unresolved_ = false;
};

}  // namespace

void RstReferences::add(const std::string& documentName, const RstDocument& document)
{
    for (const auto& [label, title] : document.sectionLabels) labelTitles.emplace(label, title);
    if (!document.title.empty()) documentTitles.emplace(documentName, document.title);
}

RstDocument parseRstDocument(std::string_view text)
{
    return BlockParser(text).parse();
}

RstPlainText rstToPlainText(std::string_view markup, const RstReferences& references, std::string_view documentName)
{
    return InlineRenderer(markup, references, documentName).render();
}

}  // namespace megatoken
