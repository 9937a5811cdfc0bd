#include <QtTest>

#include <QRegularExpression>

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QPushButton>
#include <QSlider>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <cerrno>
#include <cmath>
#include <cstring>

#include <qcustomplot.h>

#include "support/FileSizeLimit.h"
#include "widgets/plot/MetricPlot.h"
#include "widgets/plot/PlotDashboard.h"
#include "widgets/plot/PlotExportDialog.h"

using megatoken::MetricPlot;
using megatoken::PlotDashboard;
using megatoken::PlotExportDialog;
using megatoken::PublicationStyle;

namespace {

void fillLossPlot(MetricPlot& plot)
{
    plot.setTitle(QStringLiteral("Reconstruction loss"));
    plot.setYLabel(QStringLiteral("loss"));
    plot.addSeries(QStringLiteral("train"), QStringLiteral("train"), QColor(31, 119, 180));
    plot.addSeries(QStringLiteral("val"), QStringLiteral("validation"), QColor(214, 39, 40), Qt::DashLine);
    for (int step = 0; step <= 500; step += 5) {
        const double loss = 3.0 * std::exp(-step / 150.0) + 0.1 * std::sin(step);
        plot.appendPoint(QStringLiteral("train"), step, step * 0.2, loss);
        if (step % 50 == 0)
            plot.appendPoint(QStringLiteral("val"), step, step * 0.2, 3.2 * std::exp(-step / 160.0) + 0.2);
    }
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Whether the image has anything but the background on it: some pixel far from white.
bool hasInk(const QImage& image)
{
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3) {
            if (qGray(image.pixel(x, y)) < 128) return true;
        }
    }
    return false;
}

// A drawn line or curve: QSvgGenerator writes <polyline points=...> for polylines and
// <path d=...> for everything else.
bool isPathData(const QXmlStreamReader& xml)
{
    if (xml.name() == QLatin1String("path")) return !xml.attributes().value(QLatin1String("d")).isEmpty();
    if (xml.name() == QLatin1String("polyline"))
        return xml.attributes().value(QLatin1String("points")).split(QLatin1Char(' '), Qt::SkipEmptyParts).size() > 1;
    return false;
}

QPushButton* okButton(const PlotExportDialog& dialog)
{
    return dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
}

}  // namespace

class TestPlotExport : public QObject {
    Q_OBJECT

private slots:
    void init();
    void exportsEachFormat_data();
    void exportsEachFormat();
    void rejectsUnknownSuffix();
    void printSizeSetsThePage_data();
    void printSizeSetsThePage();
    void rejectsUnwritableFolder_data();
    void rejectsUnwritableFolder();
    void fullDiskKeepsTheEarlierExport_data();
    void fullDiskKeepsTheEarlierExport();
    void pixmapAndClipboard();
    void dashboardRendersRequestedSize_data();
    void dashboardRendersRequestedSize();
    void dashboardExportsFiles();
    void dashboardSharedControls();
    void dashboardAppendIgnoresUnknownTargets();
    void dialogSettersAndGetters();
    void dialogSuffixFollowsFormat_data();
    void dialogSuffixFollowsFormat();
    void dialogOkNeedsPath();

private:
    QTemporaryDir dir_;
};

void TestPlotExport::init()
{
    QVERIFY(dir_.isValid());
}

void TestPlotExport::exportsEachFormat_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::newRow("png") << "loss.png" << 800 << 600;
    QTest::newRow("png upper-case suffix") << "loss-upper.PNG" << 640 << 360;
    QTest::newRow("pdf") << "loss.pdf" << 1200 << 800;
    QTest::newRow("svg") << "loss.svg" << 1000 << 700;
}

void TestPlotExport::exportsEachFormat()
{
    QFETCH(QString, fileName);
    QFETCH(int, width);
    QFETCH(int, height);
    MetricPlot plot;
    fillLossPlot(plot);
    const QString path = dir_.filePath(fileName);
    QString error;
    QVERIFY2(plot.exportImage(path, width, height, &error), qPrintable(error));
    QVERIFY(error.isEmpty());
    const QByteArray bytes = readAll(path);
    QVERIFY(!bytes.isEmpty());

    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png")) {
        QImage image;
        QVERIFY(image.load(path));
        QCOMPARE(image.size(), QSize(width, height));
        QVERIFY(hasInk(image));
    } else if (suffix == QLatin1String("pdf")) {
        QVERIFY(bytes.startsWith("%PDF"));
        QVERIFY(bytes.size() > 1000);
    } else {
        QXmlStreamReader xml(bytes);
        bool sawSvgRoot = false;
        int paths = 0;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement) {
                if (!sawSvgRoot) {
                    QCOMPARE(xml.name(), QLatin1String("svg"));
                    sawSvgRoot = true;
                    QCOMPARE(xml.attributes().value(QLatin1String("viewBox")).toString(),
                             QStringLiteral("0 0 %1 %2").arg(width).arg(height));
                }
                if (isPathData(xml)) ++paths;
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(sawSvgRoot);
        QVERIFY2(paths > 0, "no path data in the SVG");
    }
}

void TestPlotExport::printSizeSetsThePage_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<bool>("dashboard");
    QTest::newRow("plot pdf") << "column.pdf" << false;
    QTest::newRow("plot svg") << "column.svg" << false;
    QTest::newRow("dashboard pdf") << "page.pdf" << true;
    QTest::newRow("dashboard svg") << "page.svg" << true;
}

// 8.5 cm x 5 cm is 240.9 x 141.7 points: the PDF's page and the SVG's size in millimetres.
void TestPlotExport::printSizeSetsThePage()
{
    QFETCH(QString, fileName);
    QFETCH(bool, dashboard);
    PublicationStyle style;
    style.widthCm = 8.5;
    style.heightCm = 5.0;
    style.fontPt = 7;
    style.colourBlindSafe = true;
    const QString path = dir_.filePath(fileName);
    QString error;
    if (dashboard) {
        PlotDashboard board;
        fillLossPlot(*board.addPlot(QStringLiteral("loss"), QStringLiteral("loss"), QStringLiteral("loss")));
        QVERIFY2(board.exportFigure(path, QSize(1200, 800), style, &error), qPrintable(error));
    } else {
        MetricPlot plot;
        fillLossPlot(plot);
        QVERIFY2(plot.exportFigure(path, QSize(1200, 800), style, &error), qPrintable(error));
    }
    const QByteArray bytes = readAll(path);
    if (fileName.endsWith(QLatin1String(".pdf"))) {
        static const QRegularExpression box(QStringLiteral("/MediaBox \\[0 0 ([0-9.]+) ([0-9.]+)\\]"));
        const auto match = box.match(QString::fromLatin1(bytes));
        QVERIFY2(match.hasMatch(), "no MediaBox");
        QVERIFY2(std::abs(match.captured(1).toDouble() - 240.94) < 1.0, qPrintable(match.captured(0)));
        QVERIFY2(std::abs(match.captured(2).toDouble() - 141.73) < 1.0, qPrintable(match.captured(0)));
    } else {
        QXmlStreamReader xml(bytes);
        while (!xml.atEnd() && xml.readNext() != QXmlStreamReader::StartElement) {}
        const QString width = xml.attributes().value(QLatin1String("width")).toString();
        const QString height = xml.attributes().value(QLatin1String("height")).toString();
        QVERIFY2(width.endsWith(QLatin1String("mm")) && std::abs(width.chopped(2).toDouble() - 85.0) < 0.5,
                 qPrintable(width));
        QVERIFY2(height.endsWith(QLatin1String("mm")) && std::abs(height.chopped(2).toDouble() - 50.0) < 0.5,
                 qPrintable(height));
        // Laid out larger than the page (text of the plot's size reads 7 pt on paper), then scaled.
        const QStringList viewBox = xml.attributes().value(QLatin1String("viewBox")).toString().split(' ');
        QVERIFY(viewBox.size() == 4 && viewBox[2].toDouble() > 241);
    }
}

void TestPlotExport::rejectsUnknownSuffix()
{
    MetricPlot plot;
    fillLossPlot(plot);
    for (const QString& name : {QStringLiteral("loss.jpg"), QStringLiteral("loss")}) {
        const QString path = dir_.filePath(name);
        QString error;
        QVERIFY(!plot.exportImage(path, 800, 600, &error));
        QVERIFY2(error.contains(QDir::toNativeSeparators(path)), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("unknown image format")), qPrintable(error));
        QVERIFY(!QFile::exists(path));
    }
    QVERIFY(!plot.exportImage(dir_.filePath(QStringLiteral("x.gif")), 800, 600));  // no error pointer: fine
}

void TestPlotExport::rejectsUnwritableFolder_data()
{
    QTest::addColumn<QString>("relativePath");
    QTest::addColumn<QString>("reason");
    QTest::newRow("missing folder") << "no/such/folder/plot.png"
                                    << "does not exist";
    QTest::newRow("folder is a file") << "a-file/plot.svg"
                                      << "is a file, not a folder";
    QTest::newRow("pdf in missing folder") << "missing/plot.pdf"
                                           << "does not exist";
}

void TestPlotExport::rejectsUnwritableFolder()
{
    QFETCH(QString, relativePath);
    QFETCH(QString, reason);
    {
        QFile blocker(dir_.filePath(QStringLiteral("a-file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
    }
    MetricPlot plot;
    fillLossPlot(plot);
    const QString path = dir_.filePath(relativePath);
    QString error;
    QVERIFY(!plot.exportImage(path, 800, 600, &error));
    QVERIFY2(error.contains(QDir::toNativeSeparators(path)), qPrintable(error));
    QVERIFY2(error.contains(reason), qPrintable(error));

    PlotDashboard dashboard;
    dashboard.addPlot(QStringLiteral("loss"), QStringLiteral("Loss"), QStringLiteral("loss"));
    error.clear();
    QVERIFY(!dashboard.exportDashboard(path, 800, 600, &error));
    QVERIFY2(error.contains(QDir::toNativeSeparators(path)), qPrintable(error));

    // Running as root makes a read-only folder writable anyway; only check it when it is not.
    QDir(dir_.path()).mkdir(QStringLiteral("read-only"));
    const QString readOnly = dir_.filePath(QStringLiteral("read-only"));
    QFile::setPermissions(readOnly, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
    if (!QFileInfo(readOnly).isWritable()) {
        error.clear();
        QVERIFY(!plot.exportImage(readOnly + QStringLiteral("/plot.png"), 800, 600, &error));
        QVERIFY2(error.contains(QStringLiteral("not writable")), qPrintable(error));
    }
    QFile::setPermissions(readOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
}

void TestPlotExport::fullDiskKeepsTheEarlierExport_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<bool>("dashboard");
    for (const QString format : {QStringLiteral("png"), QStringLiteral("pdf"), QStringLiteral("svg")}) {
        QTest::addRow("plot %s", qPrintable(format)) << "loss." + format << false;
        QTest::addRow("dashboard %s", qPrintable(format)) << "dashboard." + format << true;
    }
}

// A file-size limit (RLIMIT_FSIZE: write(2) fails with EFBIG as it fails with ENOSPC on a full
// disk): the export fails naming the file and the system's reason, and the earlier export of the
// same file is still there, whole; no temporary is left beside it.
void TestPlotExport::fullDiskKeepsTheEarlierExport()
{
    QFETCH(QString, fileName);
    QFETCH(bool, dashboard);
    QTemporaryDir dir;
    const QString path = dir.filePath(fileName);
    MetricPlot plot;
    fillLossPlot(plot);
    PlotDashboard board;
    board.addPlot(QStringLiteral("loss"), QStringLiteral("Loss"), QStringLiteral("loss"));
    board.addSeries(QStringLiteral("loss"), QStringLiteral("train"), QStringLiteral("train"), Qt::blue);
    for (int step = 0; step < 200; ++step)
        board.appendPoint(QStringLiteral("loss"), QStringLiteral("train"), step, step, 2.0 / (1 + step * 0.05));
    const auto exportTo = [&](QString* error) {
        return dashboard ? board.exportDashboard(path, 1200, 800, error) : plot.exportImage(path, 1200, 800, error);
    };
    QString error;
    QVERIFY2(exportTo(&error), qPrintable(error));
    const QByteArray earlier = readAll(path);
    QVERIFY(earlier.size() > 2048);

    bool written = true;
    {
        const megatoken::testing::FileSizeLimit limit(2048);
        QVERIFY(limit.active());
        written = exportTo(&error);
    }
    QVERIFY(!written);
    QCOMPARE(error, QStringLiteral("Cannot write %1: write error (%2).")
                        .arg(QDir::toNativeSeparators(path), QString::fromLocal8Bit(std::strerror(EFBIG))));
    QCOMPARE(readAll(path), earlier);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{fileName});
}

void TestPlotExport::pixmapAndClipboard()
{
    MetricPlot plot;
    fillLossPlot(plot);
    const QPixmap pixmap = plot.toPixmap(500, 300);
    QCOMPARE(pixmap.size(), QSize(500, 300));
    QVERIFY(hasInk(pixmap.toImage()));
    plot.resize(420, 280);
    plot.copyToClipboard();
    const QImage copied = QGuiApplication::clipboard()->image();
    QVERIFY(!copied.isNull());
    QVERIFY(hasInk(copied));
}

void TestPlotExport::dashboardRendersRequestedSize_data()
{
    QTest::addColumn<int>("plots");
    QTest::addColumn<int>("columns");
    QTest::addColumn<QSize>("size");
    QTest::newRow("5 plots, 2 columns") << 5 << 2 << QSize(1200, 800);
    QTest::newRow("4 plots, 3 columns") << 4 << 3 << QSize(1601, 999);
    QTest::newRow("1 plot") << 1 << 3 << QSize(640, 480);
    QTest::newRow("no plots") << 0 << 2 << QSize(300, 200);
}

void TestPlotExport::dashboardRendersRequestedSize()
{
    QFETCH(int, plots);
    QFETCH(int, columns);
    QFETCH(QSize, size);
    PlotDashboard dashboard;
    dashboard.setColumns(columns);
    for (int i = 0; i < plots; ++i) {
        const QString id = QStringLiteral("p%1").arg(i);
        dashboard.addPlot(id, QStringLiteral("Plot %1").arg(i), QStringLiteral("value"));
        QVERIFY(dashboard.addSeries(id, QStringLiteral("s"), QStringLiteral("series"), Qt::blue));
        for (int step = 0; step < 100; ++step)
            dashboard.appendPoint(id, QStringLiteral("s"), step, step, std::sin(step * 0.1 + i));
    }
    const QImage image = dashboard.renderDashboard(size.width(), size.height());
    QCOMPARE(image.size(), size);
    QCOMPARE(hasInk(image), plots > 0);
    if (plots > 1) {
        // Every cell holds a plot: ink in the top-left and in the last plot's cell.
        const int usedColumns = std::min(columns, plots);
        const int rows = (plots + usedColumns - 1) / usedColumns;
        const int last = plots - 1;
        const QRect lastCell(size.width() * (last % usedColumns) / usedColumns,
                             size.height() * (last / usedColumns) / rows, size.width() / usedColumns,
                             size.height() / rows);
        QVERIFY(hasInk(image.copy(QRect(0, 0, size.width() / usedColumns, size.height() / rows))));
        QVERIFY(hasInk(image.copy(lastCell)));
    }
    QVERIFY(dashboard.renderDashboard(0, 100).isNull());
}

void TestPlotExport::dashboardExportsFiles()
{
    PlotDashboard dashboard;
    dashboard.addPlot(QStringLiteral("loss"), QStringLiteral("Loss"), QStringLiteral("loss"));
    dashboard.addPlot(QStringLiteral("acc"), QStringLiteral("Accuracy"), QStringLiteral("accuracy"));
    dashboard.addSeries(QStringLiteral("loss"), QStringLiteral("train"), QStringLiteral("train"), Qt::blue);
    dashboard.addSeries(QStringLiteral("acc"), QStringLiteral("hard"), QStringLiteral("hard mask"), Qt::red);
    for (int step = 0; step < 200; ++step) {
        dashboard.appendPoint(QStringLiteral("loss"), QStringLiteral("train"), step, step, 2.0 / (1 + step * 0.05));
        dashboard.appendPoint(QStringLiteral("acc"), QStringLiteral("hard"), step, step, 1.0 - 1.0 / (1 + step * 0.05));
    }
    QString error;
    const QString png = dir_.filePath(QStringLiteral("dashboard.png"));
    QVERIFY2(dashboard.exportDashboard(png, 1600, 1000, &error), qPrintable(error));
    QImage image;
    QVERIFY(image.load(png));
    QCOMPARE(image.size(), QSize(1600, 1000));
    QVERIFY(hasInk(image));

    const QString pdf = dir_.filePath(QStringLiteral("dashboard.pdf"));
    QVERIFY2(dashboard.exportDashboard(pdf, 1600, 1000, &error), qPrintable(error));
    QVERIFY(readAll(pdf).startsWith("%PDF"));

    const QString svg = dir_.filePath(QStringLiteral("dashboard.svg"));
    QVERIFY2(dashboard.exportDashboard(svg, 1600, 1000, &error), qPrintable(error));
    const QByteArray svgBytes = readAll(svg);
    QXmlStreamReader xml(svgBytes);
    while (!xml.atEnd() && xml.readNext() != QXmlStreamReader::StartElement) {}
    QCOMPARE(xml.name(), QLatin1String("svg"));
    int paths = 0;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement && isPathData(xml)) ++paths;
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(paths > 10);                     // two plots' axes, ticks, grids and curves
    QVERIFY(svgBytes.contains("Accuracy"));  // the titles are part of the picture

    QVERIFY(!dashboard.exportDashboard(dir_.filePath(QStringLiteral("dashboard.bmp")), 100, 100, &error));
    QVERIFY(error.contains(QStringLiteral("dashboard.bmp")));
}

void TestPlotExport::dashboardSharedControls()
{
    PlotDashboard dashboard;
    QSignalSpy smoothingSpy(&dashboard, &PlotDashboard::smoothingChanged);
    QCOMPARE(dashboard.smoothing(), 0.6);
    MetricPlot* loss = dashboard.addPlot(QStringLiteral("loss"), QStringLiteral("Loss"), QStringLiteral("loss"));
    QCOMPARE(dashboard.plot(QStringLiteral("loss")), loss);
    QCOMPARE(dashboard.plotTitle(QStringLiteral("loss")), QStringLiteral("Loss"));
    QCOMPARE(loss->yLabel(), QStringLiteral("loss"));
    QCOMPARE(loss->smoothing(), 0.6);
    // Adding an existing id returns the same plot.
    QCOMPARE(dashboard.addPlot(QStringLiteral("loss"), QStringLiteral("Loss (nats)"), QStringLiteral("nats")), loss);
    QCOMPARE(dashboard.plotTitle(QStringLiteral("loss")), QStringLiteral("Loss (nats)"));

    dashboard.setSmoothing(0.85);
    QCOMPARE(smoothingSpy.count(), 1);
    QCOMPARE(smoothingSpy.at(0).at(0).toDouble(), 0.85);
    QCOMPARE(loss->smoothing(), 0.85);
    QCOMPARE(dashboard.findChild<QSlider*>(QStringLiteral("smoothingSlider"))->value(), 85);
    dashboard.setSmoothing(5.0);  // clamped to the slider's end
    QCOMPARE(dashboard.smoothing(), PlotDashboard::kMaxSmoothing);

    // The slider drives the plots too; a plot added later gets the current settings.
    dashboard.findChild<QSlider*>(QStringLiteral("smoothingSlider"))->setValue(30);
    QCOMPARE(dashboard.smoothing(), 0.3);
    QCOMPARE(loss->smoothing(), 0.3);
    dashboard.setXAxis(MetricPlot::XAxis::WallTime);
    dashboard.setLogY(true);
    MetricPlot* keep = dashboard.addPlot(QStringLiteral("keep"), QStringLiteral("Keep ratio"), QStringLiteral("ratio"));
    QCOMPARE(keep->smoothing(), 0.3);
    QCOMPARE(keep->xAxis(), MetricPlot::XAxis::WallTime);
    QVERIFY(keep->logY());
    QVERIFY(loss->logY());
    dashboard.findChild<QCheckBox*>(QStringLiteral("logYCheck"))->setChecked(false);
    QVERIFY(!keep->logY());
    dashboard.findChild<QComboBox*>(QStringLiteral("xAxisCombo"))->setCurrentIndex(0);
    QCOMPARE(loss->xAxis(), MetricPlot::XAxis::Step);

    QCOMPARE(dashboard.plotIds(), (QStringList{QStringLiteral("loss"), QStringLiteral("keep")}));
    dashboard.setColumns(1);
    QCOMPARE(dashboard.columns(), 1);
    dashboard.setColumns(0);
    QCOMPARE(dashboard.columns(), 1);
    dashboard.removePlot(QStringLiteral("loss"));
    QCOMPARE(dashboard.plotIds(), QStringList{QStringLiteral("keep")});
}

void TestPlotExport::dashboardAppendIgnoresUnknownTargets()
{
    PlotDashboard dashboard;
    MetricPlot* loss = dashboard.addPlot(QStringLiteral("loss"), QStringLiteral("Loss"), QStringLiteral("loss"));
    QVERIFY(dashboard.addSeries(QStringLiteral("loss"), QStringLiteral("train"), QStringLiteral("train"), Qt::blue));
    QVERIFY(!dashboard.addSeries(QStringLiteral("nope"), QStringLiteral("train"), QStringLiteral("train"), Qt::blue));
    dashboard.appendPoint(QStringLiteral("loss"), QStringLiteral("train"), 1, 0.1, 2.0);
    dashboard.appendPoint(QStringLiteral("loss"), QStringLiteral("val"), 1, 0.1, 2.0);
    dashboard.appendPoint(QStringLiteral("nope"), QStringLiteral("train"), 1, 0.1, 2.0);
    QCOMPARE(loss->pointCount(QStringLiteral("train")), 1);
    QCOMPARE(loss->seriesIds(), QStringList{QStringLiteral("train")});
    QVERIFY(dashboard.plot(QStringLiteral("nope")) == nullptr);
    QVERIFY(dashboard.plotTitle(QStringLiteral("nope")).isEmpty());

    dashboard.clearData();
    QCOMPARE(dashboard.plotIds(), QStringList{QStringLiteral("loss")});
    QVERIFY(loss->seriesIds().isEmpty());
}

void TestPlotExport::dialogSettersAndGetters()
{
    PlotExportDialog dialog({QStringLiteral("loss"), QStringLiteral("acc")},
                            {QStringLiteral("Loss"), QStringLiteral("Accuracy")});
    QCOMPARE(dialog.target(), QString());
    QCOMPARE(dialog.format(), QStringLiteral("png"));
    QCOMPARE(dialog.imageSize(), QSize(1200, 800));
    QCOMPARE(dialog.filePath(), QString());

    auto* targets = dialog.findChild<QComboBox*>(QStringLiteral("targetCombo"));
    QCOMPARE(targets->count(), 3);
    QCOMPARE(targets->itemText(0), QStringLiteral("Whole dashboard"));
    QCOMPARE(targets->itemText(2), QStringLiteral("Accuracy"));

    dialog.setTarget(QStringLiteral("acc"));
    QCOMPARE(dialog.target(), QStringLiteral("acc"));
    dialog.setTarget(QStringLiteral("unknown"));
    QCOMPARE(dialog.target(), QStringLiteral("acc"));
    dialog.setTarget(QString());
    QCOMPARE(dialog.target(), QString());

    dialog.setImageSize(QSize(3200, 2000));
    QCOMPARE(dialog.imageSize(), QSize(3200, 2000));
    auto* presets = dialog.findChild<QComboBox*>(QStringLiteral("sizePresetCombo"));
    QCOMPARE(presets->currentData().toSize(), QSize(3200, 2000));
    dialog.setImageSize(QSize(1000, 500));
    QVERIFY(!presets->currentData().toSize().isValid());  // "Custom"
    presets->setCurrentIndex(0);
    emit presets->activated(0);  // what choosing it with the mouse does
    QCOMPARE(dialog.imageSize(), QSize(800, 600));

    dialog.setFormat(QStringLiteral("svg"));
    QCOMPARE(dialog.format(), QStringLiteral("svg"));
    dialog.setFormat(QStringLiteral("gif"));
    QCOMPARE(dialog.format(), QStringLiteral("svg"));
}

void TestPlotExport::dialogSuffixFollowsFormat_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expectedFormat");
    QTest::addColumn<QString>("expectedPath");
    QTest::newRow("no suffix gets the format's") << "pdf"
                                                 << "/tmp/run1/loss"
                                                 << "pdf"
                                                 << "/tmp/run1/loss.pdf";
    QTest::newRow("known suffix picks the format") << "png"
                                                   << "/tmp/loss.svg"
                                                   << "svg"
                                                   << "/tmp/loss.svg";
    QTest::newRow("upper-case suffix") << "png"
                                       << "/tmp/loss.PDF"
                                       << "pdf"
                                       << "/tmp/loss.PDF";
    QTest::newRow("dots in the name") << "png"
                                      << "/tmp/run.v2/loss.step-3"
                                      << "png"
                                      << "/tmp/run.v2/loss.step-3.png";
    QTest::newRow("blank") << "svg"
                           << "   "
                           << "svg"
                           << "";
}

void TestPlotExport::dialogSuffixFollowsFormat()
{
    QFETCH(QString, format);
    QFETCH(QString, path);
    QFETCH(QString, expectedFormat);
    QFETCH(QString, expectedPath);
    PlotExportDialog dialog({}, {});
    dialog.setFormat(format);
    dialog.setFilePath(path);
    QCOMPARE(dialog.format(), expectedFormat);
    QCOMPARE(dialog.filePath(), expectedPath);
}

void TestPlotExport::dialogOkNeedsPath()
{
    PlotExportDialog dialog({QStringLiteral("loss")}, {QString()});
    // A missing title shows the id.
    QCOMPARE(dialog.findChild<QComboBox*>(QStringLiteral("targetCombo"))->itemText(1), QStringLiteral("loss"));
    QVERIFY(!okButton(dialog)->isEnabled());
    auto* pathEdit = dialog.findChild<QLineEdit*>(QStringLiteral("pathEdit"));
    QTest::keyClicks(pathEdit, QStringLiteral("/tmp/figure"));
    QVERIFY(okButton(dialog)->isEnabled());
    QCOMPARE(dialog.filePath(), QStringLiteral("/tmp/figure.png"));
    pathEdit->clear();
    QVERIFY(!okButton(dialog)->isEnabled());
    dialog.setFilePath(QStringLiteral("/tmp/figure.svg"));
    QVERIFY(okButton(dialog)->isEnabled());
    // Changing the format rewrites the suffix of the shown path.
    dialog.setFormat(QStringLiteral("pdf"));
    QCOMPARE(pathEdit->text(), QStringLiteral("/tmp/figure.pdf"));
    okButton(dialog)->click();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

QTEST_MAIN(TestPlotExport)
#include "tst_plot_export.moc"
