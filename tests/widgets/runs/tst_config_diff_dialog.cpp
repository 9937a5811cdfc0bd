// The config comparison dialog: the differing keys of the selected runs, every key on request, a
// run whose config cannot be read named and left out; opened from the run table.
#include "core/config/ConfigKeys.h"
#include "widgets/runs/ConfigDiffDialog.h"
#include "widgets/runs/RunHistoryView.h"

#include "support/TestFiles.h"

#include <QtTest>
#include <QtWidgets>

using namespace megatoken;

namespace {

// The shared fixture writer (support/TestFiles.h: creates the folders, stops the test on failure).
bool writeText(const QString& path, const QByteArray& text)
{
    megatoken::test::writeFile(path.toStdString(), text.toStdString());
    return true;
}

QStringList column(const QTableWidget& table, int column)
{
    QStringList values;
    for (int row = 0; row < table.rowCount(); ++row) values << table.item(row, column)->text();
    return values;
}

}  // namespace

class TestConfigDiffDialog : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(runs_.isValid());
        // Three tiny runs: seeds 42 and 43 with merging, a third without merging at seed 42.
        QVERIFY(writeText(runs_.filePath("a/config.json"),
                          R"({"preset": "tiny", "gates": {"merge": "similar"}, "run": {"name": "a"}})"));
        QVERIFY(writeText(
            runs_.filePath("b/config.json"),
            R"({"preset": "tiny", "gates": {"merge": "similar"}, "optim": {"seed": 43}, "run": {"name": "b"}})"));
        QVERIFY(writeText(runs_.filePath("c/config.json"), R"({"preset": "tiny", "run": {"name": "c"}})"));
    }

    void differingKeysOnly()
    {
        ConfigDiffDialog dialog({runs_.filePath("a"), runs_.filePath("b"), runs_.filePath("c")});
        auto* table = dialog.findChild<QTableWidget*>(QStringLiteral("diffTable"));
        QVERIFY(table);
        QCOMPARE(table->columnCount(), 4);
        QCOMPARE(table->horizontalHeaderItem(1)->text(), QStringLiteral("a"));
        QCOMPARE(column(*table, 0), (QStringList{"gates.merge", "optim.seed", "run.name"}));
        QCOMPARE(column(*table, 1), (QStringList{"similar", "42", "a"}));
        QCOMPARE(column(*table, 2), (QStringList{"similar", "43", "b"}));
        QCOMPARE(column(*table, 3), (QStringList{"none", "42", "c"}));
        QVERIFY(table->item(0, 1)->font().bold());
        QVERIFY(dialog.tableText().startsWith(QStringLiteral("Key\ta\tb\tc\ngates.merge\tsimilar\tsimilar\tnone\n")));
        QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("summary"))->text().contains(QLatin1String("3")));

        // Every key: the whole table, equal values not bold.
        dialog.setOnlyDifferences(false);
        QCOMPARE(table->rowCount(), static_cast<int>(configKeys().size()));
        const int tau = static_cast<int>(column(*table, 0).indexOf(QStringLiteral("gates.tau")));
        QVERIFY(tau >= 0);
        QVERIFY(!table->item(tau, 1)->font().bold());
    }

    void unreadableRunIsNamed()
    {
        QVERIFY(writeText(runs_.filePath("broken/config.json"), "{\"gates\": {\"tau\": \n"));
        ConfigDiffDialog dialog(
            {runs_.filePath("a"), runs_.filePath("broken"), runs_.filePath("missing"), runs_.filePath("c")});
        QCOMPARE(dialog.shownRuns(), (QStringList{runs_.filePath("a"), runs_.filePath("c")}));
        QCOMPARE(dialog.problems().size(), 2);
        QVERIFY(dialog.problems()[0].contains(runs_.filePath("broken/config.json")));
        QVERIFY(dialog.problems()[1].contains(runs_.filePath("missing/config.json")));
        const QString summary = dialog.findChild<QLabel*>(QStringLiteral("summary"))->text();
        QVERIFY(summary.contains(QLatin1String("Left out")));
        QVERIFY(summary.contains(runs_.filePath("broken/config.json")));
    }

    // The run table's Compare button: enabled with two or more runs selected, opens the dialog.
    void openedFromTheRunTable()
    {
        RunHistoryView view;
        view.setRunsDirectory(runs_.path());
        auto* compare = view.findChild<QPushButton*>(QStringLiteral("compareButton"));
        QVERIFY(compare);
        view.selectRunDirectories({runs_.filePath("a")});
        QVERIFY(!compare->isEnabled());
        view.selectRunDirectories({runs_.filePath("a"), runs_.filePath("c")});
        QVERIFY(compare->isEnabled());
        compare->click();
        auto* dialog = view.findChild<ConfigDiffDialog*>();
        QVERIFY(dialog);
        QCOMPARE(dialog->shownRuns().size(), 2);
        QCOMPARE(column(*dialog->findChild<QTableWidget*>(QStringLiteral("diffTable")), 0),
                 (QStringList{"gates.merge", "run.name"}));
        dialog->close();
    }

private:
    QTemporaryDir runs_;
};

QTEST_MAIN(TestConfigDiffDialog)
#include "tst_config_diff_dialog.moc"
