// The hyperparameter table: one row per run, the varying keys and the final metrics as columns.
#include "widgets/runs/HyperparameterModel.h"

#include "core/config/ConfigKeys.h"

#include "support/TestFiles.h"

#include <QtTest>

#include <cmath>

using namespace megatoken;

namespace {

// The shared fixture writer (support/TestFiles.h: creates the folders, stops the test on failure).
bool writeText(const QString& path, const QByteArray& text)
{
    megatoken::test::writeFile(path.toStdString(), text.toStdString());
    return true;
}

QStringList headers(const QAbstractItemModel& model)
{
    QStringList list;
    for (int c = 0; c < model.columnCount(); ++c) list << model.headerData(c, Qt::Horizontal).toString();
    return list;
}

QStringList column(const QAbstractItemModel& model, int c, int role = Qt::DisplayRole)
{
    QStringList list;
    for (int r = 0; r < model.rowCount(); ++r) list << model.index(r, c).data(role).toString();
    return list;
}

}  // namespace

class TestHyperparameterModel : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(runs_.isValid());
        QVERIFY(writeText(runs_.filePath("s42/config.json"), R"({"preset": "tiny", "run": {"name": "s42"}})"));
        QVERIFY(
            writeText(runs_.filePath("s42/eval.csv"),
                      "step,accuracy_hard,hard_keep,bleu_free,rouge_l_free,nll\n2000,0.798,0.586,46.9,0.675,1.25\n"));
        QVERIFY(writeText(runs_.filePath("s43/config.json"),
                          R"({"preset": "tiny", "optim": {"seed": 43}, "run": {"name": "s43", "threads": 1}})"));
        QVERIFY(writeText(runs_.filePath("s43/eval.csv"),
                          "step,accuracy_hard,hard_keep,bleu_free,rouge_l_free,nll\n2000,0.81,0.54,49.5,0.7,1.125\n"));
        QVERIFY(writeText(runs_.filePath("merge/config.json"),
                          R"({"preset": "tiny", "gates": {"merge": "similar"}, "run": {"name": "merge"}})"));
    }

    // A run's files are read again only when they changed: a live run's steps do not make the
    // table read every run on the GUI thread.
    void unchangedRunsAreNotReadAgain()
    {
        HyperparameterModel model;
        const QStringList dirs{runs_.filePath("s42"), runs_.filePath("s43"), runs_.filePath("merge")};
        model.setRunDirectories(dirs);
        QCOMPARE(model.recordsRead(), 3);
        model.setRunDirectories(dirs);
        QCOMPARE(model.recordsRead(), 3);
        // s43 evaluates again (a longer eval.csv): only it is read, and its new figures show.
        QVERIFY(writeText(runs_.filePath("s43/eval.csv"), "step,accuracy_hard,hard_keep,bleu_free,rouge_l_free,nll\n"
                                                          "2000,0.81,0.54,49.5,0.7,1.125\n2500,0.83,0.52,51,0.71,1\n"));
        model.setRunDirectories(dirs);
        QCOMPARE(model.recordsRead(), 4);
        QCOMPARE(model.records()[1].finalEval.at("accuracy_hard"), 0.83);
        // A run that leaves the list leaves the cache: coming back, it is read again.
        model.setRunDirectories({dirs[0]});
        model.setRunDirectories(dirs);
        QCOMPARE(model.recordsRead(), 6);
    }

    void columnsAndValues()
    {
        HyperparameterModel model;
        model.setRunDirectories({runs_.filePath("s42"), runs_.filePath("s43"), runs_.filePath("merge")});
        QCOMPARE(headers(model), (QStringList{"Run", "gates.merge", "optim.seed", "acc. hard", "kept",
                                              "best acc. @ target", "BLEU", "ROUGE-L", "nll"}));
        QCOMPARE(column(model, 0), (QStringList{"s42", "s43", "merge"}));
        QCOMPARE(column(model, 1), (QStringList{"none", "none", "similar"}));
        QCOMPARE(column(model, 2), (QStringList{"42", "43", "42"}));
        QCOMPARE(column(model, 3), (QStringList{"0.798", "0.810", "–"}));
        // Best at target: keep <= 0.55 only for s43.
        QCOMPARE(column(model, 5), (QStringList{"–", "0.810", "–"}));
        QCOMPARE(model.index(1, 6).data(HyperparameterModel::SortRole).toDouble(), 49.5);
        QVERIFY(model.index(2, 6).data(HyperparameterModel::SortRole).toDouble() < 0);  // none: lowest
        QCOMPARE(model.index(0, 1).data(HyperparameterModel::SortRole).toString(), QStringLiteral("none"));
        QCOMPARE(model.headerData(1, Qt::Horizontal, Qt::ToolTipRole).toString(),
                 QString::fromStdString(configKey("gates.merge").help));
        QCOMPARE(model.columnOf("bleu_free"), 6);
        QCOMPARE(model.rowOfDirectory(runs_.filePath("s43") + "/"), 1);
        QCOMPARE(model.index(1, 4).data(HyperparameterModel::DirectoryRole).toString(), runs_.filePath("s43"));

        model.setAllKeys(true);
        QCOMPARE(model.columnCount(), 1 + static_cast<int>(configKeys().size()) - 6 + 6);
        QVERIFY(headers(model).contains("gates.tau"));
        QVERIFY(!headers(model).contains("run.threads"));
    }

private:
    QTemporaryDir runs_;
};

QTEST_MAIN(TestHyperparameterModel)
#include "tst_hyperparameter_model.moc"
