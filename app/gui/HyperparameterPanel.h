#pragma once
// The hyperparameter view: every run of the runs folder in a table of its varying config keys and
// final metrics (widgets/runs/HyperparameterModel), sortable and filterable; a parallel-coordinates
// plot over the chosen columns (widgets/plot/ParallelCoordinatesPlot); and a scatter of any column
// against any other. The three share one selection, which the main window links to the run table:
// select a run in any of them and it is highlighted in all.

#include <QSet>
#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;

namespace megatoken {

class HyperparameterModel;
class ParallelCoordinatesPlot;

class HyperparameterPanel : public QWidget {
    Q_OBJECT

public:
    explicit HyperparameterPanel(QWidget* parent = nullptr);

    HyperparameterModel* model() const { return model_; }

    // Reads these runs (their config, summary and last evaluation) and shows them, keeping the
    // selection of runs still listed.
    void setRunDirectories(const QStringList& runDirs);

    // The selected runs' directories, in table order; selects exactly the listed ones of runDirs
    // (without emitting selectionChanged).
    QStringList selectedRunDirectories() const;
    void selectRunDirectories(const QStringList& runDirs);

    // The parallel-coordinates axes and the scatter's axes, by column name ("gates.merge",
    // "accuracy_hard").
    QStringList axisColumns() const { return axisColumns_; }
    void setAxisColumns(const QStringList& names);
    void setScatterColumns(const QString& x, const QString& y);

    ParallelCoordinatesPlot* parallelPlot() const { return parallel_; }
    QCustomPlot* scatterPlot() const { return scatter_; }

signals:
    void selectionChanged(const QStringList& runDirs);

private:
    void rebuildAxesMenu();
    void updatePlots();
    void updateScatter();
    void updateHighlight();
    void onTableSelectionChanged();
    void toggleRow(int row, bool additive);
    QSet<int> selectedRows() const;

    HyperparameterModel* model_ = nullptr;
    QSortFilterProxyModel* proxy_ = nullptr;
    QTableView* table_ = nullptr;
    QCheckBox* allKeys_ = nullptr;
    QLineEdit* filter_ = nullptr;
    QToolButton* axesButton_ = nullptr;
    ParallelCoordinatesPlot* parallel_ = nullptr;
    QCustomPlot* scatter_ = nullptr;
    QComboBox* scatterX_ = nullptr;
    QComboBox* scatterY_ = nullptr;
    QStringList axisColumns_;
    bool axesChosen_ = false;  // the user picked axes: keep them across refreshes
    bool quiet_ = false;       // selecting programmatically: no selectionChanged
};

}  // namespace megatoken
