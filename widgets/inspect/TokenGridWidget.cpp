#include "widgets/inspect/TokenGridWidget.h"

#include "core/io/CsvCell.h"

#include "widgets/inspect/ColorMap.h"
#include "widgets/plot/PlotFileExport.h"

#include <QDir>
#include <QFileInfo>
#include <QFontInfo>
#include <QFontMetrics>
#include <QHelpEvent>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLinearGradient>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QTextDocument>
#include <QToolTip>

#include <qcustomplot.h>

#include <algorithm>
#include <climits>
#include <cmath>

namespace megatoken {

namespace {

constexpr int kMargin = 8;
constexpr int kCellPadX = 6;
constexpr int kCellPadY = 4;
constexpr int kGap = 2;             // between neighbouring cells
constexpr int kMinCellWidth = 28;   // one-letter pieces still get a cell worth hovering
constexpr int kMaxCellWidth = 180;  // longer pieces are elided; the tooltip has them whole
constexpr int kLabelGap = 8;        // row labels to the first column
constexpr int kSummaryGap = 10;     // last column to "kept n/m"
constexpr int kSectionGap = 14;     // grid to legend, legend to megatokens
constexpr int kLegendBarWidth = 240;
constexpr int kLegendBarHeight = 12;
constexpr int kTickLength = 4;
constexpr int kDropMarkerWidth = 3;
constexpr int kLegendStops = 32;

const QColor kInputColor(244, 244, 244);
const QColor kInputBorderColor(200, 200, 200);
const QColor kDroppedColor(224, 224, 224);
const QColor kDroppedTextColor(140, 140, 140);
const QColor kDropMarkerColor(214, 39, 40);
const QColor kMissingBorderColor(200, 200, 200);

QString shortestNumber(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

// JSON has no NaN or infinity.
QJsonValue jsonNumber(double value)
{
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

// One CSV cell (core/io/CsvCell: RFC 4180, outer blanks quoted so spreadsheets keep them).
QString csvField(const QString& text)
{
    return QString::fromStdString(csvCell(text.toStdString()));
}

}  // namespace

// Geometry of everything painted, in natural (widget) coordinates; rebuilt when the data or the
// font changes.
struct TokenGridWidget::Layout {
    QSize size;
    QString placeholder;  // shown instead of a grid when there are no pieces
    int labelLeft = kMargin;
    int gridTop = kMargin;
    int rowHeight = 0;
    QVector<int> columnLeft;
    QVector<int> columnWidth;
    // The pieces as drawn: elided where longer than kMaxCellWidth allows. Measured here, with the
    // screen's metrics, because a PDF or SVG painter's font reports those of its own device.
    QStringList shownPieces;
    int summaryLeft = 0;
    QString legendTitle;
    QPoint legendTitlePos;  // top left
    QRect legendBar;
    int tickLabelTop = 0;
    QString megatokenText;
    QRect megatokenRect;

    int rowTop(int row) const { return gridTop + row * (rowHeight + kGap); }
};

TokenGridWidget::TokenGridWidget(QWidget* parent) : QWidget(parent), layout_(std::make_unique<Layout>())
{
    setMouseTracking(true);  // hover without a pressed button
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    relayout();
}

TokenGridWidget::~TokenGridWidget() = default;

void TokenGridWidget::setData(const TokenGridData& data)
{
    data_ = data;
    hoverRow_ = hoverColumn_ = -1;
    pressRow_ = pressColumn_ = -1;
    relayout();
    updateGeometry();
    update();
}

const TokenGridData& TokenGridWidget::data() const
{
    return data_;
}

QSize TokenGridWidget::sizeHint() const
{
    return layout_->size;
}

QSize TokenGridWidget::minimumSizeHint() const
{
    return layout_->size;
}

// ---- geometry ----

int TokenGridWidget::rowCount() const
{
    return data_.pieces.isEmpty() ? 0 : 1 + static_cast<int>(data_.gateRows.size());
}

int TokenGridWidget::columnCount() const
{
    return static_cast<int>(data_.pieces.size());
}

QRect TokenGridWidget::cellRect(int row, int column) const
{
    if (row < 0 || row >= rowCount() || column < 0 || column >= columnCount()) return QRect();
    return QRect(layout_->columnLeft[column], layout_->rowTop(row), layout_->columnWidth[column], layout_->rowHeight);
}

bool TokenGridWidget::cellAt(const QPoint& pos, int* row, int* column) const
{
    int foundRow = -1;
    int foundColumn = -1;
    for (int r = 0; r < rowCount() && foundRow < 0; ++r) {
        if (pos.y() < layout_->rowTop(r) || pos.y() >= layout_->rowTop(r) + layout_->rowHeight) continue;
        for (int c = 0; c < columnCount(); ++c) {
            if (cellRect(r, c).contains(pos)) {
                foundRow = r;
                foundColumn = c;
                break;
            }
        }
    }
    if (row) *row = foundRow;
    if (column) *column = foundColumn;
    return foundRow >= 0;
}

QFont TokenGridWidget::paintFont() const
{
    // A pixel size keeps text the same size relative to the cells on every device: a point size
    // would be converted at the PDF writer's or SVG generator's own resolution instead.
    QFont painted = font();
    if (painted.pixelSize() <= 0) painted.setPixelSize(QFontInfo(painted).pixelSize());
    return painted;
}

void TokenGridWidget::relayout()
{
    Layout& layout = *layout_;
    layout = Layout();
    const QFontMetrics metrics(paintFont());

    if (data_.pieces.isEmpty()) {
        layout.placeholder = tr("No tokens to show.");
        layout.size =
            QSize(metrics.horizontalAdvance(layout.placeholder), metrics.height()) + QSize(2 * kMargin, 2 * kMargin);
        return;
    }

    int labelWidth = 0;
    for (int row = 0; row < rowCount(); ++row)
        labelWidth = std::max(labelWidth, metrics.horizontalAdvance(rowLabel(row)));
    layout.rowHeight = metrics.height() + 2 * kCellPadY;

    int x = layout.labelLeft + labelWidth + kLabelGap;
    const QFontMetricsF exactMetrics(paintFont());
    for (const QString& piece : data_.pieces) {
        const int textWidth = static_cast<int>(std::ceil(exactMetrics.horizontalAdvance(piece)));
        const int width = std::clamp(textWidth + 2 * kCellPadX, kMinCellWidth, kMaxCellWidth);
        layout.columnLeft.append(x);
        layout.columnWidth.append(width);
        // Only what is too long is elided: elidedText also cuts text that fits to a fraction of
        // a pixel.
        layout.shownPieces.append(textWidth + 2 * kCellPadX > kMaxCellWidth
                                      ? metrics.elidedText(piece, Qt::ElideRight, width - 2 * kCellPadX)
                                      : piece);
        x += width + kGap;
    }
    const int gridRight = x - kGap;
    layout.summaryLeft = gridRight + kSummaryGap;
    int right = gridRight;
    for (int row = 1; row < rowCount(); ++row)
        right = std::max(right, layout.summaryLeft + metrics.horizontalAdvance(rowSummary(row)));

    const int gridLeft = layout.columnLeft.first();
    const int gridBottom = layout.rowTop(rowCount() - 1) + layout.rowHeight;
    const double cutoff = std::exp(data_.threshold);
    layout.legendTitle = std::isfinite(data_.threshold)
                             ? tr("keep score α (dropped when ln α ≤ %1, i.e. α ≤ %2)")
                                   .arg(QString::number(data_.threshold, 'g', 3), QString::number(cutoff, 'f', 3))
                             : tr("keep score α");
    layout.legendTitlePos = QPoint(gridLeft, gridBottom + kSectionGap);
    right = std::max(right, gridLeft + metrics.horizontalAdvance(layout.legendTitle));
    layout.legendBar =
        QRect(gridLeft, layout.legendTitlePos.y() + metrics.height() + 4, kLegendBarWidth, kLegendBarHeight);
    layout.tickLabelTop = layout.legendBar.bottom() + 1 + kTickLength + 2;
    // The "1" under the bar's right end sticks out by half its width.
    right = std::max(right, layout.legendBar.right() + metrics.horizontalAdvance(QStringLiteral("1")));
    int bottom = layout.tickLabelTop + metrics.height();

    if (!data_.megatokens.isEmpty()) {
        layout.megatokenText = tr("Megatokens: %1").arg(data_.megatokens.join(QStringLiteral("  ")));
        // Wraps within the width the grid and legend take anyway.
        const int width = std::max(right - kMargin, kLegendBarWidth);
        const QRect bounds = metrics.boundingRect(QRect(kMargin, bottom + kSectionGap, width, INT_MAX / 2),
                                                  Qt::TextWordWrap, layout.megatokenText);
        layout.megatokenRect = QRect(kMargin, bottom + kSectionGap, std::max(width, bounds.width()), bounds.height());
        right = std::max(right, layout.megatokenRect.right() + 1);
        bottom = layout.megatokenRect.bottom() + 1;
    }
    layout.size = QSize(right + kMargin, bottom + kMargin);
}

// ---- cells ----

const TokenGridCell* TokenGridWidget::gateCell(int row, int column) const
{
    if (row < 1 || row >= rowCount() || column < 0 || column >= columnCount()) return nullptr;
    const TokenGridRow& gate = data_.gateRows[row - 1];
    return column < gate.cells.size() ? &gate.cells[column] : nullptr;
}

int TokenGridWidget::droppingGate(int row, int column) const
{
    for (int gate = 1; gate <= row; ++gate) {
        if (const TokenGridCell* cell = gateCell(gate, column); cell && cell->droppedHere) return gate;
    }
    // Data without droppedHere flags: the first gate that shows it dropped.
    for (int gate = 1; gate <= row; ++gate) {
        if (const TokenGridCell* cell = gateCell(gate, column); cell && cell->dropped) return gate;
    }
    return 0;
}

QColor TokenGridWidget::cellColor(int row, int column) const
{
    if (row == 0 && column >= 0 && column < columnCount()) return kInputColor;
    const TokenGridCell* cell = gateCell(row, column);
    if (!cell) return QColor();
    return cell->dropped ? kDroppedColor : viridis(cell->alpha);
}

QColor TokenGridWidget::cellTextColor(int row, int column) const
{
    const QColor fill = cellColor(row, column);
    if (!fill.isValid()) return QColor();
    const TokenGridCell* cell = gateCell(row, column);
    return cell && cell->dropped ? kDroppedTextColor : readableTextColor(fill);
}

QString TokenGridWidget::rowLabel(int row) const
{
    if (row == 0) return tr("input");
    const QString& label = data_.gateRows[row - 1].label;
    return label.isEmpty() ? tr("gate %1").arg(row) : label;
}

QString TokenGridWidget::rowSummary(int row) const
{
    if (row < 1 || row >= rowCount()) return QString();
    const TokenGridRow& gate = data_.gateRows[row - 1];
    return tr("kept %1/%2 (%3)")
        .arg(keptCount(gate))
        .arg(gate.cells.size())
        .arg(QString::number(keepRatio(gate), 'f', 2));
}

QString TokenGridWidget::cellToolTip(int row, int column) const
{
    if (row < 0 || row >= rowCount() || column < 0 || column >= columnCount()) return QString();
    QStringList lines;
    lines << tr("“%1” at position %2").arg(data_.pieces[column]).arg(column);
    if (row == 0) {
        lines << tr("input");
        return lines.join(QLatin1Char('\n'));
    }
    lines << rowLabel(row);
    const TokenGridCell* cell = gateCell(row, column);
    if (!cell) {
        lines << tr("no values at this gate");
        return lines.join(QLatin1Char('\n'));
    }
    lines << tr("α = %1").arg(QString::number(cell->alpha, 'f', 3));
    lines << tr("ln α = %1").arg(QString::number(cell->logAlpha, 'f', 3));
    lines << tr("G = %1 (sum of ln α so far)").arg(QString::number(cell->accumulated, 'f', 3));
    lines << tr("P = exp(G/√d) = %1").arg(QString::number(cell->keepProbability, 'f', 3));
    if (cell->dropped) {
        const int gate = droppingGate(row, column);
        lines << (gate > 0 ? tr("dropped at %1").arg(rowLabel(gate)) : tr("dropped"));
    } else {
        lines << tr("kept");
    }
    if (!cell->mergedInto.isEmpty()) lines << tr("merged into “%1”").arg(cell->mergedInto);
    if (!cell->absorbed.isEmpty()) lines << tr("absorbed: %1").arg(cell->absorbed.join(QStringLiteral(", ")));
    if (!cell->attendedTo.isEmpty())
        lines << tr("attended most to: %1").arg(cell->attendedTo.join(QStringLiteral(", ")));
    return lines.join(QLatin1Char('\n'));
}

// ---- painting ----

void TokenGridWidget::paintCell(QPainter& painter, int row, int column) const
{
    const QRect rect = cellRect(row, column);
    const QColor fill = cellColor(row, column);
    if (!fill.isValid()) {
        // A gate row shorter than the pieces: an empty outline where values are missing.
        painter.setPen(QPen(kMissingBorderColor, 1, Qt::DotLine));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(rect.adjusted(0, 0, -1, -1));
        return;
    }
    painter.fillRect(rect, fill);
    if (row == 0) {
        painter.setPen(kInputBorderColor);
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(rect.adjusted(0, 0, -1, -1));
    }
    const TokenGridCell* cell = gateCell(row, column);
    if (cell && cell->droppedHere)
        painter.fillRect(QRect(rect.left(), rect.top(), kDropMarkerWidth, rect.height()), kDropMarkerColor);

    QFont textFont = painter.font();
    textFont.setStrikeOut(cell && cell->dropped);
    painter.setFont(textFont);
    painter.setPen(cellTextColor(row, column));
    painter.drawText(rect, Qt::AlignCenter | Qt::TextSingleLine, layout_->shownPieces[column]);
}

void TokenGridWidget::paintLegend(QPainter& painter, const Colors& colors) const
{
    const Layout& layout = *layout_;
    const QFontMetrics metrics(paintFont());
    painter.setPen(colors.text);
    painter.drawText(
        QRect(layout.legendTitlePos, QSize(metrics.horizontalAdvance(layout.legendTitle), metrics.height())),
        Qt::AlignLeft | Qt::AlignVCenter, layout.legendTitle);

    const QRect& bar = layout.legendBar;
    QLinearGradient gradient(bar.topLeft(), bar.topRight());
    for (int stop = 0; stop <= kLegendStops; ++stop) {
        const double t = static_cast<double>(stop) / kLegendStops;
        gradient.setColorAt(t, viridis(t));
    }
    painter.fillRect(bar, gradient);
    painter.setPen(colors.text);
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(bar.adjusted(0, 0, -1, -1));

    for (const double tick : {0.0, 0.25, 0.5, 0.75, 1.0}) {
        const int x = bar.left() + static_cast<int>(std::lround(tick * (bar.width() - 1)));
        painter.drawLine(x, bar.bottom() + 1, x, bar.bottom() + kTickLength);
        const QString label = QString::number(tick);
        const int width = metrics.horizontalAdvance(label);
        painter.drawText(QRect(x - width / 2 - 1, layout.tickLabelTop, width + 2, metrics.height()), Qt::AlignCenter,
                         label);
    }

    const double cutoff = std::exp(data_.threshold);
    if (std::isfinite(data_.threshold) && cutoff <= 1) {
        const int x = bar.left() + static_cast<int>(std::lround(cutoff * (bar.width() - 1)));
        painter.setPen(QPen(kDropMarkerColor, 2));
        painter.drawLine(x, bar.top() - 3, x, bar.bottom() + 3);
    }
}

void TokenGridWidget::paintContent(QPainter& painter, const Colors& colors) const
{
    const Layout& layout = *layout_;
    painter.setFont(paintFont());
    if (!layout.placeholder.isEmpty()) {
        painter.setPen(colors.text);
        painter.drawText(QRect(QPoint(0, 0), layout.size), Qt::AlignCenter, layout.placeholder);
        return;
    }

    const QFontMetrics metrics(paintFont());
    const int labelWidth = layout.columnLeft.first() - kLabelGap - layout.labelLeft;
    for (int row = 0; row < rowCount(); ++row) {
        painter.setPen(colors.text);
        painter.drawText(QRect(layout.labelLeft, layout.rowTop(row), labelWidth, layout.rowHeight),
                         Qt::AlignRight | Qt::AlignVCenter, rowLabel(row));
        for (int column = 0; column < columnCount(); ++column) {
            paintCell(painter, row, column);
            painter.setFont(paintFont());  // paintCell strikes the font through for dropped tokens
        }
        if (row > 0) {
            painter.setPen(colors.text);
            const QString summary = rowSummary(row);
            painter.drawText(
                QRect(layout.summaryLeft, layout.rowTop(row), metrics.horizontalAdvance(summary) + 1, layout.rowHeight),
                Qt::AlignLeft | Qt::AlignVCenter, summary);
        }
    }

    paintLegend(painter, colors);

    if (!layout.megatokenText.isEmpty()) {
        painter.setPen(colors.text);
        painter.drawText(layout.megatokenRect, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, layout.megatokenText);
    }
}

void TokenGridWidget::paintEvent(QPaintEvent* event)
{
    QPainter painter(this);
    const Colors colors{palette().color(QPalette::Window), palette().color(QPalette::WindowText)};
    painter.fillRect(rect(), colors.background);
    paintContent(painter, colors);
    const QRect hovered = cellRect(hoverRow_, hoverColumn_);
    if (!hovered.isEmpty()) {
        painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(hovered.adjusted(1, 1, -1, -1));
    }
}

QImage TokenGridWidget::render(double scale) const
{
    if (!(scale > 0) || !std::isfinite(scale)) scale = 1.0;
    const QSize natural = layout_->size;
    QImage image(static_cast<int>(std::ceil(natural.width() * scale)),
                 static_cast<int>(std::ceil(natural.height() * scale)), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.scale(scale, scale);
    paintContent(painter, Colors{Qt::white, Qt::black});
    return image;
}

// ---- export ----

bool TokenGridWidget::exportImage(const QString& path, QString* error) const
{
    return PlotFileExport::write(
        path, layout_->size, tr("Token drop grid"),
        [this](QCPPainter& painter, const QSize&) {
            paintContent(painter, Colors{Qt::white, Qt::black});
        },
        error);
}

bool TokenGridWidget::exportCsv(const QString& path, QString* error) const
{
    const QString lineEnd = QStringLiteral("\r\n");
    QString text = QStringLiteral("gate,position,piece,alpha,log_alpha,G,P,dropped") + lineEnd;
    for (int gate = 0; gate < data_.gateRows.size(); ++gate) {
        const QVector<TokenGridCell>& cells = data_.gateRows[gate].cells;
        for (int position = 0; position < cells.size(); ++position) {
            const TokenGridCell& cell = cells[position];
            const QStringList fields{QString::number(gate + 1),
                                     QString::number(position),
                                     csvField(data_.pieces.value(position)),
                                     shortestNumber(cell.alpha),
                                     shortestNumber(cell.logAlpha),
                                     shortestNumber(cell.accumulated),
                                     shortestNumber(cell.keepProbability),
                                     cell.dropped ? QStringLiteral("true") : QStringLiteral("false")};
            text += fields.join(QLatin1Char(',')) + lineEnd;
        }
    }
    return saveAtomically(path, text.toUtf8(), error);
}

bool TokenGridWidget::exportJson(const QString& path, QString* error) const
{
    QJsonArray gates;
    for (const TokenGridRow& gate : data_.gateRows) {
        QJsonArray cells;
        for (int position = 0; position < gate.cells.size(); ++position) {
            const TokenGridCell& cell = gate.cells[position];
            cells.append(QJsonObject{{QStringLiteral("piece"), data_.pieces.value(position)},
                                     {QStringLiteral("alpha"), jsonNumber(cell.alpha)},
                                     {QStringLiteral("log_alpha"), jsonNumber(cell.logAlpha)},
                                     {QStringLiteral("G"), jsonNumber(cell.accumulated)},
                                     {QStringLiteral("P"), jsonNumber(cell.keepProbability)},
                                     {QStringLiteral("dropped"), cell.dropped}});
        }
        gates.append(QJsonObject{{QStringLiteral("label"), gate.label},
                                 {QStringLiteral("kept"), keptCount(gate)},
                                 {QStringLiteral("keep_ratio"), keepRatio(gate)},
                                 {QStringLiteral("cells"), cells}});
    }
    const QJsonObject root{{QStringLiteral("pieces"), QJsonArray::fromStringList(data_.pieces)},
                           {QStringLiteral("threshold"), jsonNumber(data_.threshold)},
                           {QStringLiteral("gates"), gates},
                           {QStringLiteral("megatokens"), QJsonArray::fromStringList(data_.megatokens)}};
    return saveAtomically(path, QJsonDocument(root).toJson(QJsonDocument::Indented), error);
}

bool TokenGridWidget::saveAtomically(const QString& path, const QByteArray& bytes, QString* error)
{
    if (path.trimmed().isEmpty()) return PlotFileExport::fail(error, path, tr("no file name given."));
    const QFileInfo folder(QFileInfo(path).absolutePath());
    if (!folder.isDir())
        return PlotFileExport::fail(
            error, path, tr("the folder %1 does not exist.").arg(QDir::toNativeSeparators(folder.filePath())));
    // Atomically, like every file the program writes: a failed export leaves an existing file
    // untouched, and a full disk is named with the system's reason.
    return PlotFileExport::writeBytes(path, bytes, error);
}

// ---- events ----

bool TokenGridWidget::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        int row = -1;
        int column = -1;
        if (cellAt(help->pos(), &row, &column)) {
            QToolTip::showText(help->globalPos(),
                               Qt::convertFromPlainText(cellToolTip(row, column), Qt::WhiteSpaceNormal), this,
                               cellRect(row, column));
        } else {
            QToolTip::hideText();
            event->ignore();
        }
        return true;
    }
    return QWidget::event(event);
}

void TokenGridWidget::mouseMoveEvent(QMouseEvent* event)
{
    int row = -1;
    int column = -1;
    cellAt(event->position().toPoint(), &row, &column);
    if (row != hoverRow_ || column != hoverColumn_) {
        hoverRow_ = row;
        hoverColumn_ = column;
        update();
        if (row >= 0) emit cellHovered(row, column);
    }
    QWidget::mouseMoveEvent(event);
}

void TokenGridWidget::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) cellAt(event->position().toPoint(), &pressRow_, &pressColumn_);
    QWidget::mousePressEvent(event);
}

void TokenGridWidget::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        int row = -1;
        int column = -1;
        if (cellAt(event->position().toPoint(), &row, &column) && row == pressRow_ && column == pressColumn_)
            emit cellClicked(row, column);
        pressRow_ = pressColumn_ = -1;
    }
    QWidget::mouseReleaseEvent(event);
}

void TokenGridWidget::leaveEvent(QEvent* event)
{
    if (hoverRow_ >= 0) {
        hoverRow_ = hoverColumn_ = -1;
        update();
    }
    QWidget::leaveEvent(event);
}

void TokenGridWidget::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange) {
        relayout();
        updateGeometry();
    }
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange) update();
    QWidget::changeEvent(event);
}

}  // namespace megatoken
