#include <QtTest>

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <cmath>

#include <qcustomplot.h>

#include "widgets/inspect/AttentionHeatmap.h"
#include "widgets/inspect/ColorMap.h"

using megatoken::AttentionHeatmap;

namespace {

const QStringList kPieces{QStringLiteral("·the"), QStringLiteral("·cat"), QStringLiteral("·sat")};
// Each query row sums to 1, like a softmax over keys.
const QVector<double> kWeights{0.5,  0.2,  0.3,  //
                               0.1,  0.7,  0.2,  //
                               0.25, 0.25, 0.5};

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QCPColorMap* colorMapOf(const AttentionHeatmap& heatmap)
{
    for (int i = 0; i < heatmap.customPlot()->plottableCount(); ++i) {
        if (auto* map = qobject_cast<QCPColorMap*>(heatmap.customPlot()->plottable(i))) return map;
    }
    return nullptr;
}

QStringList tickLabels(QCPAxis* axis)
{
    const auto ticker = axis->ticker().dynamicCast<QCPAxisTickerText>();
    return ticker ? ticker->ticks().values() : QStringList();
}

}  // namespace

class TestAttentionHeatmap : public QObject {
    Q_OBJECT

private slots:
    void init();
    void holdsTheMatrix();
    void colorMapMatchesWeights();
    void axesShowPieces();
    void hoverText_data();
    void hoverText();
    void shortWeightsReadAsNaN();
    void emptyMatrix();
    void singleCell();
    void exportsImages_data();
    void exportsImages();
    void exportRejectsUnknownSuffix();

private:
    QTemporaryDir dir_;
};

void TestAttentionHeatmap::init()
{
    QVERIFY(dir_.isValid());
}

void TestAttentionHeatmap::holdsTheMatrix()
{
    AttentionHeatmap heatmap;
    heatmap.setMatrix(kPieces, kPieces, kWeights, QStringLiteral("layer 2, head 5"));
    QCOMPARE(heatmap.rows(), 3);
    QCOMPARE(heatmap.columns(), 3);
    QCOMPARE(heatmap.title(), QStringLiteral("layer 2, head 5"));
    for (int row = 0; row < 3; ++row) {
        for (int column = 0; column < 3; ++column) QCOMPARE(heatmap.value(row, column), kWeights[row * 3 + column]);
    }
    QVERIFY(std::isnan(heatmap.value(-1, 0)));
    QVERIFY(std::isnan(heatmap.value(3, 0)));
    QVERIFY(std::isnan(heatmap.value(0, 3)));

    // A non-square matrix: 2 queries over 3 keys.
    heatmap.setMatrix(kPieces.mid(0, 2), kPieces, kWeights.mid(0, 6), QString());
    QCOMPARE(heatmap.rows(), 2);
    QCOMPARE(heatmap.columns(), 3);
    QCOMPARE(heatmap.value(1, 2), 0.2);
    QVERIFY(heatmap.title().isEmpty());
}

void TestAttentionHeatmap::colorMapMatchesWeights()
{
    AttentionHeatmap heatmap;
    heatmap.setMatrix(kPieces, kPieces, kWeights, QStringLiteral("attention"));
    QCPColorMap* map = colorMapOf(heatmap);
    QVERIFY(map);
    QCOMPARE(map->data()->keySize(), 3);
    QCOMPARE(map->data()->valueSize(), 3);
    for (int row = 0; row < 3; ++row) {
        for (int column = 0; column < 3; ++column) QCOMPARE(map->data()->cell(column, row), kWeights[row * 3 + column]);
    }
    // Colour scale from 0 to the largest weight, ends in viridis' colours.
    QCOMPARE(map->dataRange().lower, 0.0);
    QCOMPARE(map->dataRange().upper, 0.7);
    const QColor low = QColor::fromRgb(map->gradient().color(0, map->dataRange()));
    const QColor high = QColor::fromRgb(map->gradient().color(0.7, map->dataRange()));
    QCOMPARE(low.name(), QStringLiteral("#440154"));
    QCOMPARE(high.name(), QStringLiteral("#fde725"));
}

void TestAttentionHeatmap::axesShowPieces()
{
    AttentionHeatmap heatmap;
    const QStringList keys{QStringLiteral("·a"), QStringLiteral("·b"), QStringLiteral("·c")};
    heatmap.setMatrix(kPieces, keys, kWeights, QStringLiteral("attention"));
    QCustomPlot* plot = heatmap.customPlot();
    QCOMPARE(tickLabels(plot->xAxis), keys);
    QCOMPARE(tickLabels(plot->yAxis), kPieces);
    QCOMPARE(plot->xAxis->tickLabelRotation(), 90.0);
    QVERIFY(plot->yAxis->rangeReversed());  // query row 0 on top
    QCOMPARE(plot->xAxis->range().lower, -0.5);
    QCOMPARE(plot->xAxis->range().upper, 2.5);
}

void TestAttentionHeatmap::hoverText_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("expected");
    QTest::newRow("diagonal") << 1 << 1 << "·cat → ·cat: 0.700";
    QTest::newRow("off diagonal") << 0 << 2 << "·the → ·sat: 0.300";
    QTest::newRow("out of range") << 3 << 0 << "";
}

void TestAttentionHeatmap::hoverText()
{
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(QString, expected);
    AttentionHeatmap heatmap;
    heatmap.setMatrix(kPieces, kPieces, kWeights, QStringLiteral("attention"));
    QCOMPARE(heatmap.hoverText(row, column), expected);
}

void TestAttentionHeatmap::shortWeightsReadAsNaN()
{
    AttentionHeatmap heatmap;
    heatmap.setMatrix(kPieces, kPieces, kWeights.mid(0, 7), QString());
    QCOMPARE(heatmap.value(2, 0), 0.25);
    QVERIFY(std::isnan(heatmap.value(2, 1)));
    QVERIFY(std::isnan(heatmap.value(2, 2)));
    QVERIFY(heatmap.hoverText(2, 2).endsWith(QStringLiteral("none")));
}

void TestAttentionHeatmap::emptyMatrix()
{
    AttentionHeatmap heatmap;
    heatmap.setMatrix({}, {}, {}, QString());
    QCOMPARE(heatmap.rows(), 0);
    QCOMPARE(heatmap.columns(), 0);
    QVERIFY(std::isnan(heatmap.value(0, 0)));
    QString error;
    QVERIFY2(heatmap.exportImage(dir_.filePath(QStringLiteral("empty.png")), 200, 150, &error), qPrintable(error));
}

void TestAttentionHeatmap::singleCell()
{
    AttentionHeatmap heatmap;
    heatmap.setMatrix({QStringLiteral("·x")}, {QStringLiteral("·y")}, {1.0}, QString());
    QCOMPARE(heatmap.value(0, 0), 1.0);
    QCPColorMap* map = colorMapOf(heatmap);
    QCOMPARE(map->data()->keyRange().lower, -0.5);
    QCOMPARE(map->data()->keyRange().upper, 0.5);
    QString error;
    QVERIFY2(heatmap.exportImage(dir_.filePath(QStringLiteral("single.png")), 200, 150, &error), qPrintable(error));
}

void TestAttentionHeatmap::exportsImages_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::newRow("png") << "attention.png";
    QTest::newRow("svg") << "attention.svg";
    QTest::newRow("pdf") << "attention.pdf";
}

void TestAttentionHeatmap::exportsImages()
{
    QFETCH(QString, fileName);
    AttentionHeatmap heatmap;
    heatmap.setMatrix(kPieces, kPieces, kWeights, QStringLiteral("layer 1, head 0"));
    const QString path = dir_.filePath(fileName);
    QString error;
    QVERIFY2(heatmap.exportImage(path, 640, 480, &error), qPrintable(error));
    const QByteArray bytes = readAll(path);
    if (fileName.endsWith(QLatin1String(".png"))) {
        QImage image;
        QVERIFY(image.loadFromData(bytes, "PNG"));
        QCOMPARE(image.size(), QSize(640, 480));
        // The largest weight's cell (row 1, column 1) is drawn: viridis yellow somewhere.
        bool sawYellow = false;
        for (int y = 0; y < image.height() && !sawYellow; y += 2) {
            for (int x = 0; x < image.width() && !sawYellow; x += 2)
                sawYellow = image.pixelColor(x, y).name() == QLatin1String("#fde725");
        }
        QVERIFY(sawYellow);
    } else if (fileName.endsWith(QLatin1String(".pdf"))) {
        QVERIFY(bytes.startsWith("%PDF"));
    } else {
        QXmlStreamReader xml(bytes);
        while (!xml.atEnd()) xml.readNext();
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    }
}

void TestAttentionHeatmap::exportRejectsUnknownSuffix()
{
    AttentionHeatmap heatmap;
    heatmap.setMatrix(kPieces, kPieces, kWeights, QString());
    QString error;
    QVERIFY(!heatmap.exportImage(dir_.filePath(QStringLiteral("attention.gif")), 640, 480, &error));
    QVERIFY2(error.contains(QStringLiteral("attention.gif")), qPrintable(error));
    QVERIFY(!heatmap.exportImage(dir_.filePath(QStringLiteral("attention.png")), 0, 480, &error));
}

QTEST_MAIN(TestAttentionHeatmap)
#include "tst_attention_heatmap.moc"
