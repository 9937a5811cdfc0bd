#pragma once
// Running prose out of reStructuredText (the Sphinx sources of the Python documentation): the
// paragraphs a reader would see as body text, with code, tables, lists, headings and directives
// left out and the inline markup rendered as plain text, as Sphinx would print it.
//
// Two steps, because a :ref: without a title shows the title of a section that may live in
// another file: parseRstDocument() splits one file into candidate paragraphs (markup still in)
// and collects its section labels and title; once every file is parsed, rstToPlainText() renders
// each paragraph with the references of all of them.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace megatoken {

// One paragraph of body text as written: its lines joined by single spaces, inline markup in.
struct RstParagraph {
    std::string markup;
    std::uint64_t line = 0;  // 1-based line of its first line in the file
};

struct RstDocument {
    std::string title;  // the first section title, as plain text ("" when there is none)
    std::vector<RstParagraph> paragraphs;
    // Section labels (".. _label:" just before a section title), lowercased, with that title.
    std::vector<std::pair<std::string, std::string>> sectionLabels;
};

// What references without an explicit title resolve to, over a whole documentation tree.
struct RstReferences {
    std::unordered_map<std::string, std::string> labelTitles;     // lowercased label -> title
    std::unordered_map<std::string, std::string> documentTitles;  // "library/os" -> title

    // Adds a document named like "tutorial/controlflow" (its path without ".rst.txt").
    void add(const std::string& documentName, const RstDocument& document);
};

// Splits the text of one file into candidate paragraphs. Left out: section titles and
// transitions, literal blocks (after "::") and doctest blocks, tables, line blocks, bullet,
// enumerated, field and option lists, definition-list terms, comments, targets, substitution
// definitions, footnotes, and directives other than those whose body is text (admonitions,
// version notes, the descriptions of functions, classes and the like), of which only the body is
// read. A paragraph that introduces a literal block keeps its text ("Example::" reads
// "Example:").
RstDocument parseRstDocument(std::string_view text);

struct RstPlainText {
    std::string text;           // whitespace collapsed to single spaces, trimmed
    std::size_t codeBytes = 0;  // bytes of text that came from inline literals and code roles
    bool unresolved = false;    // a reference without a title that references could not resolve
};

// Renders the inline markup of one paragraph: emphasis and strong emphasis lose their asterisks,
// inline literals their backquotes, roles become what Sphinx prints (:func:`~os.path.join` ->
// "join()", :pep:`8` -> "PEP 8", :ref:`label` -> the section's title, explicit titles win),
// hyperlink references keep their text, footnote and citation references are dropped, backslash
// escapes are resolved. documentName (e.g. "library/os") resolves relative :doc: paths.
RstPlainText rstToPlainText(std::string_view markup, const RstReferences& references,
                            std::string_view documentName = {});

}  // namespace megatoken
