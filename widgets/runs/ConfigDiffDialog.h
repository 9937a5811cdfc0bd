#pragma once
// Which settings differ between runs: a table with one row per config key whose values differ
// (every key when "Only keys that differ" is off) and one column per run, as `megatoken config
// diff` prints it (core/config/ConfigDiff). Opened from the run table with two or more runs
// selected. A run whose config.json cannot be read is left out, and the dialog names it and why.

#include <QDialog>
#include <QStringList>

#include <vector>

#include "core/config/RunConfig.h"

class QCheckBox;
class QLabel;
class QTableWidget;

namespace megatoken {

class ConfigDiffDialog : public QDialog {
    Q_OBJECT

public:
    // runDirs: run directories, each holding config.json; the columns follow their order.
    explicit ConfigDiffDialog(const QStringList& runDirs, QWidget* parent = nullptr);

    // The runs shown (those whose config could be read) and the problems with the others, one
    // "<file>: <what is wrong>" line each.
    QStringList shownRuns() const { return shownRuns_; }
    QStringList problems() const { return problems_; }

    // The table as tab-separated text (header line first), as Copy puts it on the clipboard.
    QString tableText() const;

    void setOnlyDifferences(bool only);

private:
    void fillTable();

    QStringList shownRuns_;
    QStringList problems_;
    std::vector<RunConfig> configs_;
    QCheckBox* onlyDifferences_ = nullptr;
    QLabel* summary_ = nullptr;
    QTableWidget* table_ = nullptr;
};

}  // namespace megatoken
