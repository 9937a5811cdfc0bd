// The main window end to end (offscreen): a run started from the form, closed mid-run, the
// comparison of two runs, every export format, and a full disk (RLIMIT_FSIZE) during a run and
// during exports, in the window and from the command line.
#include <QTranslator>
#include <QtTest>

#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QMessageBox>
#include <QProcess>
#include <QProgressBar>
#include <QTemporaryDir>
#include <QTimer>
#include <QXmlStreamReader>

#include <cerrno>
#include <cstring>

#include "app/gui/DashboardController.h"
#include "app/gui/InspectorPanel.h"
#include "app/gui/MainWindow.h"
#include "app/gui/TrainingSession.h"
#include "core/engine/train/Trainer.h"
#include "core/runs/CheckpointFiles.h"
#include "core/runs/MetricsTable.h"
#include "core/runs/RunStatus.h"
#include "support/FileSizeLimit.h"
#include "support/SmallRunConfig.h"
#include "widgets/config/ConfigForm.h"
#include "widgets/plot/MetricPlot.h"
#include "widgets/plot/PlotDashboard.h"
#include "widgets/plot/PlotExportDialog.h"
#include "widgets/runs/RunHistoryModel.h"
#include "widgets/runs/RunHistoryView.h"

using namespace megatoken;

namespace {

MainWindowOptions testOptions(const QString& runs)
{
    MainWindowOptions options;
    options.runsDirectory = runs;
    options.restoreSettings = false;
    options.confirmClose = false;
    return options;
}

// Trains a short run through the window and waits for it to finish.
bool trainThrough(MainWindow& window, const QString& runs, const std::string& name, int steps)
{
    window.configForm()->setConfig(testing::smallRunConfig(runs, name, steps));
    QSignalSpy finished(window.session(), &TrainingSession::finished);
    if (!window.startTraining()) return false;
    return finished.wait(180000) || finished.count() == 1;
}

QString efbig()
{
    return QString::fromLocal8Bit(std::strerror(EFBIG));
}

}  // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void closingMidRunStopsCleanly();
    void closingWhilePreparingStopsCleanly_data();
    void closingWhilePreparingStopsCleanly();
    void twoRunsOverlayInOwnColours();
    void fitsA1600PixelScreenInEveryLanguage_data();
    void fitsA1600PixelScreenInEveryLanguage();
    void unreadableRunsAreReturnedNotShownInADialog();
    void exportsWriteValidFiles_data();
    void exportsWriteValidFiles();
    void exportsLongCsvOfRuns();
    void fullDiskDuringARunIsShownInTheErrorDialog();
    void longCsvExportOnAFullDiskKeepsTheEarlierFile();
    void commandLineExportOnAFullDiskFailsWithTheReason();
    void importsAHuggingFaceFolderIntoTheInspector();
    void failedImportLeavesNoRun();
};

void TestMainWindow::fitsA1600PixelScreenInEveryLanguage_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("English") << "en";
    QTest::newRow("German") << "de";
    QTest::newRow("Russian") << "ru";
}

// The dashboard's control row (smoothing, x axis, log y, groups, band) and the configuration dock
// side by side must fit a 1600 px wide screen in every language; German once pushed it past.
void TestMainWindow::fitsA1600PixelScreenInEveryLanguage()
{
    QFETCH(QString, language);
    QTranslator translator;
    if (language != QStringLiteral("en")) {
        QVERIFY(translator.load(
            QDir(QStringLiteral(MEGATOKEN_QM_DIR)).filePath(QStringLiteral("megatoken_%1.qm").arg(language))));
        QVERIFY(QCoreApplication::installTranslator(&translator));
    }
    QTemporaryDir runs;
    {
        MainWindow window(testOptions(runs.path()));
        window.show();
        QVERIFY2(window.minimumSizeHint().width() <= 1600,
                 qPrintable(QString::number(window.minimumSizeHint().width())));
        QVERIFY2(window.width() <= 1600, qPrintable(QString::number(window.width())));
    }
    QCoreApplication::removeTranslator(&translator);
}

void TestMainWindow::closingMidRunStopsCleanly()
{
    QTemporaryDir runs;
    MainWindow window(testOptions(runs.path()));
    window.show();
    window.configForm()->setConfig(testing::smallRunConfig(runs.path(), "closing", 100000));
    QSignalSpy steps(window.session(), &TrainingSession::stepCompleted);
    QVERIFY(window.startTraining());
    QTRY_VERIFY_WITH_TIMEOUT(steps.count() >= 3, 180000);

    QElapsedTimer timer;
    timer.start();
    window.close();  // asks the run to stop; the window closes once the checkpoint is written
    QTRY_VERIFY_WITH_TIMEOUT(!window.session()->isActive(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!window.isVisible(), 5000);
    const qint64 ms = timer.elapsed();
    qInfo("closing mid-run: the run stopped and the window closed after %lld ms", static_cast<long long>(ms));
    QVERIFY2(ms < 5000, qPrintable(QString::number(ms)));

    const QDir run(QDir(runs.path()).filePath("closing"));
    QVERIFY(!run.entryList({"*.pt"}, QDir::Files).isEmpty() ||
            !QDir(run.filePath("checkpoints")).entryList({"*.pt"}).isEmpty());
    const auto table = readMetricsTable(run.filePath("metrics.csv").toStdString());
    QCOMPARE(int(table.rows.size()), steps.count());
}

void TestMainWindow::closingWhilePreparingStopsCleanly_data()
{
    QTest::addColumn<QString>("phase");
    QTest::addColumn<double>("after");
    QTest::newRow("reading corpus") << QString(Trainer::kPhaseReadingCorpus.data()) << 0.02;
    QTest::newRow("tokenizer") << QString(Trainer::kPhaseTokenizer.data()) << 0.3;
}

// Closing the window while the run reads its corpus or trains its tokenizer (the status bar shows
// the phase and its fraction): the run stops at once, the window closes, nothing is half-written.
void TestMainWindow::closingWhilePreparingStopsCleanly()
{
    QFETCH(QString, phase);
    QFETCH(double, after);
    QTemporaryDir runs, cache;
    qputenv("MEGATOKEN_CACHE_DIR", cache.path().toLocal8Bit());  // parse WordNet, train the tokenizer
    MainWindow window(testOptions(runs.path()));
    window.show();
    window.configForm()->setConfig(testing::smallRunConfig(runs.path(), "closing", 100000));
    QElapsedTimer sinceClose;
    QString shown;
    connect(window.session(), &TrainingSession::progressChanged, &window, [&](double fraction, const QString& message) {
        if (sinceClose.isValid() || message != phase || !(fraction > after)) return;
        shown = window.findChild<QProgressBar*>()->text();
        sinceClose.start();
        window.close();
    });
    QSignalSpy steps(window.session(), &TrainingSession::stepCompleted);
    QSignalSpy finished(window.session(), &TrainingSession::finished);
    QVERIFY(window.startTraining());
    QTRY_VERIFY_WITH_TIMEOUT(sinceClose.isValid(), 120000);
    QTRY_VERIFY_WITH_TIMEOUT(!window.isVisible(), 30000);
    const qint64 ms = sinceClose.elapsed();
    qunsetenv("MEGATOKEN_CACHE_DIR");
    qInfo("closing while %s: the window closed %lld ms later (status bar: %s)", qPrintable(phase),
          static_cast<long long>(ms), qPrintable(shown));
    QVERIFY2(ms < 10000, qPrintable(QString::number(ms)));
    QVERIFY2(shown.startsWith(phase + ": "), qPrintable(shown));  // the phase and its percentage
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).toInt(), int(FinishReason::Stopped));
    QCOMPARE(steps.count(), 0);
    const std::string run = QDir(runs.path()).filePath("closing").toStdString();
    QCOMPARE(readRunStatus(run)->state, std::string(kRunStateStopped));
    QVERIFY(latestCheckpoint(run).empty());
}

void TestMainWindow::twoRunsOverlayInOwnColours()
{
    QTemporaryDir runs;
    MainWindow window(testOptions(runs.path()));
    QVERIFY(trainThrough(window, runs.path(), "alpha", 6));
    QVERIFY(trainThrough(window, runs.path(), "beta", 4));
    const QString a = QDir(runs.path()).filePath("alpha"), b = QDir(runs.path()).filePath("beta");
    QVERIFY(window.openRuns({a, b}));
    MetricPlot* accuracy = window.dashboard()->plot(QStringLiteral("accuracy"));
    QCOMPARE(accuracy->pointCount(QStringLiteral("alpha|train/accuracy")), 6);
    QCOMPARE(accuracy->pointCount(QStringLiteral("beta|train/accuracy")), 4);
    QCOMPARE(window.dashboardController()->runs(), QStringList({"alpha", "beta"}));
    // The run history lists both.
    window.history()->model()->refresh();
    QCOMPARE(window.history()->model()->rowCount(), 2);
}

void TestMainWindow::unreadableRunsAreReturnedNotShownInADialog()
{
    // What --open RUN --export-dashboard FILE relies on: no modal dialog waits for a click.
    QTemporaryDir runs;
    const QString bad = QDir(runs.path()).filePath("torn");
    QVERIFY(QDir().mkpath(bad));
    QFile metrics(QDir(bad).filePath("metrics.csv"));
    QVERIFY(metrics.open(QIODevice::WriteOnly));
    metrics.write("step,epoch,loss\n1,0,8,98\n");  // a decimal comma: 4 cells under a 3-column header
    metrics.close();
    MainWindow window(testOptions(runs.path()));
    QStringList problems;
    QVERIFY(!window.openRuns({bad, QDir(runs.path()).filePath("missing")}, &problems));
    QCOMPARE(problems.size(), 2);
    QVERIFY2(problems[0].startsWith(QDir(bad).filePath("metrics.csv") + ":2: "), qPrintable(problems[0]));
    QVERIFY2(problems[1].contains("missing"), qPrintable(problems[1]));
    QVERIFY(QApplication::activeModalWidget() == nullptr);
}

void TestMainWindow::exportsWriteValidFiles_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("target");
    QTest::newRow("png dashboard") << "png"
                                   << "";
    QTest::newRow("pdf dashboard") << "pdf"
                                   << "";
    QTest::newRow("svg dashboard") << "svg"
                                   << "";
    QTest::newRow("png plot") << "png"
                              << "gates";
    QTest::newRow("svg plot") << "svg"
                              << "accuracy";
}

void TestMainWindow::exportsWriteValidFiles()
{
    QFETCH(QString, format);
    QFETCH(QString, target);
    QTemporaryDir runs;
    MainWindow window(testOptions(runs.path()));
    QVERIFY(trainThrough(window, runs.path(), "exported", 5));
    std::unique_ptr<PlotExportDialog> dialog(window.createExportDialog());
    const QString path = QDir(runs.path()).filePath("out." + format);
    dialog->setTarget(target);
    dialog->setFormat(format);
    dialog->setImageSize(QSize(900, 600));
    dialog->setFilePath(path);
    QString error;
    QVERIFY2(window.exportFromDialog(*dialog, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.size() > 1000);
    if (format == "png") {
        QImage image;
        QVERIFY(image.loadFromData(bytes, "PNG"));
        QCOMPARE(image.size(), QSize(900, 600));
    } else if (format == "pdf") {
        QVERIFY(bytes.startsWith("%PDF"));
    } else {
        QXmlStreamReader xml(bytes);
        bool sawSvg = false;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("svg")) sawSvg = true;
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(sawSvg);
    }
}

void TestMainWindow::exportsLongCsvOfRuns()
{
    QTemporaryDir runs;
    MainWindow window(testOptions(runs.path()));
    QVERIFY(trainThrough(window, runs.path(), "csv", 3));
    const QString path = QDir(runs.path()).filePath("long.csv");
    QString error;
    QVERIFY2(window.history()->exportCsv({QDir(runs.path()).filePath("csv")}, path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines = QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.front(), QStringLiteral("run,step,metric,value"));
    QVERIFY(lines.contains(QRegularExpression("^csv,3,train/accuracy,[0-9.e-]+$")));
}

// The checkpoint cannot be written (RLIMIT_FSIZE: write(2) fails with EFBIG, as with ENOSPC on a
// full disk): the run ends through the usual finish path, and the error dialog names the file and
// the system's reason.
void TestMainWindow::fullDiskDuringARunIsShownInTheErrorDialog()
{
    QTemporaryDir runs;
    MainWindow window(testOptions(runs.path()));
    RunConfig config = testing::smallRunConfig(runs.path(), "full", 5);
    window.configForm()->setConfig(config);
    QString title, text;
    QTimer dialogWatch;
    connect(&dialogWatch, &QTimer::timeout, this, [&] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
            title = box->windowTitle();
            text = box->text();
            box->accept();
        }
    });
    dialogWatch.start(50);
    QSignalSpy finished(window.session(), &TrainingSession::finished);
    {
        // Room for config.json, the tokenizer, metrics.csv and status.json; not for a checkpoint.
        const testing::FileSizeLimit limit(256 * 1024);
        QVERIFY(limit.active());
        QVERIFY(window.startTraining());
        QVERIFY(finished.wait(180000) || finished.count() == 1);
    }
    QTRY_VERIFY(!text.isEmpty());
    QCOMPARE(finished.first().at(0).toInt(), static_cast<int>(FinishReason::Failed));
    QCOMPARE(title, QStringLiteral("Training failed"));
    const QString checkpoint = QDir(runs.path()).filePath("full/checkpoints/step-00000005.pt");
    QVERIFY2(text.startsWith(checkpoint + ": write error (" + efbig() + ")"), qPrintable(text));
    QCOMPARE(text, finished.first().at(1).toString());
    QCOMPARE(readRunStatus(QDir(runs.path()).filePath("full").toStdString())->state, std::string(kRunStateFailed));
}

void TestMainWindow::longCsvExportOnAFullDiskKeepsTheEarlierFile()
{
    QTemporaryDir runs;
    MainWindow window(testOptions(runs.path()));
    QVERIFY(trainThrough(window, runs.path(), "csv", 3));
    const QString path = QDir(runs.path()).filePath("long.csv");
    const QStringList run{QDir(runs.path()).filePath("csv")};
    QString error;
    QVERIFY2(window.history()->exportCsv(run, path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray earlier = file.readAll();
    file.close();
    QVERIFY(earlier.size() > 256);
    bool written = true;
    {
        const testing::FileSizeLimit limit(256);
        QVERIFY(limit.active());
        written = window.history()->exportCsv(run, path, &error);
    }
    QVERIFY(!written);
    QCOMPARE(error, path + ": write error (" + efbig() + ")");
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), earlier);
    QCOMPARE(QDir(runs.path()).entryList({"long.csv*"}, QDir::Files), QStringList{"long.csv"});
}

// megatoken-workbench --open RUN --export-dashboard FILE in a process whose files may not grow
// past 4 KiB: it prints the file and the system's reason and exits 1, without a dialog, and
// leaves no file (or temporary) behind.
void TestMainWindow::commandLineExportOnAFullDiskFailsWithTheReason()
{
    QTemporaryDir runs;
    {
        MainWindow window(testOptions(runs.path()));
        QVERIFY(trainThrough(window, runs.path(), "cli", 3));
    }
    const QString out = QDir(runs.path()).filePath("exports");
    QVERIFY(QDir().mkpath(out));
    const QString target = QDir(out).filePath("dashboard.png");
    QProcess program;
    program.setChildProcessModifier([] { testing::FileSizeLimit::applyToThisProcess(4096); });
    program.start(QStringLiteral(MEGATOKEN_WORKBENCH_BINARY),
                  {"--fresh", "--open", QDir(runs.path()).filePath("cli"), "--export-dashboard", target});
    QVERIFY(program.waitForFinished(120000));
    const QString errors = QString::fromLocal8Bit(program.readAllStandardError());
    QCOMPARE(program.exitStatus(), QProcess::NormalExit);
    QCOMPARE(program.exitCode(), 1);
    // The program speaks the test's locale (German and Russian runs too): the file and the reason.
    QVERIFY2(errors.contains(target), qPrintable(errors));
    QVERIFY2(errors.contains("write error (" + efbig() + ")."), qPrintable(errors));
    QVERIFY(QDir(out).isEmpty());
}

// File → Import Hugging Face Model…: the folder becomes a run (on a worker thread), listed as
// imported, and the inspector opens it (issue 14).
void TestMainWindow::importsAHuggingFaceFolderIntoTheInspector()
{
    QTemporaryDir runs;
    MainWindow window(testOptions(runs.path()));
    window.show();
    QSignalSpy imported(&window, &MainWindow::hfImportFinished);
    QSignalSpy modelChanged(window.inspector(), &InspectorPanel::modelChanged);
    window.importHfFolder(QStringLiteral(MEGATOKEN_TEST_DATA_DIR "/t5/t5-v1_1"));
    QVERIFY(imported.wait(60000));
    const QString run = imported.front().at(0).toString();
    QCOMPARE(imported.front().at(1).toString(), QString());
    QCOMPARE(QFileInfo(run).fileName(), QStringLiteral("t5-v1_1"));
    QVERIFY(QFileInfo::exists(run + "/checkpoints/step-00000000.pt"));
    QTRY_VERIFY_WITH_TIMEOUT(modelChanged.count() >= 1, 60000);
    QVERIFY2(window.inspector()->modelDescription().contains("t5-v1_1"),
             qPrintable(window.inspector()->modelDescription()));
    const auto* model = window.history()->model();
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, RunHistoryModel::Status).data().toString(), QStringLiteral("imported (Hugging Face)"));
    QCOMPARE(model->index(0, RunHistoryModel::Steps).data().toString(), QStringLiteral("pretrained"));

    // A second import of the same folder gets a fresh name.
    imported.clear();
    window.importHfFolder(QStringLiteral(MEGATOKEN_TEST_DATA_DIR "/t5/t5-v1_1"));
    QVERIFY(imported.wait(60000));
    QCOMPARE(QFileInfo(imported.front().at(0).toString()).fileName(), QStringLiteral("t5-v1_1-2"));
}

void TestMainWindow::failedImportLeavesNoRun()
{
    QTemporaryDir runs, folder;
    QFile::copy(QStringLiteral(MEGATOKEN_TEST_DATA_DIR "/t5/t5-v1_0/config.json"), folder.filePath("config.json"));
    MainWindow window(testOptions(runs.path()));
    QSignalSpy imported(&window, &MainWindow::hfImportFinished);
    // The error dialog is modal: close it as soon as it shows.
    QTimer closer;
    QObject::connect(&closer, &QTimer::timeout, [] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) box->accept();
    });
    closer.start(50);
    window.importHfFolder(folder.path());
    QVERIFY(imported.wait(60000));
    QCOMPARE(imported.front().at(0).toString(), QString());
    QVERIFY2(imported.front().at(1).toString().contains("spiece.model"), qPrintable(imported.front().at(1).toString()));
    QCOMPARE(QDir(runs.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
}

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
