#include "widgets/runs/ConfigDiffDialog.h"

#include <exception>

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "core/config/ConfigDiff.h"
#include "core/config/ConfigKeys.h"
#include "core/config/RunConfigJson.h"

namespace megatoken {

ConfigDiffDialog::ConfigDiffDialog(const QStringList& runDirs, QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Compare Run Configurations"));
    for (const QString& runDir : runDirs) {
        const QString path = QDir(runDir).filePath(QStringLiteral("config.json"));
        try {
            configs_.push_back(loadConfigFile(path.toStdString()));
            shownRuns_ << runDir;
        } catch (const std::exception& e) {
            problems_ << QString::fromStdString(e.what());
        }
    }

    auto* layout = new QVBoxLayout(this);
    summary_ = new QLabel(this);
    summary_->setObjectName(QStringLiteral("summary"));
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(summary_);
    onlyDifferences_ = new QCheckBox(tr("Only keys that differ"), this);
    onlyDifferences_->setObjectName(QStringLiteral("onlyDifferences"));
    onlyDifferences_->setChecked(true);
    connect(onlyDifferences_, &QCheckBox::toggled, this, &ConfigDiffDialog::fillTable);
    layout->addWidget(onlyDifferences_);
    table_ = new QTableWidget(this);
    table_->setObjectName(QStringLiteral("diffTable"));
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setAlternatingRowColors(true);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(table_, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* copy = buttons->addButton(tr("Copy"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyButton"));
    copy->setToolTip(tr("Copy the table as tab-separated text"));
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(tableText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    fillTable();
    resize(900, 480);
}

void ConfigDiffDialog::setOnlyDifferences(bool only)
{
    onlyDifferences_->setChecked(only);
}

void ConfigDiffDialog::fillTable()
{
    table_->clear();
    QStringList headers{tr("Key")};
    for (const QString& run : std::as_const(shownRuns_)) headers << QFileInfo(run).fileName();
    table_->setColumnCount(static_cast<int>(headers.size()));
    table_->setHorizontalHeaderLabels(headers);

    std::vector<ConfigDifference> differences;
    QString text;
    if (configs_.size() >= 2) {
        differences = diffConfigs(configs_, !onlyDifferences_->isChecked());
        const std::size_t differing =
            onlyDifferences_->isChecked() ? differences.size() : diffConfigs(configs_, false).size();
        text = differing == 0 ? tr("The %n runs have the same configuration.", "", static_cast<int>(configs_.size()))
                              : tr("%n key(s) differ between the runs.", "", static_cast<int>(differing));
    } else {
        text = tr("Select two or more runs whose configuration can be read to compare them.");
    }
    if (!problems_.isEmpty()) text += QLatin1Char('\n') + tr("Left out: %1").arg(problems_.join(QLatin1String("; ")));
    summary_->setText(text);

    table_->setRowCount(static_cast<int>(differences.size()));
    for (int row = 0; row < static_cast<int>(differences.size()); ++row) {
        const ConfigDifference& difference = differences[static_cast<std::size_t>(row)];
        auto* keyItem = new QTableWidgetItem(QString::fromStdString(difference.key));
        if (const ConfigKey* key = findConfigKey(difference.key))
            keyItem->setToolTip(QString::fromStdString(key->help));
        table_->setItem(row, 0, keyItem);
        const bool differs = std::any_of(difference.values.begin(), difference.values.end(),
                                         [&](const auto& value) { return value != difference.values.front(); });
        for (std::size_t c = 0; c < difference.values.size(); ++c) {
            auto* item = new QTableWidgetItem(QString::fromStdString(configValueText(difference.values[c])));
            if (differs) {
                QFont font = item->font();
                font.setBold(true);
                item->setFont(font);
            }
            table_->setItem(row, static_cast<int>(c) + 1, item);
        }
    }
    table_->resizeColumnsToContents();
}

QString ConfigDiffDialog::tableText() const
{
    QStringList lines;
    QStringList header;
    for (int c = 0; c < table_->columnCount(); ++c) header << table_->horizontalHeaderItem(c)->text();
    lines << header.join(QLatin1Char('\t'));
    for (int row = 0; row < table_->rowCount(); ++row) {
        QStringList cells;
        for (int c = 0; c < table_->columnCount(); ++c)
            cells << (table_->item(row, c) ? table_->item(row, c)->text() : QString());
        lines << cells.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

}  // namespace megatoken
