#include "app/gui/HyperparameterPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

#include "core/runs/RunRecord.h"
#include "widgets/plot/ParallelCoordinatesPlot.h"
#include "widgets/runs/HyperparameterModel.h"

namespace megatoken {

namespace {

QString fromStd(const std::string& text)
{
    return QString::fromStdString(text);
}

// The default axes: the keys that vary, then keep ratio, BLEU and hard accuracy (the last axis
// colours the lines).
QStringList defaultAxes(const std::vector<RunRecord>& records)
{
    QStringList axes;
    for (const RunColumn& column : runColumns(records, false))
        if (column.kind == RunColumn::Kind::ConfigKey) axes << fromStd(column.name);
    axes << QStringLiteral("hard_keep") << QStringLiteral("bleu_free") << QStringLiteral("accuracy_hard");
    return axes;
}

}  // namespace

HyperparameterPanel::HyperparameterPanel(QWidget* parent)
    : QWidget(parent), model_(new HyperparameterModel(this)), proxy_(new QSortFilterProxyModel(this))
{
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(HyperparameterModel::SortRole);
    proxy_->setFilterKeyColumn(-1);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);

    auto* layout = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    allKeys_ = new QCheckBox(tr("Every key"), this);
    allKeys_->setObjectName(QStringLiteral("allKeys"));
    allKeys_->setToolTip(tr("Show every config key, not only those whose values differ between the runs"));
    connect(allKeys_, &QCheckBox::toggled, this, [this](bool all) {
        const QStringList selected = selectedRunDirectories();
        model_->setAllKeys(all);
        table_->resizeColumnsToContents();
        selectRunDirectories(selected);
        rebuildAxesMenu();
    });
    filter_ = new QLineEdit(this);
    filter_->setObjectName(QStringLiteral("filter"));
    filter_->setPlaceholderText(tr("Filter runs (any column)…"));
    filter_->setClearButtonEnabled(true);
    connect(filter_, &QLineEdit::textChanged, proxy_, &QSortFilterProxyModel::setFilterFixedString);
    axesButton_ = new QToolButton(this);
    axesButton_->setObjectName(QStringLiteral("axesButton"));
    axesButton_->setText(tr("Axes"));
    axesButton_->setToolTip(tr("The columns drawn as axes of the parallel-coordinates plot"));
    axesButton_->setPopupMode(QToolButton::InstantPopup);
    axesButton_->setMenu(new QMenu(axesButton_));
    bar->addWidget(filter_, 1);
    bar->addWidget(allKeys_);
    bar->addWidget(axesButton_);
    layout->addLayout(bar);

    table_ = new QTableView(this);
    table_->setObjectName(QStringLiteral("hyperparameterTable"));
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(0, Qt::AscendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setAlternatingRowColors(true);
    table_->verticalHeader()->hide();
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HyperparameterPanel::onTableSelectionChanged);

    parallel_ = new ParallelCoordinatesPlot(this);
    connect(parallel_, &ParallelCoordinatesPlot::rowClicked, this, &HyperparameterPanel::toggleRow);

    auto* scatterBox = new QWidget(this);
    auto* scatterLayout = new QVBoxLayout(scatterBox);
    scatterLayout->setContentsMargins(0, 0, 0, 0);
    auto* axesRow = new QHBoxLayout;
    scatterX_ = new QComboBox(scatterBox);
    scatterX_->setObjectName(QStringLiteral("scatterX"));
    scatterY_ = new QComboBox(scatterBox);
    scatterY_->setObjectName(QStringLiteral("scatterY"));
    axesRow->addWidget(new QLabel(tr("Scatter:"), scatterBox));
    axesRow->addWidget(scatterY_, 1);
    axesRow->addWidget(new QLabel(tr("against"), scatterBox));
    axesRow->addWidget(scatterX_, 1);
    scatterLayout->addLayout(axesRow);
    scatter_ = new QCustomPlot(scatterBox);
    scatter_->setObjectName(QStringLiteral("scatterPlot"));
    scatter_->setLocale(QLocale::c());  // tick labels as the dashboard's: the same in every language
    scatter_->setMinimumSize(260, 200);
    connect(scatter_, &QCustomPlot::plottableClick, this, [this](QCPAbstractPlottable*, int index, QMouseEvent* event) {
        toggleRow(index, event && (event->modifiers() & Qt::ControlModifier));
    });
    scatterLayout->addWidget(scatter_, 1);
    connect(scatterX_, &QComboBox::currentIndexChanged, this, &HyperparameterPanel::updateScatter);
    connect(scatterY_, &QComboBox::currentIndexChanged, this, &HyperparameterPanel::updateScatter);

    auto* plots = new QSplitter(Qt::Horizontal, this);
    plots->addWidget(parallel_);
    plots->addWidget(scatterBox);
    plots->setStretchFactor(0, 3);
    plots->setStretchFactor(1, 2);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(table_);
    split->addWidget(plots);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    layout->addWidget(split, 1);
}

void HyperparameterPanel::setRunDirectories(const QStringList& runDirs)
{
    const QStringList selected = selectedRunDirectories();
    model_->setRunDirectories(runDirs);
    table_->resizeColumnsToContents();
    if (!axesChosen_) axisColumns_ = defaultAxes(model_->records());
    rebuildAxesMenu();

    const auto fill = [this](QComboBox* box, const QString& fallback) {
        const QString current = box->currentData().toString().isEmpty() ? fallback : box->currentData().toString();
        const QSignalBlocker block(box);
        box->clear();
        for (const RunColumn& column : runColumns(model_->records(), true))
            box->addItem(fromStd(column.kind == RunColumn::Kind::ConfigKey ? column.name : column.label),
                         fromStd(column.name));
        box->setCurrentIndex(std::max(0, box->findData(current)));
    };
    fill(scatterX_, QStringLiteral("hard_keep"));
    fill(scatterY_, QStringLiteral("accuracy_hard"));
    quiet_ = true;
    selectRunDirectories(selected);
    quiet_ = false;
    updatePlots();
}

void HyperparameterPanel::setAxisColumns(const QStringList& names)
{
    axisColumns_ = names;
    axesChosen_ = true;
    rebuildAxesMenu();
    updatePlots();
}

void HyperparameterPanel::setScatterColumns(const QString& x, const QString& y)
{
    scatterX_->setCurrentIndex(std::max(0, scatterX_->findData(x)));
    scatterY_->setCurrentIndex(std::max(0, scatterY_->findData(y)));
    updateScatter();
}

void HyperparameterPanel::rebuildAxesMenu()
{
    QMenu* menu = axesButton_->menu();
    menu->clear();
    for (const RunColumn& column : runColumns(model_->records(), allKeys_->isChecked())) {
        const QString name = fromStd(column.name);
        QAction* action = menu->addAction(column.kind == RunColumn::Kind::ConfigKey ? name : fromStd(column.label));
        action->setCheckable(true);
        action->setChecked(axisColumns_.contains(name));
        connect(action, &QAction::toggled, this, [this, name](bool on) {
            QStringList axes = axisColumns_;
            if (on && !axes.contains(name)) axes << name;
            if (!on) axes.removeAll(name);
            setAxisColumns(axes);
        });
    }
}

void HyperparameterPanel::updatePlots()
{
    const auto& records = model_->records();
    const std::vector<RunColumn> all = runColumns(records, true);
    std::vector<ParallelAxis> axes;
    for (const QString& name : std::as_const(axisColumns_)) {
        const auto found =
            std::find_if(all.begin(), all.end(), [&](const RunColumn& c) { return fromStd(c.name) == name; });
        if (found == all.end()) continue;
        ParallelAxis axis;
        axis.label = found->kind == RunColumn::Kind::ConfigKey ? name : fromStd(found->label);
        axis.categorical = !found->numeric;
        for (const RunRecord& record : records) {
            if (axis.categorical)
                axis.categories << fromStd(textValue(record, *found));
            else
                axis.values.push_back(numericValue(record, *found));
        }
        axes.push_back(std::move(axis));
    }
    QStringList names;
    for (const RunRecord& record : records) names << fromStd(record.summary.name);
    parallel_->setData(std::move(axes), names);
    updateScatter();
    updateHighlight();
}

void HyperparameterPanel::updateScatter()
{
    scatter_->clearPlottables();
    const auto& records = model_->records();
    const std::vector<RunColumn> all = runColumns(records, true);
    const auto columnNamed = [&](const QString& name) -> const RunColumn* {
        for (const RunColumn& c : all)
            if (fromStd(c.name) == name) return &c;
        return nullptr;
    };
    const RunColumn* x = columnNamed(scatterX_->currentData().toString());
    const RunColumn* y = columnNamed(scatterY_->currentData().toString());
    if (!x || !y || records.empty()) {
        scatter_->replot();
        return;
    }
    // Categorical columns: their sorted values at 0, 1, 2, ... with text ticks.
    const auto coordinates = [&](const RunColumn& column, QCPAxis* axis) {
        QVector<double> values;
        if (column.numeric) {
            for (const RunRecord& record : records) values << numericValue(record, column);
            axis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        } else {
            QStringList categories;
            for (const RunRecord& record : records) {
                const QString text = fromStd(textValue(record, column));
                if (!text.isEmpty() && !categories.contains(text)) categories << text;
            }
            std::sort(categories.begin(), categories.end());
            QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
            for (int i = 0; i < categories.size(); ++i) ticker->addTick(i, categories[i]);
            axis->setTicker(ticker);
            for (const RunRecord& record : records) {
                const int index = static_cast<int>(categories.indexOf(fromStd(textValue(record, column))));
                values << (index < 0 ? std::nan("") : double(index));
            }
        }
        axis->setLabel(column.kind == RunColumn::Kind::ConfigKey ? fromStd(column.name) : fromStd(column.label));
        return values;
    };
    const QVector<double> xs = coordinates(*x, scatter_->xAxis);
    const QVector<double> ys = coordinates(*y, scatter_->yAxis);
    auto* points = new QCPCurve(scatter_->xAxis, scatter_->yAxis);
    points->setLineStyle(QCPCurve::lsNone);
    points->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(0x21, 0x91, 0x8C), 8));
    points->setSelectable(QCP::stSingleData);
    QVector<double> t;
    for (int i = 0; i < xs.size(); ++i) t << i;
    points->setData(t, xs, ys);
    scatter_->setInteractions(QCP::iSelectPlottables);
    scatter_->rescaleAxes();
    const auto pad = [](QCPAxis* axis) {
        const QCPRange range = axis->range();
        const double margin = range.size() > 0 ? range.size() * 0.08 : 0.5;
        axis->setRange(range.lower - margin, range.upper + margin);
    };
    pad(scatter_->xAxis);
    pad(scatter_->yAxis);
    updateHighlight();
}

void HyperparameterPanel::updateHighlight()
{
    const QSet<int> rows = selectedRows();
    parallel_->setHighlightedRows(rows);
    // The scatter: selected runs as larger orange rings on top of the points.
    for (int i = scatter_->plottableCount() - 1; i >= 1; --i) scatter_->removePlottable(i);
    if (auto* points = scatter_->plottableCount() > 0 ? qobject_cast<QCPCurve*>(scatter_->plottable(0)) : nullptr;
        points && !rows.isEmpty()) {
        auto* chosen = new QCPCurve(scatter_->xAxis, scatter_->yAxis);
        chosen->setLineStyle(QCPCurve::lsNone);
        chosen->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(0xD5, 0x5E, 0x00), 2.5), Qt::NoBrush, 15));
        chosen->setSelectable(QCP::stNone);
        for (auto it = points->data()->constBegin(); it != points->data()->constEnd(); ++it)
            if (rows.contains(static_cast<int>(it->t))) chosen->addData(it->t, it->key, it->value);
    }
    scatter_->replot();
}

QSet<int> HyperparameterPanel::selectedRows() const
{
    QSet<int> rows;
    for (const QModelIndex& index : table_->selectionModel()->selectedRows())
        rows.insert(proxy_->mapToSource(index).row());
    return rows;
}

QStringList HyperparameterPanel::selectedRunDirectories() const
{
    QModelIndexList rows = table_->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    QStringList dirs;
    for (const QModelIndex& index : std::as_const(rows))
        dirs << index.data(HyperparameterModel::DirectoryRole).toString();
    return dirs;
}

void HyperparameterPanel::selectRunDirectories(const QStringList& runDirs)
{
    QItemSelection selection;
    for (const QString& dir : runDirs) {
        const int row = model_->rowOfDirectory(dir);
        if (row < 0) continue;
        const QModelIndex index = proxy_->mapFromSource(model_->index(row, 0));
        if (index.isValid()) selection.select(index, index);
    }
    const bool wasQuiet = std::exchange(quiet_, true);
    table_->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    quiet_ = wasQuiet;
    updateHighlight();
}

void HyperparameterPanel::toggleRow(int row, bool additive)
{
    if (row < 0 || row >= model_->rowCount()) return;
    const QModelIndex index = proxy_->mapFromSource(model_->index(row, 0));
    if (!index.isValid()) return;  // filtered out
    const auto flags = additive ? QItemSelectionModel::Toggle : QItemSelectionModel::ClearAndSelect;
    table_->selectionModel()->select(index, flags | QItemSelectionModel::Rows);
    table_->scrollTo(index);
}

void HyperparameterPanel::onTableSelectionChanged()
{
    updateHighlight();
    if (!quiet_) emit selectionChanged(selectedRunDirectories());
}

}  // namespace megatoken
