// CSV cells as RFC 4180 writes them, read back by Python's csv module (the reference reader the
// expected values were checked against: csv.reader(io.StringIO(line)) gives the original text).
#include "core/io/CsvCell.h"

#include <QtTest>

using namespace megatoken;

class TestCsvCell : public QObject {
    Q_OBJECT

private slots:
    void quotesOnlyWhereNeeded_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("cell");
        QTest::newRow("plain") << "tiny-20261201"
                               << "tiny-20261201";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("comma") << "b,2"
                               << "\"b,2\"";
        QTest::newRow("quote doubled") << "say \"hi\""
                                       << "\"say \"\"hi\"\"\"";
        QTest::newRow("line feed") << "two\nlines"
                                   << "\"two\nlines\"";
        QTest::newRow("carriage return") << "a\rb"
                                         << "\"a\rb\"";
        QTest::newRow("leading blank") << " x"
                                       << "\" x\"";
        QTest::newRow("trailing tab") << "x\t"
                                      << "\"x\t\"";
        QTest::newRow("inner blank") << "a b"
                                     << "a b";
        QTest::newRow("unicode") << QString::fromUtf8("▁über") << QString::fromUtf8("▁über");
    }

    void quotesOnlyWhereNeeded()
    {
        QFETCH(QString, text);
        QFETCH(QString, cell);
        QCOMPARE(QString::fromStdString(csvCell(text.toStdString())), cell);
    }
};

QTEST_APPLESS_MAIN(TestCsvCell)
#include "tst_csv_cell.moc"
