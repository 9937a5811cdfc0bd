// sweep.csv, the result table of `megatoken sweep`: round trips, tolerated variations, errors
// that name the file and line, the Pareto front and the Markdown table.
#include "core/runs/RunFileError.h"
#include "core/runs/SweepTable.h"

#include "support/ErrorMessage.h"
#include "support/TestFiles.h"

#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

using namespace megatoken;
using megatoken::test::messageOf;
using megatoken::test::writeFile;

Q_DECLARE_METATYPE(std::vector<double>)
Q_DECLARE_METATYPE(std::vector<std::size_t>)

namespace {

namespace fs = std::filesystem;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

SweepRow row(const std::string& method, double target, double kept, double bleu)
{
    SweepRow r;
    r.method = method;
    r.targetKeep = target;
    r.run = method + "-" + std::to_string(static_cast<int>(target * 100));
    r.steps = 3000;
    r.texts = 512;
    r.keepRatio = kept;
    r.accuracyHard = 0.5 + kept / 3;
    r.accuracySoft = 0.6 + kept / 3;
    r.accuracyFree = 0.4 + kept / 3;
    r.bleuFree = bleu;
    r.rougeLFree = bleu / 60;
    r.exactMatchFree = bleu / 200;
    r.tokensPerSecondMasked = 41250;
    r.tokensPerSecondHard = 41250 / kept;
    return r;
}

const char* const kHeader = "method,run,step,target_keep,texts,accuracy_hard,accuracy_soft,accuracy_free,bleu_free,"
                            "rouge_l_free,exact_match_free,hard_keep,tokens_per_s_masked,tokens_per_s_hard\n";
const char* const kLearnedLine = "learned,learned-50,3000,0.5,512,0.81,0.86,0.7,31.2,0.64,0.18,0.483,41250,79870\n";

double bleuOf(const SweepRow& r)
{
    return r.bleuFree;
}

}  // namespace

class TestSweepTable : public QObject {
    Q_OBJECT

private slots:
    void columnsInFileOrder()
    {
        const auto& columns = sweepColumns();
        QCOMPARE(columns.size(), std::size_t(14));
        QCOMPARE(columns.front(), std::string("method"));
        QCOMPARE(columns[1], std::string("run"));
        QCOMPARE(columns.back(), std::string("tokens_per_s_hard"));
        QStringList names;
        for (const auto& column : columns) names << QString::fromStdString(column);
        QCOMPARE(names.join(','), QString::fromLatin1(kHeader).trimmed());
    }

    void writeReadRoundTrip()
    {
        QTemporaryDir temp;
        const std::string file = temp.filePath("sweep.csv").toStdString();
        const std::vector<SweepRow> rows{row("learned", 0.25, 0.271828, 24.5), row("random", 0.5, 0.5, 21.25),
                                         row("first-k", 0.75, 0.748, 33.125), row("attention", 1, 0.99, 40)};
        writeSweepTable(file, rows);
        QVERIFY(QDir(temp.path()).entryList({"*.tmp*"}).isEmpty());  // renamed over, not left behind
        const auto back = readSweepTable(file);
        QCOMPARE(back.size(), rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const SweepRow& a = rows[i];
            const SweepRow& b = back[i];
            QCOMPARE(b.method, a.method);
            QCOMPARE(b.run, a.run);
            QCOMPARE(b.steps, a.steps);
            QCOMPARE(b.texts, a.texts);
            // Six significant digits in the file.
            const std::vector<std::pair<double, double>> numbers{{a.targetKeep, b.targetKeep},
                                                                 {a.keepRatio, b.keepRatio},
                                                                 {a.accuracyHard, b.accuracyHard},
                                                                 {a.accuracySoft, b.accuracySoft},
                                                                 {a.accuracyFree, b.accuracyFree},
                                                                 {a.bleuFree, b.bleuFree},
                                                                 {a.rougeLFree, b.rougeLFree},
                                                                 {a.exactMatchFree, b.exactMatchFree},
                                                                 {a.tokensPerSecondMasked, b.tokensPerSecondMasked},
                                                                 {a.tokensPerSecondHard, b.tokensPerSecondHard}};
            for (const auto& [x, y] : numbers)
                QVERIFY2(std::abs(x - y) <= 1e-5 * std::max(1.0, std::abs(x)),
                         qPrintable(QStringLiteral("%1 != %2").arg(x).arg(y)));
        }
        // Writing again replaces the table.
        writeSweepTable(file, {rows.front()});
        QCOMPARE(readSweepTable(file).size(), std::size_t(1));
    }

    void roundTripKeepsNaNAndCleansNames()
    {
        QTemporaryDir temp;
        const std::string file = temp.filePath("sweep.csv").toStdString();
        SweepRow odd = row("learned", 0.5, 0.5, kNaN);
        odd.run = "my,run\nname";
        writeSweepTable(file, {odd});
        const auto back = readSweepTable(file);
        QCOMPARE(back.size(), std::size_t(1));
        QVERIFY(std::isnan(back[0].bleuFree));
        QCOMPARE(back[0].run, std::string("my_run_name"));  // a comma would shift every later cell
    }

    void columnsInAnotherOrder()
    {
        QTemporaryDir temp;
        const std::string file = temp.filePath("sweep.csv").toStdString();
        // Reversed columns, an extra one, CRLF line ends, spaces around cells, blank lines; and
        // the names written before the metric schema (keep_ratio, steps).
        writeFile(file, "tokens_per_s_hard,tokens_per_s_masked,exact_match_free,rouge_l_free,bleu_free,accuracy_free,"
                        "accuracy_soft,accuracy_hard,keep_ratio,texts,steps,run,target_keep,method,note\r\n"
                        "\r\n"
                        "79870, 41250,0.18,0.64,31.2,0.7,0.86,0.81,0.483,512,3000,learned-50,0.5, learned ,hello\r\n"
                        "60000,41250,0.05,0.41,+12,0.45,0.6,0.55,0.5,512,3000,random-50,0.5,random,\r\n"
                        "\r\n");
        const auto rows = readSweepTable(file);
        QCOMPARE(rows.size(), std::size_t(2));
        QCOMPARE(rows[0].method, std::string("learned"));
        QCOMPARE(rows[0].run, std::string("learned-50"));
        QCOMPARE(rows[0].targetKeep, 0.5);
        QCOMPARE(rows[0].steps, std::int64_t(3000));
        QCOMPARE(rows[0].texts, std::int64_t(512));
        QCOMPARE(rows[0].keepRatio, 0.483);
        QCOMPARE(rows[0].accuracyHard, 0.81);
        QCOMPARE(rows[0].accuracySoft, 0.86);
        QCOMPARE(rows[0].accuracyFree, 0.7);
        QCOMPARE(rows[0].bleuFree, 31.2);
        QCOMPARE(rows[0].rougeLFree, 0.64);
        QCOMPARE(rows[0].exactMatchFree, 0.18);
        QCOMPARE(rows[0].tokensPerSecondMasked, 41250.0);
        QCOMPARE(rows[0].tokensPerSecondHard, 79870.0);
        QCOMPARE(rows[1].method, std::string("random"));
        QCOMPARE(rows[1].bleuFree, 12.0);
    }

    void errorsNameFileAndLine_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expectedError");  // after the file's path

        QString noBleu = QString::fromLatin1(kHeader);
        noBleu.replace(QStringLiteral("bleu_free,"), QString());
        QTest::newRow("missing column") << noBleu + "learned,a,1,0.5,1,0.8,0.8,0.7,0.6,0.1,0.5,1,1\n"
                                        << ":1: missing column 'bleu_free'";
        QTest::newRow("missing column after blank lines") << "\n\n" + noBleu << ":3: missing column 'bleu_free'";
        QTest::newRow("too few cells") << QString::fromLatin1(kHeader) + kLearnedLine +
                                              "random,random-50,3000,0.5,512,0.55,0.6,0.45,12,0.41,0.05,0.5,41250\n"
                                       << ":3: expected 14 cells, got 13";
        QTest::newRow("too many cells") << QString::fromLatin1(kHeader) +
                                               "learned,learned-50,3000,0.5,512,0.81,0.86,0.7,31.2,0.64,0.18,0.483,"
                                               "41250,79870,9\n"
                                        << ":2: expected 14 cells, got 15";
        QTest::newRow("not a number") << QString::fromLatin1(kHeader) +
                                             "learned,learned-50,3000,0.5,512,0.81,0.86,0.7,31.2,0.64,0.18,abc,"
                                             "41250,79870\n"
                                      << ":2: column 'hard_keep': not a number: 'abc'";
        QTest::newRow("not a number, named as the old file names it")
            << "method,target_keep,run,steps,texts,keep_ratio,accuracy_hard,accuracy_soft,accuracy_free,bleu_free,"
               "rouge_l_free,exact_match_free,tokens_per_s_masked,tokens_per_s_hard\n"
               "learned,0.5,learned-50,3000,512,abc,0.81,0.86,0.7,31.2,0.64,0.18,41250,79870\n"
            << ":2: column 'keep_ratio': not a number: 'abc'";
        QTest::newRow("number with trailing junk")
            << QString::fromLatin1(kHeader) + kLearnedLine +
                   "random,random-50,3000,0.5,512,0.55,0.6,0.45,12x,0.41,0.05,0.5,41250,60000\n"
            << ":3: column 'bleu_free': not a number: '12x'";
        QTest::newRow("empty number") << QString::fromLatin1(kHeader) +
                                             "learned,learned-50,,0.5,512,0.81,0.86,0.7,31.2,0.64,0.18,0.483,"
                                             "41250,79870\n"
                                      << ":2: column 'step': not a number: ''";
        QTest::newRow("empty method") << QString::fromLatin1(kHeader) +
                                             ",learned-50,3000,0.5,512,0.81,0.86,0.7,31.2,0.64,0.18,0.483,"
                                             "41250,79870\n"
                                      << ":2: column 'method' is empty";
        QTest::newRow("empty file") << ""
                                    << ": empty file: expected a header line";
        QTest::newRow("blank lines only") << "\n  \r\n\n"
                                          << ": empty file: expected a header line";
    }

    void errorsNameFileAndLine()
    {
        QFETCH(QString, text);
        QFETCH(QString, expectedError);
        QTemporaryDir temp;
        const std::string file = temp.filePath("sweep.csv").toStdString();
        writeFile(file, text.toStdString());
        const QString error = messageOf<RunFileError>([&] { readSweepTable(file); });
        QCOMPARE(error, QString::fromStdString(file) + expectedError);
    }

    void headerOnlyIsAnEmptyTable()
    {
        QTemporaryDir temp;
        const std::string file = temp.filePath("sweep.csv").toStdString();
        writeFile(file, kHeader);
        QVERIFY(readSweepTable(file).empty());
    }

    void missingFileNamesIt()
    {
        QTemporaryDir temp;
        const std::string file = temp.filePath("nowhere/sweep.csv").toStdString();
        const QString error = messageOf<RunFileError>([&] { readSweepTable(file); });
        QVERIFY2(error.startsWith(QString::fromStdString(file) + ": cannot open"), qPrintable(error));
        const QString writeError =
            messageOf<RunFileError>([&] { writeSweepTable(file, {row("learned", 0.5, 0.5, 30)}); });
        QVERIFY2(writeError.startsWith(QString::fromStdString(file) + ": cannot write"), qPrintable(writeError));
    }

    void paretoFrontOfHandMadeRows_data()
    {
        QTest::addColumn<std::vector<double>>("keeps");
        QTest::addColumn<std::vector<double>>("bleus");
        QTest::addColumn<std::vector<std::size_t>>("front");

        QTest::newRow("learned dominates random")
            << std::vector<double>{0.25, 0.5, 0.75, 0.25, 0.5, 0.75} << std::vector<double>{24, 33, 37, 12, 22, 31}
            << std::vector<std::size_t>{0, 1, 2};
        QTest::newRow("mixed methods, keep-ratio order")
            << std::vector<double>{0.74, 0.27, 0.52, 0.25, 0.50, 0.26} << std::vector<double>{37, 24, 33.5, 12, 25, 16}
            << std::vector<std::size_t>{3, 5, 1, 4, 2, 0};
        QTest::newRow("dominated in the middle")
            << std::vector<double>{0.3, 0.5, 0.7} << std::vector<double>{30, 29, 31} << std::vector<std::size_t>{0, 2};
        QTest::newRow("equal keep ratio keeps the better")
            << std::vector<double>{0.5, 0.5} << std::vector<double>{20, 28} << std::vector<std::size_t>{1};
        QTest::newRow("equal value keeps the cheaper")
            << std::vector<double>{0.6, 0.4} << std::vector<double>{30, 30} << std::vector<std::size_t>{1};
        QTest::newRow("NaN is skipped") << std::vector<double>{0.2, kNaN, 0.5} << std::vector<double>{kNaN, 40, 15}
                                        << std::vector<std::size_t>{2};
        QTest::newRow("empty") << std::vector<double>{} << std::vector<double>{} << std::vector<std::size_t>{};
    }

    void paretoFrontOfHandMadeRows()
    {
        QFETCH(std::vector<double>, keeps);
        QFETCH(std::vector<double>, bleus);
        QFETCH(std::vector<std::size_t>, front);
        std::vector<SweepRow> rows;
        for (std::size_t i = 0; i < keeps.size(); ++i)
            rows.push_back(row("m" + std::to_string(i), 0.5, keeps[i], bleus[i]));
        QCOMPARE(paretoFront(rows, bleuOf), front);
        // Another metric, another front: hard accuracy rises with keep ratio in row(), so every
        // finite keep ratio is on it.
        if (keeps == std::vector<double>{0.3, 0.5, 0.7})
            QCOMPARE(paretoFront(rows, [](const SweepRow& r) { return r.accuracyHard; }),
                     (std::vector<std::size_t>{0, 1, 2}));
    }

    void markdownHasHeaderAndRows()
    {
        SweepRow learned = row("learned", 0.5, 0.483, 31.2);
        learned.accuracyHard = 0.812;
        learned.tokensPerSecondMasked = 40000;
        learned.tokensPerSecondHard = 80000;
        const std::string markdown = sweepMarkdown({learned, row("random", 0.5, 0.5, 12)});
        const QString text = QString::fromStdString(markdown);
        // The schema's short labels and display formats, in sweep.csv's order, and the speed-up.
        QVERIFY2(text.startsWith(QStringLiteral("| method | run | step | target | texts | acc. hard | acc. soft | "
                                                "acc. free | BLEU | ROUGE-L | exact | kept | tok/s masked | "
                                                "tok/s hard | speed-up |\n")),
                 qPrintable(text));
        QCOMPARE(text.count(QLatin1Char('\n')), 4);  // header, separator, two rows
        QVERIFY2(text.contains(QStringLiteral("| learned | learned-50 | 3000 | 0.50 | 512 | 0.812 |")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("| 31.2 |")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("| 0.483 | 40000 | 80000 | 2.00 |")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("\n| random | random-50 | 3000 | 0.50 |")));
        // No throughput measured: no division by zero, no speed-up.
        SweepRow unmeasured = row("stride", 0.5, 0.5, 10);
        unmeasured.tokensPerSecondMasked = 0;
        QVERIFY(QString::fromStdString(sweepMarkdown({unmeasured})).endsWith(QStringLiteral("| nan |\n")));
    }
};

QTEST_GUILESS_MAIN(TestSweepTable)
#include "tst_sweep_table.moc"
