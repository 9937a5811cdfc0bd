#include "app/gui/SweepPanel.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QTime>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include "core/runs/MetricSchema.h"
#include "widgets/plot/ParetoPlot.h"

namespace megatoken {
namespace {

constexpr int kSortRole = Qt::UserRole + 1;
constexpr int kReloadDelayMs = 250;  // a sweep writes its table once per finished configuration
const QString kTableName = QStringLiteral("sweep.csv");

// One table column: the method or the run name, the number of seeds (shown only when a row is a
// mean over more than one), or a metric of the schema (core/runs/MetricSchema.h) that sweep rows
// carry, in its order, the computed speed-up included.
struct Column {
    const char* nameColumn = nullptr;          // kSweepMethodColumn, kSweepRunColumn or kSweepSeedsColumn
    const MetricDefinition* metric = nullptr;  // otherwise
    QString csvName() const { return QString::fromStdString(metric ? metric->name : std::string(nameColumn)); }
};

const std::vector<Column>& columns()
{
    static const std::vector<Column> all = [] {
        std::vector<Column> result{
            {kSweepMethodColumn, nullptr}, {kSweepRunColumn, nullptr}, {kSweepSeedsColumn, nullptr}};
        for (const MetricDefinition& metric : metricSchema())
            if (metric.sweep) result.push_back({nullptr, &metric});
        return result;
    }();
    return all;
}

int columnIndex(const char* nameColumn)
{
    for (std::size_t i = 0; i < columns().size(); ++i)
        if (columns()[i].nameColumn && qstrcmp(columns()[i].nameColumn, nameColumn) == 0) return static_cast<int>(i);
    return -1;
}

// A schema text in the interface's language.
QString translated(const std::string& text)
{
    return QCoreApplication::translate(kMetricTranslationContext, text.c_str());
}

QIcon methodIcon(const QColor& color)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(1, 1, 10, 10));
    return QIcon(pixmap);
}

// "/runs/sweep1" for "/runs/sweep1" and "/runs/sweep1/sweep.csv"; the table's path alongside.
QString tableFor(const QString& folderOrCsv)
{
    const QFileInfo info(folderOrCsv);
    return info.isDir() ? QDir(info.absoluteFilePath()).filePath(kTableName) : info.absoluteFilePath();
}

}  // namespace

SweepPanel::SweepPanel(QWidget* parent) : QWidget(parent)
{
    openButton_ = new QPushButton(QIcon(QStringLiteral(":/icons/open.svg")), tr("Open Sweep…"), this);
    openButton_->setToolTip(tr("Open the folder of a sweep (its sweep.csv), as written by `megatoken sweep`"));
    metricCombo_ = new QComboBox(this);
    metricCombo_->setObjectName(QStringLiteral("metricCombo"));
    for (const QString& metric : ParetoPlot::metrics()) metricCombo_->addItem(ParetoPlot::metricName(metric), metric);
    metricCombo_->setToolTip(tr("The quality on the y axis"));
    exportButton_ = new QPushButton(QIcon(QStringLiteral(":/icons/export.svg")), tr("Export…"), this);
    exportButton_->setToolTip(tr("Save the plot as PNG, SVG or PDF"));
    exportButton_->setEnabled(false);
    pathLabel_ = new QLabel(this);
    pathLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    pathLabel_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);  // a long path must not widen the window

    auto* toolbar = new QHBoxLayout;
    toolbar->addWidget(openButton_);
    toolbar->addSpacing(12);
    toolbar->addWidget(new QLabel(tr("Quality:"), this));
    toolbar->addWidget(metricCombo_);
    toolbar->addWidget(exportButton_);
    toolbar->addSpacing(12);
    toolbar->addWidget(pathLabel_, 1);

    statusLabel_ = new QLabel(this);
    statusLabel_->setObjectName(QStringLiteral("sweepStatus"));
    statusLabel_->setWordWrap(true);
    statusLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    plot_ = new ParetoPlot(this);
    model_ = new QStandardItemModel(0, static_cast<int>(columns().size()), this);
    for (int c = 0; c < static_cast<int>(columns().size()); ++c) {
        const Column& column = columns()[static_cast<std::size_t>(c)];
        // The header is the short label; its tooltip the CSV's name (the tests find columns by it).
        QString header;
        if (column.metric) {
            header = translated(column.metric->shortLabel);
        } else {
            header = qstrcmp(column.nameColumn, kSweepMethodColumn) == 0 ? tr("method")
                     : qstrcmp(column.nameColumn, kSweepRunColumn) == 0  ? tr("run")
                                                                         : tr("seeds");
        }
        auto* item = new QStandardItem(header);
        item->setToolTip(column.csvName());
        if (column.nameColumn && qstrcmp(column.nameColumn, kSweepSeedsColumn) == 0)
            item->setWhatsThis(tr("Seeds averaged in the row: its numbers are mean ± sample SD (n − 1)"));
        if (column.metric) {
            QString whatsThis = translated(column.metric->label);
            if (!column.metric->unit.empty())
                whatsThis += QStringLiteral(" (%1)").arg(QString::fromStdString(column.metric->unit));
            item->setWhatsThis(whatsThis);
        }
        model_->setHorizontalHeaderItem(c, item);
    }
    proxy_ = new QSortFilterProxyModel(this);
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(kSortRole);
    table_ = new QTableView(this);
    table_->setModel(proxy_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setAlternatingRowColors(true);
    table_->verticalHeader()->setVisible(false);
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 8);
    table_->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);  // file order until a header is clicked
    table_->setSortingEnabled(true);
    table_->setToolTip(tr("Double-click a row to open its run on the dashboard"));

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(plot_);
    splitter->addWidget(table_);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({700, 300});  // the plot is the point; the table scrolls
    splitter->setChildrenCollapsible(false);
    table_->setMinimumHeight(table_->verticalHeader()->defaultSectionSize() * 4);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(toolbar);
    layout->addWidget(statusLabel_);
    layout->addWidget(splitter, 1);

    watcher_ = new QFileSystemWatcher(this);
    reloadTimer_ = new QTimer(this);
    reloadTimer_->setSingleShot(true);
    reloadTimer_->setInterval(kReloadDelayMs);

    connect(openButton_, &QPushButton::clicked, this, &SweepPanel::chooseSweep);
    connect(exportButton_, &QPushButton::clicked, this, &SweepPanel::chooseExportFile);
    connect(metricCombo_, &QComboBox::currentIndexChanged, this,
            [this] { plot_->setMetric(metricCombo_->currentData().toString()); });
    connect(watcher_, &QFileSystemWatcher::fileChanged, this, &SweepPanel::onFileEvent);
    connect(watcher_, &QFileSystemWatcher::directoryChanged, this, &SweepPanel::onFileEvent);
    connect(reloadTimer_, &QTimer::timeout, this, [this] {
        watch();  // a table replaced by a rename is a new file: watch it again
        if (QFileInfo::exists(tablePath_)) reload();
    });
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &SweepPanel::onSelectionChanged);
    connect(table_, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        const QString run = proxy_->index(index.row(), columnIndex(kSweepRunColumn)).data().toString();
        if (!run.isEmpty()) emit runActivated(QDir(sweepFolder()).filePath(run));
    });

    showStatus(tr("Open the folder of a sweep (written by `megatoken sweep`) to compare the learned gates with the "
                  "fixed-rule baselines at every keep ratio."),
               false);
}

SweepPanel::~SweepPanel() = default;

QString SweepPanel::sweepFolder() const
{
    return tablePath_.isEmpty() ? QString() : QFileInfo(tablePath_).absolutePath();
}

QString SweepPanel::tablePath() const
{
    return tablePath_;
}

QString SweepPanel::statusText() const
{
    return statusLabel_->text();
}

// --- Reading ----------------------------------------------------------------------------------

bool SweepPanel::openSweep(const QString& folderOrCsv, QString* error)
{
    const QFileInfo info(folderOrCsv);
    if (folderOrCsv.trimmed().isEmpty() || !info.exists()) {
        const QString message = tr("%1: no such folder or file").arg(QDir::toNativeSeparators(folderOrCsv));
        showStatus(message, true);
        if (error) *error = message;
        return false;
    }
    tablePath_ = tableFor(folderOrCsv);
    lastContent_.clear();
    rows_.clear();
    showRows();
    pathLabel_->setText(QDir::toNativeSeparators(tablePath_));
    pathLabel_->setToolTip(pathLabel_->text());
    watch();
    emit sweepOpened(sweepFolder());
    if (!QFileInfo::exists(tablePath_)) {
        // A sweep that has just begun writes its table after the first configuration.
        showStatus(tr("No %1 in %2 yet: waiting for the sweep to write it.")
                       .arg(kTableName, QDir::toNativeSeparators(sweepFolder())),
                   false);
        return true;
    }
    return reload(error);
}

bool SweepPanel::reload(QString* error)
{
    if (tablePath_.isEmpty()) return false;
    QFile file(tablePath_);
    const QByteArray content = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    if (!content.isEmpty() && content == lastContent_) return true;
    std::vector<SweepRow> rows;
    try {
        rows = readSweepTable(QFile::encodeName(tablePath_).toStdString());
    } catch (const std::exception& e) {
        const QString message = QString::fromLocal8Bit(e.what());
        showStatus(rows_.empty() ? message : tr("%1 (showing the last rows read)").arg(message), true);
        if (error) *error = message;
        return false;
    }
    const QString selected = selectedRun();
    rows_ = std::move(rows);
    lastContent_ = content;
    showRows();
    selectRun(selected);
    QString status = tr("%1 of %2, read at %3")
                         .arg(tr("%n row(s)", nullptr, static_cast<int>(rows_.size())),
                              tr("%n method(s)", nullptr, static_cast<int>(plot_->methods().size())),
                              QTime::currentTime().toString(QStringLiteral("HH:mm:ss")));
    int fewestSeeds = std::numeric_limits<int>::max(), mostSeeds = 1;
    for (const SweepRow& row : rows_) {
        fewestSeeds = std::min(fewestSeeds, row.seeds);
        mostSeeds = std::max(mostSeeds, row.seeds);
    }
    if (mostSeeds > 1) {
        const QString seeds = fewestSeeds == mostSeeds ? QString::number(mostSeeds)
                                                       : QStringLiteral("%1–%2").arg(fewestSeeds).arg(mostSeeds);
        status += QStringLiteral("; ") + tr("mean ± SD over %1 seeds (error bars: one SD)").arg(seeds);
    }
    showStatus(status, false);
    emit tableReloaded(static_cast<int>(rows_.size()));
    return true;
}

void SweepPanel::showRows()
{
    plot_->setHighlightedRow(-1);
    plot_->setRows(rows_);
    const QLocale locale;
    model_->setRowCount(0);
    const QStringList methodOrder = plot_->methods();
    const auto number = [&locale](double value, const MetricFormat& format) {
        return format.style == MetricFormat::Style::Fixed ? locale.toString(value, 'f', format.precision)
                                                          : locale.toString(value, 'g', format.precision);
    };
    bool anySeeds = false;
    for (const auto& row : rows_) {
        anySeeds = anySeeds || row.seeds > 1;
        QList<QStandardItem*> items;
        for (const auto& column : columns()) {
            auto* item = new QStandardItem;
            if (!column.metric && qstrcmp(column.nameColumn, kSweepSeedsColumn) == 0) {
                item->setText(QString::number(row.seeds));
                item->setData(row.seeds, kSortRole);
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            } else if (!column.metric) {
                const bool isMethod = qstrcmp(column.nameColumn, kSweepMethodColumn) == 0;
                const QString text = QString::fromStdString(isMethod ? row.method : row.run);
                item->setText(text);
                item->setData(text, kSortRole);
                if (isMethod) {
                    item->setIcon(methodIcon(plot_->methodColor(text)));
                    item->setData(methodOrder.indexOf(text), kSortRole);  // learned first, as in the legend
                }
            } else {
                const double value = column.metric->sweep.get(row, 0);
                const bool finite = std::isfinite(value);
                QString text = !finite ? QStringLiteral("–") : number(value, column.metric->format);
                // A mean over seeds: "0.812 ± 0.004", sorted by the mean.
                const double sd = row.seeds > 1 ? row.spread(column.metric->name) : std::nan("");
                if (finite && std::isfinite(sd)) text += QStringLiteral(" ± ") + number(sd, column.metric->format);
                item->setText(text);
                item->setData(finite ? value : -std::numeric_limits<double>::infinity(), kSortRole);
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            }
            items << item;
        }
        model_->appendRow(items);
    }
    table_->setColumnHidden(columnIndex(kSweepSeedsColumn), !anySeeds);
    table_->resizeColumnsToContents();
    exportButton_->setEnabled(!rows_.empty());
}

// --- Watching ---------------------------------------------------------------------------------

void SweepPanel::watch()
{
    if (tablePath_.isEmpty()) return;
    const QString folder = sweepFolder();
    const QStringList wanted = QFileInfo::exists(tablePath_) ? QStringList{folder, tablePath_} : QStringList{folder};
    QStringList stale;
    for (const QString& path : watcher_->files() + watcher_->directories())
        if (!wanted.contains(path)) stale << path;
    if (!stale.isEmpty()) watcher_->removePaths(stale);
    for (const QString& path : wanted)
        if (!watcher_->files().contains(path) && !watcher_->directories().contains(path)) watcher_->addPath(path);
}

void SweepPanel::onFileEvent()
{
    reloadTimer_->start();
}

// --- Selection --------------------------------------------------------------------------------

void SweepPanel::onSelectionChanged()
{
    const QModelIndexList rows = table_->selectionModel()->selectedRows();
    plot_->setHighlightedRow(rows.isEmpty() ? -1 : proxy_->mapToSource(rows.front()).row());
}

QString SweepPanel::selectedRun() const
{
    const QModelIndexList rows = table_->selectionModel()->selectedRows(columnIndex(kSweepRunColumn));
    return rows.isEmpty() ? QString() : rows.front().data().toString();
}

void SweepPanel::selectRun(const QString& run)
{
    if (run.isEmpty()) return;
    const int runColumn = columnIndex(kSweepRunColumn);
    for (int row = 0; row < proxy_->rowCount(); ++row) {
        if (proxy_->index(row, runColumn).data().toString() == run) {
            table_->selectRow(row);
            return;
        }
    }
}

// --- Messages, dialogs and export ---------------------------------------------------------------

void SweepPanel::showStatus(const QString& text, bool error)
{
    hasError_ = error;
    statusLabel_->setText(text);
    statusLabel_->setStyleSheet(error ? QStringLiteral("color: #b00020; font-weight: bold;") : QString());
}

void SweepPanel::chooseSweep()
{
    const QString start = sweepFolder().isEmpty() ? startFolder_ : sweepFolder();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open sweep"), start,
                                                      tr("Sweep tables (sweep.csv *.csv);;All files (*)"));
    if (!path.isEmpty()) openSweep(path);
}

bool SweepPanel::exportPlot(const QString& path, const QSize& size, QString* error) const
{
    return ParetoPlot::exportFigure(rows_, plot_->metric(), QString(), path, size, error);
}

void SweepPanel::chooseExportFile()
{
    const QString pngFilter = tr("PNG image (*.png)");
    const QString svgFilter = tr("SVG drawing (*.svg)");
    const QString pdfFilter = tr("PDF document (*.pdf)");
    const QString texFilter = tr("LaTeX pgfplots, data inside (*.tex)");
    QString filter = pngFilter;
    const QString suggested = QDir(sweepFolder().isEmpty() ? startFolder_ : sweepFolder())
                                  .filePath(QStringLiteral("pareto-%1.png").arg(plot_->metric()));
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export the Pareto plot"), suggested,
        QStringList{pngFilter, svgFilter, pdfFilter, texFilter}.join(QStringLiteral(";;")), &filter);
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty())
        path += filter == svgFilter   ? QStringLiteral(".svg")
                : filter == pdfFilter ? QStringLiteral(".pdf")
                : filter == texFilter ? QStringLiteral(".tex")
                                      : QStringLiteral(".png");
    QString error;
    if (!exportPlot(path, kExportSize, &error)) {
        QMessageBox::warning(this, tr("Export failed"), error);
        return;
    }
    showStatus(tr("Exported %1").arg(QDir::toNativeSeparators(path)), false);
}

}  // namespace megatoken
