#include <QtTest>

#include <string>
#include <vector>

#include "core/data/DataError.h"
#include "core/data/TextLines.h"
#include "support/ErrorMessage.h"
#include "support/TestFiles.h"

using megatoken::DataError;
using megatoken::readTextLines;
using megatoken::test::messageOf;
using megatoken::test::writeFile;
using Lines = std::vector<std::string>;

Q_DECLARE_METATYPE(Lines)

class TestTextLines : public QObject {
    Q_OBJECT
private slots:
    // Expected: what Python's open(path, encoding="utf-8").readlines() gives, line ends removed
    // (sacreBLEU's command line reads files this way).
    void lines_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<Lines>("expected");
        QTest::newRow("newline at the end") << QByteArray("a\nb\n") << Lines{"a", "b"};
        QTest::newRow("no newline at the end") << QByteArray("a\nb") << Lines{"a", "b"};
        QTest::newRow("empty lines count") << QByteArray("a\n\n\nb\n") << Lines{"a", "", "", "b"};
        QTest::newRow("one empty line") << QByteArray("\n") << Lines{""};
        QTest::newRow("CRLF") << QByteArray("a\r\nb\r\n") << Lines{"a", "b"};
        // Universal newlines: a lone CR ends a line too; "\r\r\n" is an empty line between.
        QTest::newRow("lone CR") << QByteArray("a\rb\r\r\nc") << Lines{"a", "b", "", "c"};
        QTest::newRow("trailing spaces kept") << QByteArray("a b  \n") << Lines{"a b  "};
        QTest::newRow("byte order mark dropped") << QByteArray("\xEF\xBB\xBFzwei\n") << Lines{"zwei"};
        QTest::newRow("UTF-8 kept") << QByteArray("Stra\xC3\x9F"
                                                  "e\n\xCE\xA3\n")
                                    << Lines{"Stra\xC3\x9F"
                                             "e",
                                             "\xCE\xA3"};
    }

    void lines()
    {
        QFETCH(QByteArray, content);
        QFETCH(Lines, expected);
        QTemporaryDir dir;
        QCOMPARE(readTextLines(writeFile(dir, "f.txt", content)), expected);
    }

    void badFilesNameTheFile_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("problem");
        QTest::newRow("empty") << QByteArray() << "f.txt";
        QTest::newRow("invalid UTF-8 on line 2") << QByteArray("ok\nLatin-1 \xE9t\xE9\n") << "f.txt:2: not valid UTF-8";
    }

    void badFilesNameTheFile()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, problem);
        QTemporaryDir dir;
        const std::string path = writeFile(dir, "f.txt", content);
        const QString message = messageOf<DataError>([&] { readTextLines(path); });
        QVERIFY2(message.contains(problem), qPrintable(message));
    }

    void missingFileNamesTheFile()
    {
        const QString message = messageOf<DataError>([] { readTextLines("/nonexistent/hyp.txt"); });
        QVERIFY2(message.contains("/nonexistent/hyp.txt"), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestTextLines)
#include "tst_text_lines.moc"
