// sweep.csv with seeds: the mean and sample SD over each configuration's seeds (hand-made rows with
// known answers), the seed columns written only when a row has more than one seed (old tables
// still read, a one-seed table is written as before), sweep-runs.csv with its seed column, the
// "mean ± SD" Markdown, and numbers that stay "0.25" under a German locale.
#include "core/io/NumberFormat.h"
#include "core/runs/MetricSchema.h"
#include "core/runs/RunFileError.h"
#include "core/runs/SweepTable.h"

#include "support/ErrorMessage.h"
#include "support/TestFiles.h"

#include <QtTest>

#include <clocale>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

using namespace megatoken;
using megatoken::test::messageOf;
using megatoken::test::writeFile;

Q_DECLARE_METATYPE(std::vector<double>)

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

const char* const kHeader = "method,run,step,target_keep,texts,accuracy_hard,accuracy_soft,accuracy_free,bleu_free,"
                            "rouge_l_free,exact_match_free,hard_keep,tokens_per_s_masked,tokens_per_s_hard";
const char* const kSeedHeader = ",seeds,accuracy_hard_sd,accuracy_soft_sd,accuracy_free_sd,bleu_free_sd,"
                                "rouge_l_free_sd,exact_match_free_sd,hard_keep_sd,tokens_per_s_masked_sd,"
                                "tokens_per_s_hard_sd";

// One trained run: every measured metric has the same value (the tests check them all alike).
SweepRow seedRow(const std::string& method, double target, int seed, double value)
{
    SweepRow r;
    r.method = method;
    r.targetKeep = target;
    r.run = method + "-keep" + formatFixed(target, 2) + (seed > 0 ? "-seed0" + std::to_string(seed) : "");
    r.seed = seed;
    r.steps = 150;
    r.texts = 200;
    for (const std::string& metric : sweepSpreadMetrics()) metricDefinition(metric).sweep.set(r, 0, value);
    return r;
}

SweepRow realisticRun(const std::string& method, int seed, double bleu, double kept, double accuracy)
{
    SweepRow r = seedRow(method, 0.5, seed, 0);
    r.bleuFree = bleu;
    r.keepRatio = kept;
    r.accuracyHard = accuracy;
    r.accuracySoft = accuracy + 0.05;
    r.accuracyFree = accuracy - 0.1;
    r.rougeLFree = bleu / 60;
    r.exactMatchFree = bleu / 200;
    r.tokensPerSecondMasked = 40000;
    r.tokensPerSecondHard = 40000 / kept;
    return r;
}

std::string readAll(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

bool same(double a, double b)
{
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
    return std::abs(a - b) <= 1e-12 * std::max(1.0, std::abs(a));
}

}  // namespace

class TestSweepTableSeeds : public QObject {
    Q_OBJECT

private slots:
    void seedColumns()
    {
        QStringList names;
        for (const auto& column : sweepSeedColumns()) names << QString::fromStdString(column);
        QCOMPARE(QLatin1Char(',') + names.join(','), QString::fromLatin1(kSeedHeader));
        QCOMPARE(sweepSpreadMetrics().size(), std::size_t(9));  // every stored metric but step, target, texts
    }

    void meanAndSampleSdOverSeeds_data()
    {
        QTest::addColumn<std::vector<double>>("values");  // one per seed
        QTest::addColumn<double>("mean");
        QTest::addColumn<double>("sd");  // NaN: none (one seed)

        QTest::newRow("three seeds") << std::vector<double>{30, 32, 34} << 32.0 << 2.0;
        QTest::newRow("three fractions") << std::vector<double>{0.5, 0.25, 0.75} << 0.5 << 0.25;
        QTest::newRow("two seeds: n - 1, not n") << std::vector<double>{1, 3} << 2.0 << std::sqrt(2.0);
        QTest::newRow("four seeds") << std::vector<double>{1, 2, 3, 4} << 2.5 << std::sqrt(5.0 / 3.0);
        QTest::newRow("equal seeds") << std::vector<double>{0.4, 0.4, 0.4} << 0.4 << 0.0;
        QTest::newRow("one seed: no SD") << std::vector<double>{31.25} << 31.25 << kNaN;
        QTest::newRow("a NaN seed is not averaged away") << std::vector<double>{30, kNaN, 34} << kNaN << kNaN;
        QTest::newRow("large values, small spread")
            << std::vector<double>{1e9 + 1, 1e9 + 2, 1e9 + 3} << 1e9 + 2 << 1.0;  // two passes: no cancellation
    }

    void meanAndSampleSdOverSeeds()
    {
        QFETCH(std::vector<double>, values);
        QFETCH(double, mean);
        QFETCH(double, sd);
        std::vector<SweepRow> runs;
        for (std::size_t s = 0; s < values.size(); ++s)
            runs.push_back(seedRow("learned", 0.5, static_cast<int>(s), values[s]));
        const auto rows = aggregateSeeds(runs);
        QCOMPARE(rows.size(), std::size_t(1));
        const SweepRow& row = rows.front();
        QCOMPARE(row.seeds, int(values.size()));
        QCOMPARE(row.method, std::string("learned"));
        QCOMPARE(row.run, std::string("learned-keep0.50"));  // seed 0's run
        QCOMPARE(row.steps, std::int64_t(150));
        QCOMPARE(row.texts, std::int64_t(200));
        QCOMPARE(row.targetKeep, 0.5);
        for (const std::string& metric : sweepSpreadMetrics()) {
            const double gotMean = metricDefinition(metric).sweep.get(row, 0);
            QVERIFY2(same(gotMean, mean), qPrintable(QStringLiteral("%1: mean %2, expected %3")
                                                         .arg(QString::fromStdString(metric))
                                                         .arg(gotMean, 0, 'g', 17)
                                                         .arg(mean, 0, 'g', 17)));
            QVERIFY2(same(row.spread(metric), sd), qPrintable(QStringLiteral("%1: SD %2, expected %3")
                                                                  .arg(QString::fromStdString(metric))
                                                                  .arg(row.spread(metric), 0, 'g', 17)
                                                                  .arg(sd, 0, 'g', 17)));
        }
        QVERIFY(std::isnan(row.spread("step")));  // counts have no SD
        QVERIFY(std::isnan(row.spread("no_such_metric")));
    }

    void groupsByMethodAndTargetInFirstOrder()
    {
        // Seeds outermost, as the sweep trains them: every configuration's seed 0, then seed 1.
        const std::vector<SweepRow> runs{seedRow("learned", 0.5, 0, 30), seedRow("first-k", 0.5, 0, 20),
                                         seedRow("learned", 0.25, 0, 24), seedRow("learned", 0.5, 1, 34),
                                         seedRow("first-k", 0.5, 1, 22)};
        const auto rows = aggregateSeeds(runs);
        QCOMPARE(rows.size(), std::size_t(3));
        QCOMPARE(rows[0].method, std::string("learned"));
        QCOMPARE(rows[0].targetKeep, 0.5);
        QCOMPARE(rows[0].seeds, 2);
        QCOMPARE(rows[0].bleuFree, 32.0);
        QCOMPARE(rows[0].spread("bleu_free"), std::sqrt(8.0));
        QCOMPARE(rows[1].method, std::string("first-k"));
        QCOMPARE(rows[1].bleuFree, 21.0);
        QCOMPARE(rows[2].targetKeep, 0.25);
        QCOMPARE(rows[2].seeds, 1);
        QVERIFY(rows[2].sd.empty());
        // The run named is seed 0's, whatever order the rows come in.
        const auto reversed = aggregateSeeds({seedRow("learned", 0.5, 2, 1), seedRow("learned", 0.5, 0, 2)});
        QCOMPARE(reversed.front().run, std::string("learned-keep0.50"));
        QVERIFY(aggregateSeeds({}).empty());
    }

    void oneSeedIsWrittenAsBefore()
    {
        QTemporaryDir temp;
        const std::string file = temp.filePath("sweep.csv").toStdString();
        const std::vector<SweepRow> runs{realisticRun("learned", 0, 31.2, 0.483, 0.81),
                                         realisticRun("random", 0, 12, 0.5, 0.55)};
        const auto rows = aggregateSeeds(runs);
        writeSweepTable(file, rows);
        const QString text = QString::fromStdString(readAll(file));
        QCOMPARE(text.section('\n', 0, 0), QString::fromLatin1(kHeader));
        QVERIFY2(text.section('\n', 1, 1).startsWith("learned,learned-keep0.50,150,0.5,200,0.81,0.86,"),
                 qPrintable(text));
        // The same bytes as the runs written directly: a one-seed mean is the run itself.
        QTemporaryDir other;
        writeSweepTable(other.filePath("sweep.csv").toStdString(), runs);
        QCOMPARE(readAll(other.filePath("sweep.csv").toStdString()), readAll(file));
        const QString markdown = QString::fromStdString(sweepMarkdown(rows));
        QVERIFY(!markdown.contains(QStringLiteral("±")));
        QVERIFY(!markdown.contains(QStringLiteral("seeds")));
    }

    void roundTripWithSeedColumns()
    {
        QTemporaryDir temp;
        const std::string file = temp.filePath("sweep.csv").toStdString();
        // Three seeds of learned, one of random: the random row gets "nan" SDs and reads back without.
        const std::vector<SweepRow> runs{
            realisticRun("learned", 0, 30, 0.5, 0.80), realisticRun("random", 0, 12, 0.5, 0.55),
            realisticRun("learned", 1, 32, 0.25, 0.83), realisticRun("learned", 2, 34, 0.75, 0.86)};
        const auto rows = aggregateSeeds(runs);
        writeSweepTable(file, rows);
        const std::string text = readAll(file);
        QCOMPARE(QString::fromStdString(text).section('\n', 0, 0),
                 QString::fromLatin1(kHeader) + QString::fromLatin1(kSeedHeader));
        QVERIFY2(QString::fromStdString(text).section('\n', 1, 1).contains(",32,0.533333333,"), text.c_str());
        QVERIFY2(QString::fromStdString(text).section('\n', 1, 1).contains(",3,0.03,"), text.c_str());
        QVERIFY2(QString::fromStdString(text).section('\n', 2, 2).endsWith(",1,nan,nan,nan,nan,nan,nan,nan,nan,nan"),
                 text.c_str());

        const auto back = readSweepTable(file);
        QCOMPARE(back.size(), std::size_t(2));
        QCOMPARE(back[0].method, std::string("learned"));
        QCOMPARE(back[0].run, std::string("learned-keep0.50"));
        QCOMPARE(back[0].seeds, 3);
        QCOMPARE(back[0].bleuFree, 32.0);
        QCOMPARE(back[0].spread("bleu_free"), 2.0);
        QCOMPARE(back[0].keepRatio, 0.5);
        QCOMPARE(back[0].spread("hard_keep"), 0.25);
        QVERIFY(std::abs(back[0].accuracyHard - 0.83) < 1e-9);
        QVERIFY(std::abs(back[0].spread("accuracy_hard") - 0.03) < 1e-9);
        for (const std::string& metric : sweepSpreadMetrics()) {
            const double want = rows[0].spread(metric);
            QVERIFY2(std::abs(back[0].spread(metric) - want) <= 1e-8 * std::max(1.0, want), metric.c_str());
        }
        QCOMPARE(back[1].method, std::string("random"));
        QCOMPARE(back[1].seeds, 1);
        QVERIFY(back[1].sd.empty());
    }

    void oldTablesReadAsOneSeed()
    {
        QTemporaryDir temp;
        const std::string file = temp.filePath("sweep.csv").toStdString();
        writeFile(file, std::string(kHeader) +
                            "\nlearned,learned-50,3000,0.5,512,0.81,0.86,0.7,31.2,0.64,0.18,0.483,41250,79870\n");
        const auto rows = readSweepTable(file);
        QCOMPARE(rows.size(), std::size_t(1));
        QCOMPARE(rows[0].seeds, 1);
        QCOMPARE(rows[0].seed, 0);
        QVERIFY(rows[0].sd.empty());
        QCOMPARE(rows[0].bleuFree, 31.2);
        // Some SD columns only (a table edited by hand): the others are simply absent.
        writeFile(file, std::string(kHeader) + ",seeds,bleu_free_sd\n" +
                            "learned,learned-50,3000,0.5,512,0.81,0.86,0.7,31.2,0.64,0.18,0.483,41250,79870,4,1.5\n");
        const auto partial = readSweepTable(file);
        QCOMPARE(partial[0].seeds, 4);
        QCOMPARE(partial[0].spread("bleu_free"), 1.5);
        QCOMPARE(partial[0].sd.size(), std::size_t(1));
    }

    void runsTableRoundTrip()
    {
        QTemporaryDir temp;
        const std::string file = temp.filePath("sweep-runs.csv").toStdString();
        const std::vector<SweepRow> runs{realisticRun("learned", 0, 30, 0.5, 0.80),
                                         realisticRun("learned", 1, 32, 0.25, 0.83),
                                         realisticRun("tau05", 12, 34, 0.75, 0.86)};
        writeSweepRunsTable(file, runs);
        const QString text = QString::fromStdString(readAll(file));
        QString header = QString::fromLatin1(kHeader);
        header.replace(QStringLiteral("method,run,"), QStringLiteral("method,run,seed,"));
        QCOMPARE(text.section('\n', 0, 0), header);
        QVERIFY2(text.section('\n', 2, 2).startsWith("learned,learned-keep0.50-seed01,1,150,0.5,"), qPrintable(text));
        const auto back = readSweepTable(file);
        QCOMPARE(back.size(), std::size_t(3));
        QCOMPARE(back[1].seed, 1);
        QCOMPARE(back[2].seed, 12);
        QCOMPARE(back[2].method, std::string("tau05"));
        QCOMPARE(back[2].bleuFree, 34.0);
        QCOMPARE(back[2].seeds, 1);
        // Folding the runs read back gives what folding the originals gives.
        QCOMPARE(aggregateSeeds(back).front().spread("bleu_free"), std::sqrt(2.0));
    }

    void badSeedCellsNameFileAndLine_data()
    {
        QTest::addColumn<QString>("extraHeader");
        QTest::addColumn<QString>("extraCells");
        QTest::addColumn<QString>("expectedError");
        QTest::newRow("zero seeds") << ",seeds"
                                    << ",0"
                                    << ":2: column 'seeds': expected a whole number >= 1, got '0'";
        QTest::newRow("half a seed") << ",seeds"
                                     << ",1.5"
                                     << ":2: column 'seeds': expected a whole number >= 1, got '1.5'";
        QTest::newRow("negative seed index") << ",seed"
                                             << ",-1"
                                             << ":2: column 'seed': expected a whole number >= 0, got '-1'";
        QTest::newRow("SD not a number") << ",seeds,bleu_free_sd"
                                         << ",3,wide"
                                         << ":2: column 'bleu_free_sd': not a number: 'wide'";
    }

    void badSeedCellsNameFileAndLine()
    {
        QFETCH(QString, extraHeader);
        QFETCH(QString, extraCells);
        QFETCH(QString, expectedError);
        QTemporaryDir temp;
        const std::string file = temp.filePath("sweep.csv").toStdString();
        writeFile(file, std::string(kHeader) + extraHeader.toStdString() +
                            "\nlearned,l,3000,0.5,512,0.81,0.86,0.7,31.2,0.64,0.18,0.483,41250,79870" +
                            extraCells.toStdString() + "\n");
        QCOMPARE(messageOf<RunFileError>([&] { readSweepTable(file); }), QString::fromStdString(file) + expectedError);
    }

    void markdownShowsMeanPlusMinusSd()
    {
        const std::vector<SweepRow> runs{
            realisticRun("learned", 0, 30, 0.5, 0.80), realisticRun("random", 0, 12, 0.5, 0.55),
            realisticRun("learned", 1, 32, 0.25, 0.83), realisticRun("learned", 2, 34, 0.75, 0.86)};
        const QString text = QString::fromStdString(sweepMarkdown(aggregateSeeds(runs)));
        QVERIFY2(text.startsWith(QStringLiteral("| method | run | seeds | step | target | texts | acc. hard |")),
                 qPrintable(text));
        // BLEU 32 ± 2 in its display format (one decimal), the kept fraction 0.500 ± 0.250.
        QVERIFY2(text.contains(QStringLiteral("| learned | learned-keep0.50 | 3 | 150 | 0.50 | 200 | 0.830 ± 0.030 |")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("| 32.0 ± 2.0 |")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("| 0.500 ± 0.250 |")), qPrintable(text));
        // One seed: the value alone.
        QVERIFY2(text.contains(QStringLiteral("| random | random-keep0.50 | 1 | 150 | 0.50 | 200 | 0.550 |")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("sample SD, n - 1")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("sweep-runs.csv")), qPrintable(text));
    }

    void numbersIgnoreTheGermanLocale()
    {
        const std::string previous = std::setlocale(LC_ALL, nullptr);
        QVERIFY2(std::setlocale(LC_ALL, "de_DE.UTF-8"),
                 "the de_DE.UTF-8 locale is not generated here: run scripts/setup-debian.sh");
        QTemporaryDir temp;
        const std::string file = temp.filePath("sweep.csv").toStdString();
        const auto rows =
            aggregateSeeds({realisticRun("learned", 0, 30.5, 0.5, 0.80), realisticRun("learned", 1, 32.5, 0.25, 0.83)});
        writeSweepTable(file, rows);
        const std::string text = readAll(file);
        const std::string markdown = sweepMarkdown(rows);
        const auto back = readSweepTable(file);
        std::setlocale(LC_ALL, previous.c_str());
        QVERIFY2(text.find(",31.5,") != std::string::npos, text.c_str());
        QVERIFY2(text.find("0,375") == std::string::npos, text.c_str());  // no decimal comma
        QVERIFY2(text.find("0.375") != std::string::npos, text.c_str());  // the mean kept fraction
        QVERIFY2(markdown.find("31.5 ± 1.4") != std::string::npos, markdown.c_str());
        QCOMPARE(back.front().keepRatio, 0.375);
        QVERIFY(std::abs(back.front().spread("bleu_free") - std::sqrt(2.0)) < 1e-8);
    }
};

QTEST_GUILESS_MAIN(TestSweepTableSeeds)
#include "tst_sweep_table_seeds.moc"
