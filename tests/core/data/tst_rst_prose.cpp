// Running prose out of reStructuredText: which blocks are paragraphs of body text, and how inline
// markup reads as plain text (as Sphinx prints it).
#include "core/data/RstProse.h"

#include <QtTest>

#include <string>
#include <vector>

using namespace megatoken;

using Texts = std::vector<std::string>;
Q_DECLARE_METATYPE(Texts)

namespace {

// Every paragraph of a document as plain text, references resolved within the document.
Texts paragraphsOf(const std::string& source)
{
    const RstDocument document = parseRstDocument(source);
    RstReferences references;
    references.add("library/example", document);
    Texts texts;
    for (const RstParagraph& paragraph : document.paragraphs)
        texts.push_back(rstToPlainText(paragraph.markup, references, "library/example").text);
    return texts;
}

}  // namespace

class TestRstProse : public QObject {
    Q_OBJECT

private slots:
    void blocks_data();
    void blocks();
    void paragraphLineNumbers();
    void titlesAndLabels();
    void inlineMarkup_data();
    void inlineMarkup();
    void codeBytesAndUnresolvedReferences();
    void documentReferences();
};

void TestRstProse::blocks_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<Texts>("expected");

    QTest::newRow("paragraphs, lines joined") << "First line\nsecond line.\n\n\nAnother  one.\n"
                                              << Texts{"First line second line.", "Another one."};
    QTest::newRow("CRLF, tabs and trailing spaces") << "One\r\ntwo.  \r\n\r\n\tThree.\r\n"
                                                    << Texts{"One two.", "Three."};
    QTest::newRow("section titles and a transition")
        << "*****\nTitle\n*****\n\nText.\n\nSection\n=======\n\nMore text.\n\n----------\n\nEnd.\nSub\n---\n"
        << Texts{"Text.", "More text."};  // "End." went with the adornment under "Sub"
    QTest::newRow("title without a blank line after it") << "Title\n=====\nText under it.\n" << Texts{"Text under it."};
    QTest::newRow("literal blocks after ::")
        << "For example::\n\n   x = 1\n\n   y = 2\n\nAfter. ::\n\n   code\n\n::\n\n   more code\n\nDone.\n"
        << Texts{"For example:", "After.", "Done."};
    QTest::newRow("code directives and doctest blocks")
        << ".. code-block:: python\n   :linenos:\n\n   def f():\n       pass\n\n>>> 1 + 1\n2\n\n"
           ".. doctest::\n\n   >>> f()\n\nProse.\n"
        << Texts{"Prose."};
    QTest::newRow("simple and grid tables")
        << "=====  =====\nA      B\n=====  =====\n1      one\n\n2      two\n=====  =====\n\n"
           "+-----+-----+\n| a   | b   |\n+=====+=====+\n| 1   | 2   |\n+-----+-----+\n\nAfter the tables.\n"
        << Texts{"After the tables."};
    QTest::newRow("lists and their bodies")
        << "* bullet one\n  continued\n\n  second paragraph of the item.\n\n- dash item\n\n1. first\n#. second\n"
           "(a) third\nii) fourth\n\n:param x: a field\n   more.\n\n-v, --verbose  be loud\n--quiet  be quiet\n\n"
           "| a line block\n| another\n\nProse after the lists.\n"
        << Texts{"Prose after the lists."};
    QTest::newRow("explicit markup without text")
        << ".. _label:\n\n.. comment\n   spanning lines.\n\n..\n   an empty comment's block\n\n"
           ".. |name| replace:: substituted\n\n.. [1] A footnote.\n\n.. index:: single: x\n\n"
           ".. toctree::\n   :maxdepth: 2\n\n   intro\n\nKept.\n"
        << Texts{"Kept."};
    QTest::newRow("object descriptions: signatures and options skipped, content kept")
        << ".. function:: spam(a, b)\n              spam(a)\n   :noindex:\n\n   Return spam, *a* times.\n\n"
           "   .. versionadded:: 3.2\n\n.. class:: Eggs()\n\n   Eggs are *objects*.\n"
        << Texts{"Return spam, a times.", "New in version 3.2.", "Eggs are objects."};
    QTest::newRow("admonitions: text on the directive's line")
        << ".. note:: The first line\n   and the second.\n\n   Another paragraph.\n\n.. warning::\n\n   Careful.\n"
        << Texts{"The first line and the second.", "Another paragraph.", "Careful."};
    QTest::newRow("version notes")
        << ".. versionchanged:: 3.3\n   Added *key*.\n\n.. versionadded:: 3.4 The *x* argument.\n\n"
           ".. deprecated:: 3.6\n\n   Use :func:`eggs` instead.\n\n.. deprecated-removed:: 3.8 3.10\n"
        << Texts{"Changed in version 3.3: Added key.", "New in version 3.4: The x argument.",
                 "Deprecated since version 3.6: Use eggs() instead.",
                 "Deprecated since version 3.8, will be removed in version 3.10."};
    QTest::newRow("definition lists: the term is skipped")
        << "term\n   The definition, as prose.\n\n   Its second paragraph.\n\nNext.\n"
        << Texts{"The definition, as prose.", "Its second paragraph.", "Next."};
    QTest::newRow("other directives are skipped with their content")
        << ".. productionlist::\n   x: y\n\n.. only:: html\n\n   Only in HTML.\n\n.. rubric:: Footnotes\n\nText.\n"
        << Texts{"Text."};
    QTest::newRow("a column gap marks a table or aligned code") << "a   b\nc   d\n\nSentence.\n" << Texts{"Sentence."};
}

void TestRstProse::blocks()
{
    QFETCH(QString, source);
    QFETCH(Texts, expected);
    QCOMPARE(paragraphsOf(source.toStdString()), expected);
}

void TestRstProse::paragraphLineNumbers()
{
    const RstDocument document = parseRstDocument("Title\n=====\n\nFirst.\n\n::\n\n   code\n\nSecond\nparagraph.\n");
    QCOMPARE(document.paragraphs.size(), std::size_t(2));
    QCOMPARE(document.paragraphs[0].line, 4u);
    QCOMPARE(document.paragraphs[1].line, 10u);
    QCOMPARE(document.paragraphs[1].markup, std::string("Second paragraph."));
}

void TestRstProse::titlesAndLabels()
{
    const RstDocument document = parseRstDocument(
        ".. _top:\n\n************************\n:mod:`os` --- Interfaces\n************************\n\n"
        "Text.\n\n.. _Section-One:\n.. _alias:\n\n.. index:: single: one\n\nSection *one*\n=============\n\n"
        ".. _not-a-section:\n\nA paragraph.\n\nLater\n-----\n");
    QCOMPARE(document.title, std::string("os --- Interfaces"));
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"top", "os --- Interfaces"}, {"section-one", "Section one"}, {"alias", "Section one"}};
    QCOMPARE(document.sectionLabels, expected);
}

void TestRstProse::inlineMarkup_data()
{
    QTest::addColumn<QString>("markup");
    QTest::addColumn<QString>("expected");

    QTest::newRow("emphasis and strong") << "an *emphasised* and **strong** word"
                                         << "an emphasised and strong word";
    QTest::newRow("inline literal") << "call ``f(*args)`` now"
                                    << "call f(*args) now";
    QTest::newRow("asterisks that are not markup") << "2 * 3 and a*b and '*' and (*)"
                                                   << "2 * 3 and a*b and '*' and (*)";
    QTest::newRow("func adds parentheses") << ":func:`len` and :meth:`dict.get()`"
                                           << "len() and dict.get()";
    QTest::newRow("tilde keeps the last name") << ":func:`~os.path.join` and :class:`~collections.abc.Mapping`"
                                               << "join() and Mapping";
    QTest::newRow("! suppresses the link") << "the :keyword:`!if` statement"
                                           << "the if statement";
    QTest::newRow("explicit titles") << ":class:`a mapping <dict>`, :ref:`the tutorial<tut-intro>`"
                                     << "a mapping, the tutorial";
    QTest::newRow("domains and case") << ":c:func:`PyObject_New`, :py:class:`int`, :RFC:`2822`"
                                      << "PyObject_New(), int, RFC 2822";
    QTest::newRow("PEP, RFC, issues") << ":pep:`8`, :pep:`484#the-any-type`, :rfc:`3986`, :issue:`1234`, :gh:`99`"
                                      << "PEP 8, PEP 484, RFC 3986, bpo-1234, gh-99";
    QTest::newRow("abbr, samp, file, menuselection")
        << ":abbr:`LIFO (last-in, first-out)`, :samp:`print({x})`, :file:`{prefix}/lib`, "
           ":menuselection:`Start --> Programs`"
        << "LIFO, print(x), prefix/lib, Start -> Programs";
    QTest::newRow("term and other roles") << "an :term:`iterable` of :term:`bytes-like objects <bytes-like object>`"
                                          << "an iterable of bytes-like objects";
    QTest::newRow("hyperlinks") << "see `Python <https://python.org>`_, `the docs`_, `anon <x>`__ and Sphinx_."
                                << "see Python, the docs, anon and Sphinx.";
    QTest::newRow("default role") << "the `title` here"
                                  << "the title here";
    QTest::newRow("footnotes and citations dropped") << "Text [1]_, more [#note]_ and [CIT2002]_."
                                                     << "Text, more and.";
    QTest::newRow("escapes") << "\\*not emphasis\\*, :class:`str`\\ s, a\\\\b"
                             << "*not emphasis*, strs, a\\b";
    QTest::newRow("dunder names stay") << "the __init__ method and _private_ names"
                                       << "the __init__ method and _private_ names";
    QTest::newRow("unclosed markup is text") << "a ``b and *c"
                                             << "a ``b and *c";
    QTest::newRow("UTF-8 neighbours") << "«*Wort*» and “``code``”"
                                      << "«Wort» and “code”";
    QTest::newRow("resolved section reference") << "see :ref:`Section-One`."
                                                << "see Section one.";
}

void TestRstProse::inlineMarkup()
{
    QFETCH(QString, markup);
    QFETCH(QString, expected);
    RstReferences references;
    references.labelTitles["section-one"] = "Section one";
    const RstPlainText plain = rstToPlainText(markup.toStdString(), references);
    QCOMPARE(QString::fromStdString(plain.text), expected);
    QVERIFY(!plain.unresolved);
}

void TestRstProse::codeBytesAndUnresolvedReferences()
{
    const RstPlainText plain = rstToPlainText("Use ``x`` or :func:`f` *now*, see :ref:`nowhere`.", RstReferences{});
    QCOMPARE(plain.text, std::string("Use x or f() now, see nowhere."));
    QCOMPARE(plain.codeBytes, std::size_t(4));  // "x" and "f()"
    QVERIFY(plain.unresolved);

    const RstPlainText prose = rstToPlainText("Plain *text* with :pep:`8`.", RstReferences{});
    QCOMPARE(prose.codeBytes, std::size_t(0));
    QVERIFY(!prose.unresolved);
}

void TestRstProse::documentReferences()
{
    RstReferences references;
    RstDocument tutorial;
    tutorial.title = "The Tutorial";
    references.add("tutorial/index", tutorial);
    references.add("library/os", parseRstDocument("The os module\n=============\n"));
    QCOMPARE(references.documentTitles.at("library/os"), std::string("The os module"));

    QCOMPARE(rstToPlainText("See :doc:`../tutorial/index`.", references, "library/sys").text,
             std::string("See The Tutorial."));
    QCOMPARE(rstToPlainText("See :doc:`os`.", references, "library/sys").text, std::string("See The os module."));
    QCOMPARE(rstToPlainText("See :doc:`/library/os`.", references, "howto/x").text, std::string("See The os module."));
    QVERIFY(rstToPlainText("See :doc:`missing`.", references, "library/sys").unresolved);
}

QTEST_APPLESS_MAIN(TestRstProse)
#include "tst_rst_prose.moc"
