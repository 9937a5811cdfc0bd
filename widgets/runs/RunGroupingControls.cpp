#include "widgets/runs/RunGroupingControls.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QSignalBlocker>

#include <algorithm>

#include "core/config/ConfigKeys.h"
#include "core/runs/RunGroups.h"

namespace megatoken {

namespace {

const QString kOtherKey = QStringLiteral("\x01other");  // the "Other key…" item's data
const QString kSeedKey = QStringLiteral("optim.seed");

}  // namespace

RunGroupingControls::RunGroupingControls(QWidget* parent)
    : QWidget(parent), groupCombo_(new QComboBox(this)), bandCombo_(new QComboBox(this))
{
    auto* groupLabel = new QLabel(tr("Groups"), this);
    groupLabel->setBuddy(groupCombo_);
    groupCombo_->setObjectName(QStringLiteral("groupCombo"));
    groupCombo_->setToolTip(tr("Runs opened together whose settings differ only in this key draw as one curve: "
                               "their mean, with a band showing their spread"));
    groupCombo_->addItem(tr("Off"), QString());
    groupCombo_->addItem(tr("Seeds"), kSeedKey);
    groupCombo_->addItem(tr("Other key…"), kOtherKey);
    // Narrow: the dashboard's control row must fit beside the configuration dock on a 1600 px screen
    // in every language; a long key name is elided (its tooltip is the list's).
    groupCombo_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    groupCombo_->setMinimumContentsLength(8);

    auto* bandLabel = new QLabel(tr("Band"), this);
    bandLabel->setBuddy(bandCombo_);
    bandCombo_->setObjectName(QStringLiteral("bandCombo"));
    bandCombo_->setToolTip(tr("The spread drawn around a group's mean at each step"));
    bandCombo_->addItem(tr("Min–max"), static_cast<int>(BandKind::MinMax));
    bandCombo_->setItemData(0, tr("From the lowest to the highest member at each step"), Qt::ToolTipRole);
    bandCombo_->addItem(tr("±1 SD"), static_cast<int>(BandKind::StandardDeviation));
    bandCombo_->setItemData(1, tr("The mean plus and minus one sample standard deviation"), Qt::ToolTipRole);
    bandCombo_->addItem(tr("95% CI"), static_cast<int>(BandKind::ConfidenceInterval));
    bandCombo_->setItemData(
        2, tr("The 95% confidence interval of the mean (Student's t with n - 1 degrees of freedom)"), Qt::ToolTipRole);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(groupLabel);
    layout->addWidget(groupCombo_);
    layout->addSpacing(6);
    layout->addWidget(bandLabel);
    layout->addWidget(bandCombo_);
    updateBandEnabled();

    connect(groupCombo_, qOverload<int>(&QComboBox::activated), this, &RunGroupingControls::onGroupActivated);
    connect(bandCombo_, qOverload<int>(&QComboBox::activated), this, [this] { emit groupingChanged(); });
}

QStringList RunGroupingControls::groupableKeys()
{
    const auto& placement = runPlacementKeys();
    QStringList keys;
    for (const ConfigKey& key : configKeys())
        if (key.name != "preset" && std::find(placement.begin(), placement.end(), key.name) == placement.end())
            keys << QString::fromStdString(key.name);
    return keys;
}

QStringList RunGroupingControls::groupBy() const
{
    const QString key = groupCombo_->currentData().toString();
    return key.isEmpty() || key == kOtherKey ? QStringList() : QStringList{key};
}

BandKind RunGroupingControls::band() const
{
    return static_cast<BandKind>(bandCombo_->currentData().toInt());
}

int RunGroupingControls::indexOfKey(const QString& key)
{
    int index = groupCombo_->findData(key);
    if (index < 0) {
        index = groupCombo_->count() - 1;  // before "Other key…"
        groupCombo_->insertItem(index, key, key);
    }
    return index;
}

void RunGroupingControls::setGrouping(const QStringList& groupBy, BandKind band)
{
    const QSignalBlocker blockGroups(groupCombo_);
    const QSignalBlocker blockBands(bandCombo_);
    const QString key = groupBy.isEmpty() ? QString() : groupBy.front();
    groupCombo_->setCurrentIndex(key.isEmpty() || !groupableKeys().contains(key) ? 0 : indexOfKey(key));
    lastGroupIndex_ = groupCombo_->currentIndex();
    bandCombo_->setCurrentIndex(std::max(0, bandCombo_->findData(static_cast<int>(band))));
    updateBandEnabled();
}

void RunGroupingControls::onGroupActivated(int index)
{
    if (groupCombo_->itemData(index).toString() == kOtherKey) {
        const QStringList keys = groupableKeys();
        const QString current = groupBy().value(0, kSeedKey);
        bool ok = false;
        const QString key = QInputDialog::getItem(
            this, tr("Group runs by a key"), tr("Runs whose settings differ only in this key draw as one curve:"), keys,
            std::max(0, static_cast<int>(keys.indexOf(current))), /*editable=*/false, &ok);
        if (!ok || key.isEmpty()) {
            groupCombo_->setCurrentIndex(lastGroupIndex_);
            return;
        }
        groupCombo_->setCurrentIndex(indexOfKey(key));
    }
    if (groupCombo_->currentIndex() == lastGroupIndex_) return;
    lastGroupIndex_ = groupCombo_->currentIndex();
    updateBandEnabled();
    emit groupingChanged();
}

void RunGroupingControls::updateBandEnabled()
{
    bandCombo_->setEnabled(!groupBy().isEmpty());
}

}  // namespace megatoken
