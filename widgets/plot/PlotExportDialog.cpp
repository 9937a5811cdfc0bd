#include "widgets/plot/PlotExportDialog.h"

#include "widgets/plot/PlotFileExport.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>

#include <array>

namespace megatoken {

namespace {

const std::array<QSize, 4> kSizePresets = {QSize(800, 600), QSize(1200, 800), QSize(1600, 1000), QSize(3200, 2000)};
const QSize kDefaultSize(1200, 800);

} // namespace

PlotExportDialog::PlotExportDialog(const QStringList& plotIds, const QStringList& plotTitles, QWidget* parent)
    : QDialog(parent)
    , mTargetCombo(new QComboBox)
    , mFormatCombo(new QComboBox)
    , mPresetCombo(new QComboBox)
    , mWidthSpin(new QSpinBox)
    , mHeightSpin(new QSpinBox)
    , mPathEdit(new QLineEdit)
    , mButtons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel))
{
    setWindowTitle(tr("Export plots"));

    mTargetCombo->setObjectName(QStringLiteral("targetCombo"));
    mTargetCombo->addItem(tr("Whole dashboard"), QString());
    for (int i = 0; i < plotIds.size(); ++i) {
        const QString title = i < plotTitles.size() && !plotTitles[i].isEmpty() ? plotTitles[i] : plotIds[i];
        mTargetCombo->addItem(title, plotIds[i]);
    }

    mFormatCombo->setObjectName(QStringLiteral("formatCombo"));
    mFormatCombo->addItem(tr("PNG image"), QStringLiteral("png"));
    mFormatCombo->addItem(tr("PDF document (vector)"), QStringLiteral("pdf"));
    mFormatCombo->addItem(tr("SVG drawing (vector)"), QStringLiteral("svg"));

    mPresetCombo->setObjectName(QStringLiteral("sizePresetCombo"));
    for (const QSize& preset : kSizePresets)
        mPresetCombo->addItem(tr("%1 × %2").arg(preset.width()).arg(preset.height()), preset);
    mPresetCombo->addItem(tr("Custom"), QSize());
    for (QSpinBox* spin : {mWidthSpin, mHeightSpin}) {
        spin->setRange(kMinimumSide, kMaximumSide);
        spin->setSuffix(tr(" px"));
    }
    mWidthSpin->setObjectName(QStringLiteral("widthSpin"));
    mHeightSpin->setObjectName(QStringLiteral("heightSpin"));
    mWidthSpin->setValue(kDefaultSize.width());
    mHeightSpin->setValue(kDefaultSize.height());
    selectMatchingPreset();

    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(mPresetCombo);
    sizeRow->addWidget(mWidthSpin);
    sizeRow->addWidget(new QLabel(tr("×")));
    sizeRow->addWidget(mHeightSpin);
    sizeRow->addStretch(1);

    mPathEdit->setObjectName(QStringLiteral("pathEdit"));
    mPathEdit->setPlaceholderText(tr("Choose where to save"));
    mPathEdit->setMinimumWidth(320);
    auto* browseButton = new QPushButton(tr("Browse…"));
    browseButton->setObjectName(QStringLiteral("browseButton"));
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(mPathEdit, 1);
    pathRow->addWidget(browseButton);

    auto* form = new QFormLayout(this);
    form->addRow(tr("Export"), mTargetCombo);
    form->addRow(tr("Format"), mFormatCombo);
    form->addRow(tr("Size"), sizeRow);
    form->addRow(tr("File"), pathRow);
    form->addRow(mButtons);

    connect(mFormatCombo, qOverload<int>(&QComboBox::currentIndexChanged), this, &PlotExportDialog::onFormatChanged);
    connect(mPresetCombo, qOverload<int>(&QComboBox::activated), this, &PlotExportDialog::onSizePresetChosen);
    connect(mWidthSpin, qOverload<int>(&QSpinBox::valueChanged), this, &PlotExportDialog::selectMatchingPreset);
    connect(mHeightSpin, qOverload<int>(&QSpinBox::valueChanged), this, &PlotExportDialog::selectMatchingPreset);
    connect(mPathEdit, &QLineEdit::textChanged, this, &PlotExportDialog::updateOkButton);
    connect(mPathEdit, &QLineEdit::editingFinished, this, &PlotExportDialog::onPathEdited);
    connect(browseButton, &QPushButton::clicked, this, &PlotExportDialog::browse);
    connect(mButtons, &QDialogButtonBox::accepted, this, [this] {
        onPathEdited(); // the shown path is the one written, suffix included
        accept();
    });
    connect(mButtons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateOkButton();
}

QString PlotExportDialog::target() const
{
    return mTargetCombo->currentData().toString();
}

void PlotExportDialog::setTarget(const QString& plotId)
{
    const int index = mTargetCombo->findData(plotId);
    if (index >= 0)
        mTargetCombo->setCurrentIndex(index);
}

QString PlotExportDialog::filePath() const
{
    return withFormatSuffix(mPathEdit->text());
}

void PlotExportDialog::setFilePath(const QString& path)
{
    const QString suffixFormat = PlotFileExport::formatForPath(path.trimmed());
    if (!suffixFormat.isEmpty())
        setFormat(suffixFormat);
    mPathEdit->setText(withFormatSuffix(path));
}

QSize PlotExportDialog::imageSize() const
{
    return QSize(mWidthSpin->value(), mHeightSpin->value());
}

void PlotExportDialog::setImageSize(const QSize& size)
{
    mWidthSpin->setValue(size.width());
    mHeightSpin->setValue(size.height());
}

QString PlotExportDialog::format() const
{
    return mFormatCombo->currentData().toString();
}

void PlotExportDialog::setFormat(const QString& format)
{
    const int index = mFormatCombo->findData(format.toLower());
    if (index >= 0)
        mFormatCombo->setCurrentIndex(index);
}

QString PlotExportDialog::withFormatSuffix(const QString& path) const
{
    const QString trimmed = path.trimmed();
    if (trimmed.isEmpty())
        return QString();
    const QString suffix = QFileInfo(trimmed).suffix();
    if (suffix.compare(format(), Qt::CaseInsensitive) == 0)
        return trimmed;
    // Replace a known image suffix; anything else ("run.v2") is part of the name.
    if (PlotFileExport::formats().contains(suffix.toLower()))
        return trimmed.chopped(suffix.size()) + format();
    return trimmed + QLatin1Char('.') + format();
}

void PlotExportDialog::onFormatChanged()
{
    if (!mPathEdit->text().trimmed().isEmpty())
        mPathEdit->setText(withFormatSuffix(mPathEdit->text()));
}

void PlotExportDialog::onPathEdited()
{
    if (!mPathEdit->text().trimmed().isEmpty())
        setFilePath(mPathEdit->text());
}

void PlotExportDialog::browse()
{
    QStringList filters;
    filters << tr("PNG image (*.png)") << tr("PDF document (*.pdf)") << tr("SVG drawing (*.svg)");
    const QStringList formats = PlotFileExport::formats(); // same order as the filters
    QString selectedFilter = filters.value(formats.indexOf(format()));
    const QString start = mPathEdit->text().trimmed().isEmpty() ? QDir::homePath() : filePath();
    const QString chosen = QFileDialog::getSaveFileName(this, tr("Export plots"), start,
                                                        filters.join(QStringLiteral(";;")), &selectedFilter);
    if (chosen.isEmpty())
        return;
    const int filterIndex = filters.indexOf(selectedFilter);
    if (filterIndex >= 0)
        setFormat(formats[filterIndex]);
    setFilePath(chosen); // a typed suffix wins over the filter
}

void PlotExportDialog::onSizePresetChosen(int index)
{
    const QSize preset = mPresetCombo->itemData(index).toSize();
    if (preset.isValid())
        setImageSize(preset);
}

void PlotExportDialog::selectMatchingPreset()
{
    const int match = mPresetCombo->findData(imageSize());
    const QSignalBlocker blocker(mPresetCombo);
    mPresetCombo->setCurrentIndex(match >= 0 ? match : mPresetCombo->count() - 1);
}

void PlotExportDialog::updateOkButton()
{
    mButtons->button(QDialogButtonBox::Ok)->setEnabled(!mPathEdit->text().trimmed().isEmpty());
}

} // namespace megatoken
