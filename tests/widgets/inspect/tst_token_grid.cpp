#include <QtTest>

#include <QFile>
#include <QHelpEvent>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolTip>
#include <QXmlStreamReader>

#include <cmath>

#include "widgets/inspect/ColorMap.h"
#include "widgets/inspect/TokenGridData.h"
#include "widgets/inspect/TokenGridWidget.h"

using megatoken::TokenGridCell;
using megatoken::TokenGridData;
using megatoken::TokenGridRow;
using megatoken::TokenGridWidget;

namespace {

constexpr double kModelWidth = 64;  // d in P = exp(G / sqrt(d))

TokenGridCell makeCell(double alpha, double previousG, bool dropped, bool droppedHere,
                       const QStringList& attendedTo = {})
{
    TokenGridCell cell;
    cell.alpha = alpha;
    cell.logAlpha = std::log(alpha);
    cell.accumulated = previousG + cell.logAlpha;
    cell.keepProbability = std::exp(cell.accumulated / std::sqrt(kModelWidth));
    cell.dropped = dropped;
    cell.droppedHere = droppedHere;
    cell.attendedTo = attendedTo;
    return cell;
}

// Three pieces, two gates, threshold ln alpha <= -1:
//   gate 1: alphas 0.9, 0.2, 0.7  -> "·cat" (ln 0.2 = -1.609) is dropped here; kept 2/3
//   gate 2: alphas 0.3, 0.5, 0.95 -> "·the" (ln 0.3 = -1.204) is dropped here, "·cat" stays
//           dropped; kept 1/3
TokenGridData sampleData(const QStringList& pieces = {QStringLiteral("·the"), QStringLiteral("·cat"),
                                                      QStringLiteral("·sat")})
{
    TokenGridData data;
    data.pieces = pieces;
    data.threshold = -1;
    TokenGridRow gate1;
    gate1.label = QStringLiteral("gate 1 (after block 1)");
    gate1.cells = {makeCell(0.9, 0, false, false),
                   makeCell(0.2, 0, true, true, {QStringLiteral("·the 0.41"), QStringLiteral("·sat 0.22")}),
                   makeCell(0.7, 0, false, false)};
    TokenGridRow gate2;
    gate2.label = QStringLiteral("gate 2 (after block 3)");
    gate2.cells = {makeCell(0.3, gate1.cells[0].accumulated, true, true),
                   makeCell(0.5, gate1.cells[1].accumulated, true, false),
                   makeCell(0.95, gate1.cells[2].accumulated, false, false, {QStringLiteral("·the 0.61")})};
    data.gateRows = {gate1, gate2};
    data.megatokens = {QStringLiteral("·the cat"), QStringLiteral("·sat")};
    return data;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A strict RFC 4180 reader: quoted fields with doubled quotes, CRLF between records.
QList<QStringList> parseCsv(const QString& text)
{
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                    field += QLatin1Char('"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            record << field;
            field.clear();
        } else if (c == QLatin1Char('\r') && i + 1 < text.size() && text[i + 1] == QLatin1Char('\n')) {
            ++i;
            record << field;
            records << record;
            record.clear();
            field.clear();
        } else {
            field += c;
        }
    }
    if (!field.isEmpty() || !record.isEmpty()) {
        record << field;
        records << record;
    }
    return records;
}

bool near(const QColor& actual, const QColor& expected, int tolerance)
{
    return std::abs(actual.red() - expected.red()) <= tolerance &&
           std::abs(actual.green() - expected.green()) <= tolerance &&
           std::abs(actual.blue() - expected.blue()) <= tolerance;
}

QByteArray describe(const QColor& actual, const QColor& expected)
{
    return QStringLiteral("got %1, expected %2").arg(actual.name(), expected.name()).toUtf8();
}

// A point inside the cell away from its centred text and its left drop marker.
QPoint fillPoint(const QRect& cell)
{
    return QPoint(cell.right() - 2, cell.top() + 2);
}

}  // namespace

class TestTokenGrid : public QObject {
    Q_OBJECT

private slots:
    void init();
    void keptCountsAndRatios_data();
    void keptCountsAndRatios();
    void keptCountOfEmptyRow();
    void viridisSamples_data();
    void viridisSamples();
    void viridisLuminanceRises();
    void readableTextColor_data();
    void readableTextColor();
    void cellColors_data();
    void cellColors();
    void droppedCellsAreGreyed();
    void geometry();
    void tooltipText_data();
    void tooltipText();
    void tooltipShowsMerges();
    void tooltipEventShowsCellText();
    void hoverAndClickSignals();
    void missingGateCells();
    void emptyData();
    void renderScales();
    void csvRoundTrip_data();
    void csvRoundTrip();
    void jsonRoundTrip_data();
    void jsonRoundTrip();
    void exportsImages_data();
    void exportsImages();
    void exportErrorsNameTheFile();
    void unicodePiecesRender();

private:
    QTemporaryDir dir_;
};

void TestTokenGrid::init()
{
    QVERIFY(dir_.isValid());
}

void TestTokenGrid::keptCountsAndRatios_data()
{
    QTest::addColumn<int>("gate");
    QTest::addColumn<int>("kept");
    QTest::addColumn<double>("ratio");
    QTest::addColumn<QString>("summary");
    QTest::newRow("gate 1") << 1 << 2 << 2.0 / 3.0 << "kept 2/3 (0.67)";
    QTest::newRow("gate 2") << 2 << 1 << 1.0 / 3.0 << "kept 1/3 (0.33)";
}

void TestTokenGrid::keptCountsAndRatios()
{
    QFETCH(int, gate);
    QFETCH(int, kept);
    QFETCH(double, ratio);
    QFETCH(QString, summary);
    const TokenGridData data = sampleData();
    QCOMPARE(megatoken::keptCount(data.gateRows[gate - 1]), kept);
    QCOMPARE(megatoken::keepRatio(data.gateRows[gate - 1]), ratio);
    TokenGridWidget grid;
    grid.setData(data);
    QCOMPARE(grid.rowSummary(gate), summary);
}

void TestTokenGrid::keptCountOfEmptyRow()
{
    const TokenGridRow empty;
    QCOMPARE(megatoken::keptCount(empty), 0);
    QCOMPARE(megatoken::keepRatio(empty), 0.0);
    TokenGridWidget grid;
    grid.setData(sampleData());
    QVERIFY(grid.rowSummary(0).isEmpty());  // the input row has no summary
    QVERIFY(grid.rowSummary(3).isEmpty());
}

void TestTokenGrid::viridisSamples_data()
{
    QTest::addColumn<double>("t");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("tolerance");
    // Endpoints exact; between them matplotlib's own (nearest-entry) colours, within 2 levels of
    // the interpolated ones.
    QTest::newRow("0") << 0.0 << "#440154" << 0;
    QTest::newRow("1") << 1.0 << "#fde725" << 0;
    QTest::newRow("below 0 clamps") << -0.5 << "#440154" << 0;
    QTest::newRow("above 1 clamps") << 1.5 << "#fde725" << 0;
    QTest::newRow("NaN reads as 0") << std::nan("") << "#440154" << 0;
    QTest::newRow("0.25") << 0.25 << "#3b528b" << 2;
    QTest::newRow("0.5") << 0.5 << "#21918c" << 2;
    QTest::newRow("0.75") << 0.75 << "#5ec962" << 2;
    QTest::newRow("0.9") << 0.9 << "#bddf26" << 2;
}

void TestTokenGrid::viridisSamples()
{
    QFETCH(double, t);
    QFETCH(QString, expected);
    QFETCH(int, tolerance);
    const QColor actual = megatoken::viridis(t);
    QVERIFY2(near(actual, QColor(expected), tolerance), describe(actual, QColor(expected)));
}

void TestTokenGrid::viridisLuminanceRises()
{
    double previous = -1;
    for (int i = 0; i <= 1000; ++i) {
        const double luminance = megatoken::relativeLuminance(megatoken::viridis(i / 1000.0));
        QVERIFY2(luminance >= previous - 1e-4, qPrintable(QStringLiteral("at t = %1").arg(i / 1000.0)));
        previous = std::max(previous, luminance);
    }
    QVERIFY(megatoken::relativeLuminance(megatoken::viridis(1)) > 0.7);
    QVERIFY(megatoken::relativeLuminance(megatoken::viridis(0)) < 0.05);
}

void TestTokenGrid::readableTextColor_data()
{
    QTest::addColumn<QColor>("background");
    QTest::addColumn<QColor>("text");
    QTest::newRow("dark purple viridis(0)") << megatoken::viridis(0) << QColor(Qt::white);
    QTest::newRow("blue viridis(0.25)") << megatoken::viridis(0.25) << QColor(Qt::white);
    QTest::newRow("green viridis(0.9)") << megatoken::viridis(0.9) << QColor(Qt::black);
    QTest::newRow("yellow viridis(1)") << megatoken::viridis(1) << QColor(Qt::black);
    QTest::newRow("black") << QColor(Qt::black) << QColor(Qt::white);
    QTest::newRow("white") << QColor(Qt::white) << QColor(Qt::black);
}

void TestTokenGrid::readableTextColor()
{
    QFETCH(QColor, background);
    QFETCH(QColor, text);
    QCOMPARE(megatoken::readableTextColor(background), text);
    QVERIFY(megatoken::contrastRatio(background, text) >= 4.5);  // WCAG AA for normal text
    QCOMPARE(megatoken::contrastRatio(Qt::black, Qt::white), 21.0);
}

void TestTokenGrid::cellColors_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("expected");  // matplotlib's viridis at the cell's alpha
    QTest::newRow("gate 1 ·the alpha 0.9") << 1 << 0 << "#bddf26";
    QTest::newRow("gate 1 ·sat alpha 0.7") << 1 << 2 << "#44bf70";
    QTest::newRow("gate 2 ·sat alpha 0.95") << 2 << 2 << "#dfe318";
}

void TestTokenGrid::cellColors()
{
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(QString, expected);
    TokenGridWidget grid;
    grid.setData(sampleData());
    const QColor computed = grid.cellColor(row, column);
    QVERIFY2(near(computed, QColor(expected), 2), describe(computed, QColor(expected)));
    QCOMPARE(grid.cellTextColor(row, column), megatoken::readableTextColor(computed));

    const QImage image = grid.render();
    const QColor painted = image.pixelColor(fillPoint(grid.cellRect(row, column)));
    QVERIFY2(near(painted, computed, 1), describe(painted, computed));
}

void TestTokenGrid::droppedCellsAreGreyed()
{
    TokenGridWidget grid;
    grid.setData(sampleData());
    const QImage image = grid.render();
    // ·cat from gate 1 (dropped there) on, ·the at gate 2.
    for (const auto& [row, column] : {std::pair{1, 1}, std::pair{2, 1}, std::pair{2, 0}}) {
        const QColor fill = grid.cellColor(row, column);
        QVERIFY(fill.red() == fill.green() && fill.green() == fill.blue());  // grey
        QVERIFY(fill.lightness() > 200);                                     // light
        const QColor text = grid.cellTextColor(row, column);
        QVERIFY(text.red() == text.green() && text.green() == text.blue());
        QVERIFY(text != QColor(Qt::black) && text != QColor(Qt::white));
        QCOMPARE(image.pixelColor(fillPoint(grid.cellRect(row, column))), fill);
    }
    // The gate that dropped a token marks it on the cell's left edge, in red; later gates don't.
    const auto leftEdge = [&](int row, int column) {
        const QRect cell = grid.cellRect(row, column);
        return image.pixelColor(cell.left() + 1, cell.top() + 2);
    };
    QVERIFY(leftEdge(1, 1).red() > 150 && leftEdge(1, 1).green() < 100);
    QVERIFY(leftEdge(2, 0).red() > 150 && leftEdge(2, 0).green() < 100);
    QCOMPARE(leftEdge(2, 1), grid.cellColor(2, 1));
    // Kept cells and the input row are not grey.
    QCOMPARE(grid.cellColor(1, 0), megatoken::viridis(0.9));
    QVERIFY(grid.cellColor(0, 1).isValid());
    QCOMPARE(grid.cellTextColor(0, 1), QColor(Qt::black));
}

void TestTokenGrid::geometry()
{
    TokenGridWidget grid;
    grid.setData(sampleData());
    QCOMPARE(grid.rowCount(), 3);
    QCOMPARE(grid.columnCount(), 3);
    const QRect whole(QPoint(0, 0), grid.sizeHint());
    for (int row = 0; row < 3; ++row) {
        for (int column = 0; column < 3; ++column) {
            const QRect cell = grid.cellRect(row, column);
            QVERIFY(!cell.isEmpty());
            QVERIFY(whole.contains(cell));
            QCOMPARE(cell.top(), grid.cellRect(row, 0).top());
            QCOMPARE(cell.left(), grid.cellRect(0, column).left());
            if (column > 0) QVERIFY(cell.left() > grid.cellRect(row, column - 1).right());
            if (row > 0) QVERIFY(cell.top() > grid.cellRect(row - 1, column).bottom());
            int hitRow = -1;
            int hitColumn = -1;
            QVERIFY(grid.cellAt(cell.center(), &hitRow, &hitColumn));
            QCOMPARE(hitRow, row);
            QCOMPARE(hitColumn, column);
        }
    }
    QVERIFY(grid.cellRect(-1, 0).isEmpty());
    QVERIFY(grid.cellRect(3, 0).isEmpty());
    QVERIFY(grid.cellRect(0, 3).isEmpty());
    int row = 0;
    int column = 0;
    QVERIFY(!grid.cellAt(QPoint(0, 0), &row, &column));
    QCOMPARE(row, -1);
    QCOMPARE(column, -1);
    QCOMPARE(grid.minimumSizeHint(), grid.sizeHint());

    // More pieces make the grid wider (beyond the legend below it), more gates make it taller.
    QStringList manyPieces;
    for (int i = 0; i < 4; ++i)
        manyPieces << QStringLiteral("·the") << QStringLiteral("·cat") << QStringLiteral("·sat");
    TokenGridWidget wide;
    wide.setData(sampleData(manyPieces));
    QCOMPARE(wide.columnCount(), 12);
    QVERIFY(wide.sizeHint().width() > grid.sizeHint().width());
    QVERIFY(QRect(QPoint(0, 0), wide.sizeHint()).contains(wide.cellRect(0, 11)));

    // A very long piece gets a capped, elided cell; the tooltip keeps it whole.
    const QString longPiece = QStringLiteral("·supercalifragilisticexpialidocious").repeated(4);
    TokenGridWidget elided;
    elided.setData(sampleData({QStringLiteral("·a"), longPiece, QStringLiteral("·b")}));
    QVERIFY(elided.cellRect(0, 1).width() <= 200);
    QVERIFY(elided.cellRect(0, 1).width() > elided.cellRect(0, 0).width());
    QVERIFY(elided.cellToolTip(0, 1).contains(longPiece));
    TokenGridData taller = sampleData();
    taller.gateRows.append(taller.gateRows.last());
    taller.gateRows.last().label = QStringLiteral("gate 3 (after block 5)");
    TokenGridWidget tall;
    tall.setData(taller);
    QVERIFY(tall.sizeHint().height() > grid.sizeHint().height());
}

void TestTokenGrid::tooltipText_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("input") << 0 << 1 << QStringList{"·cat", "position 1", "input"};
    QTest::newRow("dropped here") << 1 << 1
                                  << QStringList{"·cat",
                                                 "gate 1 (after block 1)",
                                                 "α = 0.200",
                                                 "ln α = -1.609",
                                                 "G = -1.609",
                                                 "P = exp(G/√d) = 0.818",
                                                 "dropped at gate 1 (after block 1)",
                                                 "attended most to: ·the 0.41, ·sat 0.22"};
    QTest::newRow("dropped earlier") << 2 << 1
                                     << QStringList{"gate 2 (after block 3)", "α = 0.500",
                                                    "dropped at gate 1 (after block 1)"};
    // G = ln 0.9 + ln 0.3 = -1.309, P = exp(-1.309 / 8) = 0.849.
    QTest::newRow("dropped at gate 2") << 2 << 0
                                       << QStringList{"G = -1.309", "P = exp(G/√d) = 0.849",
                                                      "dropped at gate 2 (after block 3)"};
    QTest::newRow("kept") << 2 << 2 << QStringList{"·sat", "α = 0.950", "G = -0.408", "kept", "·the 0.61"};
}

// gates.merge: "·cat", dropped at gate 1, was merged into "·the"; "·the" absorbed it there.
void TestTokenGrid::tooltipShowsMerges()
{
    TokenGridData data = sampleData();
    data.gateRows[0].cells[1].mergedInto = QStringLiteral("·the");
    data.gateRows[0].cells[0].absorbed = QStringList{QStringLiteral("·cat")};
    TokenGridWidget grid;
    grid.setData(data);
    QVERIFY(grid.cellToolTip(1, 1).contains(QStringLiteral("merged into “·the”")));
    QVERIFY(grid.cellToolTip(1, 0).contains(QStringLiteral("absorbed: ·cat")));
    QVERIFY(!grid.cellToolTip(1, 2).contains(QStringLiteral("merged")));
    QVERIFY(!grid.cellToolTip(1, 2).contains(QStringLiteral("absorbed")));
}

void TestTokenGrid::tooltipText()
{
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(QStringList, expected);
    TokenGridWidget grid;
    grid.setData(sampleData());
    const QString tip = grid.cellToolTip(row, column);
    for (const QString& part : expected)
        QVERIFY2(tip.contains(part), qPrintable(QStringLiteral("\"%1\" not in:\n%2").arg(part, tip)));
    if (row == 2 && column == 2) QVERIFY(!tip.contains(QStringLiteral("dropped")));
    QVERIFY(grid.cellToolTip(3, 0).isEmpty());
    QVERIFY(grid.cellToolTip(0, -1).isEmpty());
}

void TestTokenGrid::tooltipEventShowsCellText()
{
    TokenGridWidget grid;
    grid.setData(sampleData());
    grid.resize(grid.sizeHint());
    grid.show();
    QVERIFY(QTest::qWaitForWindowExposed(&grid));
    const QPoint pos = grid.cellRect(1, 1).center();
    QHelpEvent help(QEvent::ToolTip, pos, grid.mapToGlobal(pos));
    QApplication::sendEvent(&grid, &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY(QToolTip::text().contains(QStringLiteral("α = 0.200")));
    QVERIFY(QToolTip::text().contains(QStringLiteral("·the 0.41")));
    QToolTip::hideText();
}

void TestTokenGrid::hoverAndClickSignals()
{
    TokenGridWidget grid;
    grid.setData(sampleData());
    grid.resize(grid.sizeHint());
    grid.show();
    QVERIFY(QTest::qWaitForWindowExposed(&grid));
    QSignalSpy hovered(&grid, &TokenGridWidget::cellHovered);
    QSignalSpy clicked(&grid, &TokenGridWidget::cellClicked);

    QTest::mouseMove(&grid, grid.cellRect(2, 1).center());
    QTRY_COMPARE(hovered.count(), 1);
    QCOMPARE(hovered.last(), (QList<QVariant>{2, 1}));
    QTest::mouseMove(&grid, grid.cellRect(2, 1).center() + QPoint(1, 0));  // same cell: no signal
    QTest::mouseMove(&grid, grid.cellRect(0, 2).center());
    QTRY_COMPARE(hovered.count(), 2);
    QCOMPARE(hovered.last(), (QList<QVariant>{0, 2}));

    QTest::mouseClick(&grid, Qt::LeftButton, Qt::NoModifier, grid.cellRect(1, 0).center());
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.last(), (QList<QVariant>{1, 0}));
    QTest::mouseClick(&grid, Qt::LeftButton, Qt::NoModifier, QPoint(1, 1));  // outside the cells
    QCOMPARE(clicked.count(), 1);
}

void TestTokenGrid::missingGateCells()
{
    TokenGridData data = sampleData();
    data.gateRows[1].cells.removeLast();  // the second gate has no values for ·sat
    TokenGridWidget grid;
    grid.setData(data);
    QVERIFY(!grid.cellColor(2, 2).isValid());
    QVERIFY(!grid.cellRect(2, 2).isEmpty());
    QVERIFY(grid.cellToolTip(2, 2).contains(QStringLiteral("no values")));
    QCOMPARE(grid.rowSummary(2), QStringLiteral("kept 0/2 (0.00)"));
    QVERIFY(!grid.render().isNull());
}

void TestTokenGrid::emptyData()
{
    TokenGridWidget grid;
    grid.setData(TokenGridData());
    QCOMPARE(grid.rowCount(), 0);
    QCOMPARE(grid.columnCount(), 0);
    QVERIFY(grid.cellRect(0, 0).isEmpty());
    QVERIFY(grid.sizeHint().isValid());
    QVERIFY(!grid.render().isNull());
    const QString csv = dir_.filePath(QStringLiteral("empty.csv"));
    QString error;
    QVERIFY2(grid.exportCsv(csv, &error), qPrintable(error));
    QCOMPARE(readAll(csv), QByteArray("gate,position,piece,alpha,log_alpha,G,P,dropped\r\n"));
}

void TestTokenGrid::renderScales()
{
    TokenGridWidget grid;
    grid.setData(sampleData());
    const QImage natural = grid.render();
    QCOMPARE(natural.size(), grid.sizeHint());
    const QImage doubled = grid.render(2.0);
    QCOMPARE(doubled.size(), grid.sizeHint() * 2);
    const QRect cell = grid.cellRect(1, 0);
    const QColor expected = grid.cellColor(1, 0);
    QVERIFY(near(doubled.pixelColor(fillPoint(cell) * 2), expected, 1));
}

void TestTokenGrid::csvRoundTrip_data()
{
    QTest::addColumn<QStringList>("pieces");
    QTest::newRow("plain") << QStringList{"·the", "·cat", "·sat"};
    QTest::newRow("comma, quote, line break") << QStringList{"a,b", "say \"hi\"", "two\nlines"};
    QTest::newRow("unicode") << QStringList{"café", "猫", "🙂"};
    QTest::newRow("blanks") << QStringList{" ", " lead", ""};
}

void TestTokenGrid::csvRoundTrip()
{
    QFETCH(QStringList, pieces);
    TokenGridWidget grid;
    const TokenGridData data = sampleData(pieces);
    grid.setData(data);
    const QString path = dir_.filePath(QStringLiteral("grid.csv"));
    QString error;
    QVERIFY2(grid.exportCsv(path, &error), qPrintable(error));

    const QList<QStringList> records = parseCsv(QString::fromUtf8(readAll(path)));
    QCOMPARE(records.size(), 1 + 2 * 3);
    QCOMPARE(records[0], (QStringList{"gate", "position", "piece", "alpha", "log_alpha", "G", "P", "dropped"}));
    int line = 1;
    for (int gate = 0; gate < 2; ++gate) {
        for (int position = 0; position < 3; ++position, ++line) {
            const QStringList& fields = records[line];
            const TokenGridCell& cell = data.gateRows[gate].cells[position];
            QCOMPARE(fields.size(), 8);
            QCOMPARE(fields[0].toInt(), gate + 1);
            QCOMPARE(fields[1].toInt(), position);
            QCOMPARE(fields[2], pieces[position]);
            // Shortest exact form: the doubles come back bit for bit.
            QCOMPARE(fields[3].toDouble(), cell.alpha);
            QCOMPARE(fields[4].toDouble(), cell.logAlpha);
            QCOMPARE(fields[5].toDouble(), cell.accumulated);
            QCOMPARE(fields[6].toDouble(), cell.keepProbability);
            QCOMPARE(fields[7], cell.dropped ? QStringLiteral("true") : QStringLiteral("false"));
        }
    }
}

void TestTokenGrid::jsonRoundTrip_data()
{
    csvRoundTrip_data();
}

void TestTokenGrid::jsonRoundTrip()
{
    QFETCH(QStringList, pieces);
    TokenGridWidget grid;
    TokenGridData data = sampleData(pieces);
    data.megatokens = {QStringLiteral("·café 猫"), QStringLiteral("🙂, \"ok\"")};
    grid.setData(data);
    const QString path = dir_.filePath(QStringLiteral("grid.json"));
    QString error;
    QVERIFY2(grid.exportJson(path, &error), qPrintable(error));

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(readAll(path), &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    const QJsonObject root = document.object();
    QCOMPARE(root.value("pieces").toVariant().toStringList(), pieces);
    QCOMPARE(root.value("threshold").toDouble(), -1.0);
    QCOMPARE(root.value("megatokens").toVariant().toStringList(), data.megatokens);
    const QJsonArray gates = root.value("gates").toArray();
    QCOMPARE(gates.size(), 2);
    for (int gate = 0; gate < 2; ++gate) {
        const QJsonObject object = gates[gate].toObject();
        const TokenGridRow& row = data.gateRows[gate];
        QCOMPARE(object.value("label").toString(), row.label);
        QCOMPARE(object.value("kept").toInt(), megatoken::keptCount(row));
        QCOMPARE(object.value("keep_ratio").toDouble(), megatoken::keepRatio(row));
        const QJsonArray cells = object.value("cells").toArray();
        QCOMPARE(cells.size(), 3);
        for (int position = 0; position < 3; ++position) {
            const QJsonObject cell = cells[position].toObject();
            const TokenGridCell& expected = row.cells[position];
            QCOMPARE(cell.value("piece").toString(), pieces[position]);
            QCOMPARE(cell.value("alpha").toDouble(), expected.alpha);
            QCOMPARE(cell.value("log_alpha").toDouble(), expected.logAlpha);
            QCOMPARE(cell.value("G").toDouble(), expected.accumulated);
            QCOMPARE(cell.value("P").toDouble(), expected.keepProbability);
            QCOMPARE(cell.value("dropped").toBool(), expected.dropped);
        }
    }
    QCOMPARE(gates[0].toObject().value("kept").toInt(), 2);
    QCOMPARE(gates[1].toObject().value("kept").toInt(), 1);
}

void TestTokenGrid::exportsImages_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::newRow("png") << "grid.png";
    QTest::newRow("svg") << "grid.svg";
    QTest::newRow("pdf") << "grid.pdf";
    QTest::newRow("upper-case suffix") << "grid-upper.PNG";
}

void TestTokenGrid::exportsImages()
{
    QFETCH(QString, fileName);
    TokenGridWidget grid;
    grid.setData(sampleData());
    const QString path = dir_.filePath(fileName);
    QString error;
    QVERIFY2(grid.exportImage(path, &error), qPrintable(error));
    QVERIFY(error.isEmpty());
    const QByteArray bytes = readAll(path);
    QVERIFY(!bytes.isEmpty());
    const QString format = QFileInfo(path).suffix().toLower();
    if (format == QLatin1String("png")) {
        QImage image;
        QVERIFY(image.loadFromData(bytes, "PNG"));
        QCOMPARE(image.size(), grid.sizeHint());
        const QColor expected = grid.cellColor(1, 2);
        const QColor painted = image.pixelColor(fillPoint(grid.cellRect(1, 2)));
        QVERIFY2(near(painted, expected, 2), describe(painted, expected));
    } else if (format == QLatin1String("pdf")) {
        QVERIFY(bytes.startsWith("%PDF"));
    } else {
        QXmlStreamReader xml(bytes);
        bool sawSvg = false;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("svg")) sawSvg = true;
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(sawSvg);
        QVERIFY(bytes.contains("·cat"));  // text stays text
    }
}

void TestTokenGrid::exportErrorsNameTheFile()
{
    TokenGridWidget grid;
    grid.setData(sampleData());
    const QString missing = dir_.filePath(QStringLiteral("no-such-folder/grid"));
    QString error;
    QVERIFY(!grid.exportImage(missing + QStringLiteral(".png"), &error));
    QVERIFY2(error.contains(QStringLiteral("grid.png")), qPrintable(error));
    QVERIFY(error.contains(QStringLiteral("does not exist")));
    error.clear();
    QVERIFY(!grid.exportImage(dir_.filePath(QStringLiteral("grid.bmp")), &error));
    QVERIFY2(error.contains(QStringLiteral("grid.bmp")) && error.contains(QStringLiteral("bmp")), qPrintable(error));
    error.clear();
    QVERIFY(!grid.exportCsv(missing + QStringLiteral(".csv"), &error));
    QVERIFY2(error.contains(QStringLiteral("grid.csv")) && error.contains(QStringLiteral("does not exist")),
             qPrintable(error));
    error.clear();
    QVERIFY(!grid.exportJson(missing + QStringLiteral(".json"), &error));
    QVERIFY2(error.contains(QStringLiteral("grid.json")), qPrintable(error));
    error.clear();
    QVERIFY(!grid.exportJson(QString(), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!grid.exportCsv(missing + QStringLiteral(".csv")));  // no error pointer: no crash
}

void TestTokenGrid::unicodePiecesRender()
{
    TokenGridData data = sampleData({QStringLiteral("café"), QStringLiteral("猫"), QStringLiteral("🙂")});
    data.megatokens = {QStringLiteral("café猫"), QStringLiteral("🙂")};
    TokenGridWidget grid;
    grid.setData(data);
    grid.resize(grid.sizeHint());
    grid.show();
    QVERIFY(QTest::qWaitForWindowExposed(&grid));
    const QImage image = grid.render(1.5);
    QVERIFY(!image.isNull());
    for (int column = 0; column < 3; ++column) QVERIFY(grid.cellRect(0, column).width() >= 20);
    QVERIFY(grid.cellToolTip(1, 1).contains(QStringLiteral("猫")));
    QVERIFY(grid.cellToolTip(1, 2).contains(QStringLiteral("🙂")));
    // Text was drawn in the input cells: something darker than their neutral fill.
    const QRect cell = grid.cellRect(0, 0);
    bool inked = false;
    for (int y = cell.top(); y <= cell.bottom() && !inked; ++y) {
        for (int x = cell.left() + 2; x < cell.right() - 1 && !inked; ++x)
            inked = qGray(image.pixel(static_cast<int>(x * 1.5), static_cast<int>(y * 1.5))) < 128;
    }
    QVERIFY(inked);
    QString error;
    QVERIFY2(grid.exportImage(dir_.filePath(QStringLiteral("unicode.svg")), &error), qPrintable(error));
    QVERIFY2(grid.exportImage(dir_.filePath(QStringLiteral("unicode.pdf")), &error), qPrintable(error));
}

QTEST_MAIN(TestTokenGrid)
#include "tst_token_grid.moc"
