#pragma once
// The dashboard's run-group controls: whether runs opened together draw as groups (runs that
// differ only in a "group by" key, core/runs/RunGroups.h), by which key (the seed, or any key of
// the config key table), and which spread band surrounds a group's mean (core/stats/SampleSummary.h).

#include <QStringList>
#include <QWidget>

#include "core/stats/SampleSummary.h"

class QComboBox;

namespace megatoken {

class RunGroupingControls : public QWidget {
    Q_OBJECT

public:
    explicit RunGroupingControls(QWidget* parent = nullptr);

    // The group-by keys: empty when grouping is off; {"optim.seed"} for seeds.
    QStringList groupBy() const;
    BandKind band() const;
    // Shows the given choice without emitting groupingChanged(); a key the table does not have
    // turns grouping off.
    void setGrouping(const QStringList& groupBy, BandKind band);

    // Every config key a run can be grouped by (the key table's, but those that only name or
    // place a run), in table order: what "Other key…" offers.
    static QStringList groupableKeys();

signals:
    // The user chose another key or band.
    void groupingChanged();

private:
    void onGroupActivated(int index);
    int indexOfKey(const QString& key);  // adds the key's item when missing
    void updateBandEnabled();

    QComboBox* groupCombo_;
    QComboBox* bandCombo_;
    int lastGroupIndex_ = 0;
};

}  // namespace megatoken
