// core/runs/RunRecord: a run's config and last evaluation, and the columns a comparison shows.
#include "core/runs/RunRecord.h"

#include "support/TestFiles.h"

#include <QtTest>

#include <cmath>
#include <filesystem>

using namespace megatoken;
using megatoken::test::writeFile;
namespace fs = std::filesystem;

namespace {

QStringList names(const std::vector<RunColumn>& columns)
{
    QStringList list;
    for (const auto& column : columns) list << QString::fromStdString(column.name);
    return list;
}

}  // namespace

class TestRunRecord : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(temp_.isValid());
        const fs::path root = temp_.path().toStdString();
        writeFile(root / "a/config.json", R"({"preset": "tiny", "run": {"name": "a", "threads": 1}})");
        writeFile(root / "a/eval.csv", "step,accuracy_hard,hard_keep,bleu_free\n100,0.5,0.9,20\n200,0.75,0.55,41.25\n");
        writeFile(root / "b/config.json",
                  R"({"preset": "tiny", "gates": {"merge": "similar"}, "optim": {"seed": 43}, "run": {"name": "b"}})");
        writeFile(root / "b/eval.csv", "step,accuracy_hard,hard_keep,bleu_free\n200,0.8,0.6,45\n");
        writeFile(root / "c/config.json", "{\"gates\": {\"tau\": \n");  // broken
    }

    void records()
    {
        const fs::path root = temp_.path().toStdString();
        const RunRecord a = readRunRecord((root / "a").string());
        QVERIFY(a.config.has_value());
        QCOMPARE(a.finalEval.at("accuracy_hard"), 0.75);
        QCOMPARE(a.finalEval.at("bleu_free"), 41.25);
        QCOMPARE(a.summary.bestAtTarget.step, std::int64_t{200});

        const RunRecord c = readRunRecord((root / "c").string());
        QVERIFY(!c.config.has_value());
        QVERIFY(QString::fromStdString(c.configError).contains("config.json"));
        QVERIFY(c.finalEval.empty());
    }

    // The varying keys (not run.name or run.threads, which only name or place a run), then the
    // final metrics; cells as numbers and as text.
    void columnsAndCells()
    {
        const fs::path root = temp_.path().toStdString();
        const std::vector<RunRecord> records{readRunRecord((root / "a").string()), readRunRecord((root / "b").string()),
                                             readRunRecord((root / "c").string())};
        const auto columns = runColumns(records);
        QCOMPARE(names(columns), (QStringList{"gates.merge", "optim.seed", "accuracy_hard", "hard_keep",
                                              "best_at_target", "bleu_free", "rouge_l_free", "nll"}));
        QVERIFY(!columns[0].numeric);
        QVERIFY(columns[1].numeric);
        QCOMPARE(textValue(records[1], columns[0]), std::string("similar"));
        QVERIFY(std::isnan(numericValue(records[1], columns[0])));
        QCOMPARE(numericValue(records[1], columns[1]), 43.0);
        QCOMPARE(numericValue(records[0], columns[2]), 0.75);
        QCOMPARE(textValue(records[0], columns[2]), std::string("0.750"));
        QCOMPARE(numericValue(records[0], columns[4]), 0.75);  // best at target (0.55 <= 0.5 + 0.05)
        QVERIFY(std::isnan(numericValue(records[1], columns[4])));
        QCOMPARE(textValue(records[1], columns[5]), std::string("45.0"));
        QVERIFY(std::isnan(numericValue(records[0], columns[6])));  // no rouge_l_free column
        QCOMPARE(textValue(records[0], columns[6]), std::string());
        QCOMPARE(textValue(records[2], columns[0]), std::string());  // no config

        // Every key on request (still without the placement keys).
        const auto all = runColumns(records, true);
        QVERIFY(names(all).contains("gates.tau"));
        QVERIFY(!names(all).contains("run.name"));
    }

private:
    QTemporaryDir temp_;
};

QTEST_GUILESS_MAIN(TestRunRecord)
#include "tst_run_record.moc"
