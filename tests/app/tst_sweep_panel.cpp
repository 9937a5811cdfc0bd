// The Sweep tab (offscreen): opening a folder or its csv, the table and its sort, following a
// sweep that is still writing, errors that name the file, export, and its place in the window.
#include <QtTest>

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>

#include "app/gui/MainWindow.h"
#include "app/gui/SweepPanel.h"
#include "core/runs/SweepTable.h"
#include "widgets/plot/ParetoPlot.h"

using namespace megatoken;

namespace {

SweepRow row(const std::string& method, double target, double kept, double bleu, double masked, double hard)
{
    SweepRow r;
    r.method = method;
    r.targetKeep = target;
    r.run = method + "-" + QString::number(target, 'f', 2).toStdString();
    r.steps = 3000;
    r.texts = 512;
    r.keepRatio = kept;
    r.accuracyHard = 0.4 + kept / 2;
    r.accuracySoft = 0.5 + kept / 2;
    r.accuracyFree = 0.3 + kept / 2;
    r.bleuFree = bleu;
    r.rougeLFree = bleu / 60;
    r.exactMatchFree = bleu / 300;
    r.tokensPerSecondMasked = masked;
    r.tokensPerSecondHard = hard;
    return r;
}

std::vector<SweepRow> threeRows()
{
    return {row("random", 0.5, 0.50, 22.0, 40000, 76000), row("learned", 0.5, 0.51, 35.5, 40000, 80000),
            row("stride", 0.25, 0.25, 13.0, 40000, 120000)};
}

void writeText(const QString& path, const QByteArray& text)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(text);
}

// The column whose header tooltip (the CSV's name) is csvName; -1 if none.
int column(const SweepPanel& panel, const QString& csvName)
{
    const QAbstractItemModel* model = panel.tableModel();
    for (int c = 0; c < model->columnCount(); ++c)
        if (model->headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString() == csvName) return c;
    return -1;
}

QStringList columnTexts(const SweepPanel& panel, int c)
{
    QStringList texts;
    for (int r = 0; r < panel.tableModel()->rowCount(); ++r) texts << panel.tableModel()->index(r, c).data().toString();
    return texts;
}

}  // namespace

class TestSweepPanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QLocale::setDefault(QLocale::c());  // numbers as the tests spell them
    }
    void opensFolderOrCsv_data();
    void opensFolderOrCsv();
    void tableHasCsvColumnsAndSpeedup();
    void sortsByNumberNotText();
    void badInputNamesTheFile_data();
    void badInputNamesTheFile();
    void followsARunningSweep();
    void metricComboDrivesPlot();
    void selectionHighlightsAndDoubleClickOpensRun();
    void exportsPngAndSvg();
    void mainWindowHasSweepTab();
    void seedsShowMeanAndSd_data();
    void seedsShowMeanAndSd();
};

void TestSweepPanel::opensFolderOrCsv_data()
{
    QTest::addColumn<bool>("giveCsv");
    QTest::newRow("folder") << false;
    QTest::newRow("csv") << true;
}

void TestSweepPanel::opensFolderOrCsv()
{
    QFETCH(bool, giveCsv);
    QTemporaryDir dir;
    const QString csv = dir.filePath("sweep.csv");
    writeSweepTable(csv.toStdString(), threeRows());
    SweepPanel panel;
    QSignalSpy opened(&panel, &SweepPanel::sweepOpened);
    QSignalSpy reloaded(&panel, &SweepPanel::tableReloaded);
    QString error;
    QVERIFY2(panel.openSweep(giveCsv ? csv : dir.path(), &error), qPrintable(error));
    QCOMPARE(panel.tablePath(), QFileInfo(csv).absoluteFilePath());
    QCOMPARE(panel.sweepFolder(), QFileInfo(dir.path()).absoluteFilePath());
    QCOMPARE(opened.count(), 1);
    QCOMPARE(reloaded.count(), 1);
    QCOMPARE(reloaded.at(0).at(0).toInt(), 3);
    QCOMPARE(panel.rows().size(), std::size_t(3));
    QCOMPARE(panel.tableModel()->rowCount(), 3);
    QCOMPARE(panel.plot()->methods(), (QStringList{"learned", "random", "stride"}));
    QVERIFY(!panel.hasError());
    QVERIFY2(panel.statusText().contains("3 row") && panel.statusText().contains("3 method"),
             qPrintable(panel.statusText()));
}

void TestSweepPanel::tableHasCsvColumnsAndSpeedup()
{
    QTemporaryDir dir;
    writeSweepTable(dir.filePath("sweep.csv").toStdString(), threeRows());
    SweepPanel panel;
    QVERIFY(panel.openSweep(dir.path()));
    for (const auto& name : sweepColumns()) QVERIFY2(column(panel, QString::fromStdString(name)) >= 0, name.c_str());
    // The file's columns, the seed count after the run (hidden: no row has more than one) and the speed-up.
    QCOMPARE(panel.tableModel()->columnCount(), int(sweepColumns().size()) + 2);
    QCOMPARE(column(panel, "seeds"), 2);
    QVERIFY(panel.tableView()->isColumnHidden(column(panel, "seeds")));
    const int speedup = column(panel, "speedup");  // computed by the metric schema, not in the file
    QCOMPARE(speedup, int(sweepColumns().size()) + 1);
    // File order until a header is clicked.
    QCOMPARE(columnTexts(panel, column(panel, "method")), (QStringList{"random", "learned", "stride"}));
    QCOMPARE(columnTexts(panel, speedup), (QStringList{"1.90", "2.00", "3.00"}));
    QCOMPARE(columnTexts(panel, column(panel, "hard_keep")), (QStringList{"0.500", "0.510", "0.250"}));
    QCOMPARE(panel.tableModel()->headerData(column(panel, "hard_keep"), Qt::Horizontal).toString(),
             QStringLiteral("kept"));
    QCOMPARE(columnTexts(panel, column(panel, "bleu_free")), (QStringList{"22.0", "35.5", "13.0"}));
    QCOMPARE(columnTexts(panel, column(panel, "run")), (QStringList{"random-0.50", "learned-0.50", "stride-0.25"}));
}

void TestSweepPanel::sortsByNumberNotText()
{
    QTemporaryDir dir;
    std::vector<SweepRow> rows = threeRows();
    rows.push_back(row("first-k", 0.75, 0.75, 9.5, 40000, 50000));  // "9.5" sorts after "35.5" as text
    writeSweepTable(dir.filePath("sweep.csv").toStdString(), rows);
    SweepPanel panel;
    QVERIFY(panel.openSweep(dir.path()));
    panel.tableView()->sortByColumn(column(panel, "bleu_free"), Qt::DescendingOrder);
    QCOMPARE(columnTexts(panel, column(panel, "bleu_free")), (QStringList{"35.5", "22.0", "13.0", "9.5"}));
    // Methods sort as the legend lists them: learned first, then the baselines.
    panel.tableView()->sortByColumn(column(panel, "method"), Qt::AscendingOrder);
    QCOMPARE(columnTexts(panel, column(panel, "method")), (QStringList{"learned", "random", "first-k", "stride"}));
}

void TestSweepPanel::badInputNamesTheFile_data()
{
    QTest::addColumn<QByteArray>("content");  // empty: no file at all, and the path is a missing folder
    QTest::addColumn<QString>("expected");
    QTest::newRow("missing folder") << QByteArray() << "no such folder or file";
    QTest::newRow("missing column") << QByteArray("method,target_keep\nlearned,0.5\n")
                                    << "sweep.csv:1: missing column 'run'";
    QTest::newRow("not a number")
        << QByteArray("method,run,step,target_keep,texts,accuracy_hard,accuracy_soft,accuracy_free,bleu_free,"
                      "rouge_l_free,exact_match_free,hard_keep,tokens_per_s_masked,tokens_per_s_hard\n"
                      "learned,l,1,0.5,1,0.8,0.8,0.7,30,0.6,0.1,half,1,2\n")
        << "sweep.csv:2: column 'hard_keep': not a number: 'half'";
    QTest::newRow("not a number, in a table written before the metric schema")
        << QByteArray("method,target_keep,run,steps,texts,keep_ratio,accuracy_hard,accuracy_soft,accuracy_free,"
                      "bleu_free,rouge_l_free,exact_match_free,tokens_per_s_masked,tokens_per_s_hard\n"
                      "learned,0.5,l,1,1,half,0.8,0.8,0.7,30,0.6,0.1,1,2\n")
        << "sweep.csv:2: column 'keep_ratio': not a number: 'half'";
    QTest::newRow("empty file") << QByteArray("\n") << "sweep.csv: empty file";
}

void TestSweepPanel::badInputNamesTheFile()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    QString target = dir.filePath("no-such-sweep");
    if (!content.isEmpty()) {
        writeText(dir.filePath("sweep.csv"), content);
        target = dir.path();
    }
    SweepPanel panel;
    QString error;
    QVERIFY(!panel.openSweep(target, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY2(error.contains(content.isEmpty() ? target : dir.filePath("sweep.csv")), qPrintable(error));
    QVERIFY(panel.hasError());
    QCOMPARE(panel.statusText(), error);  // shown, not only returned
    QVERIFY(panel.rows().empty());
}

void TestSweepPanel::followsARunningSweep()
{
    QTemporaryDir dir;
    SweepPanel panel;
    QSignalSpy reloaded(&panel, &SweepPanel::tableReloaded);
    // Opened before the sweep wrote anything: it waits.
    QVERIFY(panel.openSweep(dir.path()));
    QVERIFY(!panel.hasError());
    QVERIFY2(panel.statusText().contains("waiting"), qPrintable(panel.statusText()));
    QCOMPARE(reloaded.count(), 0);

    std::vector<SweepRow> rows = threeRows();
    writeSweepTable(dir.filePath("sweep.csv").toStdString(), {rows[0]});
    QTRY_COMPARE_WITH_TIMEOUT(panel.rows().size(), std::size_t(1), 5000);
    panel.tableView()->selectRow(0);
    // Each finished configuration rewrites the table through a rename: a new file to watch.
    writeSweepTable(dir.filePath("sweep.csv").toStdString(), {rows[0], rows[1]});
    QTRY_COMPARE_WITH_TIMEOUT(panel.rows().size(), std::size_t(2), 5000);
    writeSweepTable(dir.filePath("sweep.csv").toStdString(), rows);
    QTRY_COMPARE_WITH_TIMEOUT(panel.rows().size(), std::size_t(3), 5000);
    QCOMPARE(panel.tableModel()->rowCount(), 3);
    QCOMPARE(panel.plot()->methods().size(), 3);
    // The selection survives a reload.
    QCOMPARE(panel.tableView()->selectionModel()->selectedRows().size(), 1);
    QCOMPARE(panel.plot()->highlightedRow(), 0);

    // A broken table keeps the last good rows on show and says what is wrong.
    writeText(dir.filePath("sweep.csv"), "method,run\n");
    QTRY_VERIFY_WITH_TIMEOUT(panel.hasError(), 5000);
    QVERIFY2(panel.statusText().contains(dir.filePath("sweep.csv")), qPrintable(panel.statusText()));
    QCOMPARE(panel.rows().size(), std::size_t(3));
    // Repaired, it reads again.
    writeSweepTable(dir.filePath("sweep.csv").toStdString(), {rows[2]});
    QTRY_COMPARE_WITH_TIMEOUT(panel.rows().size(), std::size_t(1), 5000);
    QVERIFY(!panel.hasError());
}

void TestSweepPanel::metricComboDrivesPlot()
{
    QTemporaryDir dir;
    writeSweepTable(dir.filePath("sweep.csv").toStdString(), threeRows());
    SweepPanel panel;
    QVERIFY(panel.openSweep(dir.path()));
    QComboBox* combo = panel.metricCombo();
    QCOMPARE(combo->count(), 4);
    QCOMPARE(panel.plot()->metric(), QStringLiteral("bleu_free"));
    QCOMPARE(combo->currentText(), QStringLiteral("free-running BLEU"));
    QCOMPARE(panel.plot()->methodPoints("learned").front().y(), 35.5);
    combo->setCurrentIndex(combo->findData(QStringLiteral("accuracy_hard")));
    QCOMPARE(panel.plot()->metric(), QStringLiteral("accuracy_hard"));
    QCOMPARE(panel.plot()->methodPoints("learned").front().y(), 0.4 + 0.51 / 2);
}

void TestSweepPanel::selectionHighlightsAndDoubleClickOpensRun()
{
    QTemporaryDir dir;
    writeSweepTable(dir.filePath("sweep.csv").toStdString(), threeRows());
    SweepPanel panel;
    QVERIFY(panel.openSweep(dir.path()));
    panel.tableView()->sortByColumn(column(panel, "bleu_free"), Qt::DescendingOrder);
    panel.tableView()->selectRow(0);  // learned, the second row of the file
    QCOMPARE(panel.plot()->highlightedRow(), 1);
    panel.tableView()->clearSelection();
    QCOMPARE(panel.plot()->highlightedRow(), -1);

    QSignalSpy activated(&panel, &SweepPanel::runActivated);
    emit panel.tableView()->doubleClicked(panel.tableModel()->index(0, 0));
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), QDir(QFileInfo(dir.path()).absoluteFilePath()).filePath("learned-0.50"));
}

void TestSweepPanel::exportsPngAndSvg()
{
    QTemporaryDir dir;
    writeSweepTable(dir.filePath("sweep.csv").toStdString(), threeRows());
    SweepPanel panel;
    QVERIFY(panel.openSweep(dir.path()));
    QString error;
    QVERIFY2(panel.exportPlot(dir.filePath("pareto.png"), QSize(1000, 625), &error), qPrintable(error));
    QImage image;
    QVERIFY(image.load(dir.filePath("pareto.png")));
    QCOMPARE(image.size(), QSize(1000, 625));
    QVERIFY2(panel.exportPlot(dir.filePath("pareto.svg"), SweepPanel::kExportSize, &error), qPrintable(error));
    QFile svg(dir.filePath("pareto.svg"));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    const QByteArray bytes = svg.readAll();
    QVERIFY(bytes.contains("<svg") && bytes.contains("learned") && bytes.contains("stride"));
    QVERIFY(!panel.exportPlot(dir.filePath("pareto.bmp"), QSize(100, 100), &error));
    QVERIFY2(error.contains("pareto.bmp"), qPrintable(error));
}

void TestSweepPanel::mainWindowHasSweepTab()
{
    QTemporaryDir runs;
    QTemporaryDir sweep;
    writeSweepTable(sweep.filePath("sweep.csv").toStdString(), threeRows());
    MainWindowOptions options;
    options.runsDirectory = runs.path();
    options.restoreSettings = false;
    options.confirmClose = false;
    MainWindow window(options);
    auto* tabs = qobject_cast<QTabWidget*>(window.centralWidget());
    QVERIFY(tabs);
    QCOMPARE(tabs->count(), 4);  // Dashboard, Inspector, Sweep, Hyperparameters
    QCOMPARE(tabs->tabText(2), QStringLiteral("Sweep"));
    QCOMPARE(tabs->tabText(3), QStringLiteral("Hyperparameters"));
    QCOMPARE(tabs->widget(2), window.sweepPanel());

    // Ctrl+3 in the View menu switches to it, like Ctrl+1 and Ctrl+2.
    QAction* sweepAction = nullptr;
    for (QAction* action : window.findChildren<QAction*>())
        if (action->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_3)) sweepAction = action;
    QVERIFY(sweepAction);
    window.showDashboard();
    sweepAction->trigger();
    QCOMPARE(tabs->currentWidget(), window.sweepPanel());

    bool hasOpenSweep = false;
    for (QAction* action : window.findChildren<QAction*>())
        hasOpenSweep |= action->text().remove(QLatin1Char('&')) == "Open Sweep…";
    QVERIFY(hasOpenSweep);

    window.showDashboard();
    QVERIFY(window.openSweep(sweep.path()));
    QCOMPARE(tabs->currentWidget(), window.sweepPanel());
    QCOMPARE(window.sweepPanel()->rows().size(), std::size_t(3));
    QString error;
    QVERIFY(!window.openSweep(sweep.filePath("missing"), &error));
    QVERIFY(error.contains("missing"));
}

void TestSweepPanel::seedsShowMeanAndSd_data()
{
    QTest::addColumn<QString>("metric");
    QTest::addColumn<QStringList>("texts");  // the metric's column, file order
    QTest::newRow("BLEU") << "bleu_free" << QStringList{"22.0", "35.5 ± 1.5", "31.0 ± 3.0"};
    QTest::newRow("kept") << "hard_keep" << QStringList{"0.500", "0.510 ± 0.020", "0.490 ± 0.040"};
    QTest::newRow("tokens/s, no SD in the file") << "tokens_per_s_masked" << QStringList{"40000", "40000", "40000"};
}

void TestSweepPanel::seedsShowMeanAndSd()
{
    QFETCH(QString, metric);
    QFETCH(QStringList, texts);
    QTemporaryDir dir;
    std::vector<SweepRow> rows = threeRows();
    rows[2] = row("tau05", 0.5, 0.49, 31.0, 40000, 81000);
    rows[1].seeds = 3;
    rows[1].sd = {{"bleu_free", 1.5}, {"hard_keep", 0.02}};
    rows[2].seeds = 3;
    rows[2].sd = {{"bleu_free", 3.0}, {"hard_keep", 0.04}};
    writeSweepTable(dir.filePath("sweep.csv").toStdString(), rows);
    SweepPanel panel;
    QVERIFY(panel.openSweep(dir.path()));
    QCOMPARE(panel.rows()[1].seeds, 3);
    QVERIFY(!panel.tableView()->isColumnHidden(column(panel, "seeds")));
    QCOMPARE(columnTexts(panel, column(panel, "seeds")), (QStringList{"1", "3", "3"}));
    QCOMPARE(columnTexts(panel, column(panel, metric)), texts);
    // Sorted by the mean, not the text.
    panel.tableView()->sortByColumn(column(panel, "bleu_free"), Qt::DescendingOrder);
    QCOMPARE(columnTexts(panel, column(panel, "method")), (QStringList{"learned", "tau05", "random"}));
    QVERIFY2(panel.statusText().contains(QStringLiteral("mean ± SD over 1–3 seeds")), qPrintable(panel.statusText()));
    // The plot has the error bars; the variant is a series of its own.
    QVERIFY(panel.plot()->valueErrorBars("learned"));
    QVERIFY(panel.plot()->valueErrorBars("tau05"));
    QVERIFY(!panel.plot()->valueErrorBars("random"));
    QCOMPARE(panel.plot()->methods(), (QStringList{"learned", "random", "tau05"}));
}

QTEST_MAIN(TestSweepPanel)
#include "tst_sweep_panel.moc"
