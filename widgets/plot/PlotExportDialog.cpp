#include "widgets/plot/PlotExportDialog.h"

#include "widgets/plot/PlotFileExport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
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

}  // namespace

PlotExportDialog::PlotExportDialog(const QStringList& plotIds, const QStringList& plotTitles, QWidget* parent)
    : QDialog(parent),
      targetCombo_(new QComboBox),
      formatCombo_(new QComboBox),
      presetCombo_(new QComboBox),
      widthSpin_(new QSpinBox),
      heightSpin_(new QSpinBox),
      pathEdit_(new QLineEdit),
      printSizeCheck_(new QCheckBox(tr("For print:"))),
      widthCmSpin_(new QDoubleSpinBox),
      heightCmSpin_(new QDoubleSpinBox),
      fontPtSpin_(new QDoubleSpinBox),
      paletteCheck_(new QCheckBox(tr("Colour-blind-safe palette (Okabe–Ito)"))),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel))
{
    setWindowTitle(tr("Export plots"));

    targetCombo_->setObjectName(QStringLiteral("targetCombo"));
    targetCombo_->addItem(tr("Whole dashboard"), QString());
    for (int i = 0; i < plotIds.size(); ++i) {
        const QString title = i < plotTitles.size() && !plotTitles[i].isEmpty() ? plotTitles[i] : plotIds[i];
        targetCombo_->addItem(title, plotIds[i]);
    }

    formatCombo_->setObjectName(QStringLiteral("formatCombo"));
    formatCombo_->addItem(tr("PNG image"), QStringLiteral("png"));
    formatCombo_->addItem(tr("PDF document (vector)"), QStringLiteral("pdf"));
    formatCombo_->addItem(tr("SVG drawing (vector)"), QStringLiteral("svg"));
    formatCombo_->addItem(tr("LaTeX pgfplots (.tex, data inside)"), QStringLiteral("tex"));

    presetCombo_->setObjectName(QStringLiteral("sizePresetCombo"));
    for (const QSize& preset : kSizePresets)
        presetCombo_->addItem(tr("%1 × %2").arg(preset.width()).arg(preset.height()), preset);
    presetCombo_->addItem(tr("Custom"), QSize());
    for (QSpinBox* spin : {widthSpin_, heightSpin_}) {
        spin->setRange(kMinimumSide, kMaximumSide);
        spin->setSuffix(tr(" px"));
    }
    widthSpin_->setObjectName(QStringLiteral("widthSpin"));
    heightSpin_->setObjectName(QStringLiteral("heightSpin"));
    widthSpin_->setValue(kDefaultSize.width());
    heightSpin_->setValue(kDefaultSize.height());
    selectMatchingPreset();

    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(presetCombo_);
    sizeRow->addWidget(widthSpin_);
    sizeRow->addWidget(new QLabel(tr("×")));
    sizeRow->addWidget(heightSpin_);
    sizeRow->addStretch(1);

    // Print size: a column is 8.5 cm, a page 17.5 cm; 0 cm high means in proportion.
    printSizeCheck_->setObjectName(QStringLiteral("printSizeCheck"));
    printSizeCheck_->setToolTip(tr("Size the PDF or SVG in centimetres with text of a size in points, as it "
                                   "will be printed; a .tex figure is always sized this way"));
    widthCmSpin_->setObjectName(QStringLiteral("widthCmSpin"));
    widthCmSpin_->setRange(2.0, 50.0);
    widthCmSpin_->setDecimals(1);
    widthCmSpin_->setSingleStep(0.5);
    widthCmSpin_->setSuffix(tr(" cm wide"));
    widthCmSpin_->setValue(8.5);
    heightCmSpin_->setObjectName(QStringLiteral("heightCmSpin"));
    heightCmSpin_->setRange(0.0, 50.0);
    heightCmSpin_->setDecimals(1);
    heightCmSpin_->setSingleStep(0.5);
    heightCmSpin_->setSpecialValueText(tr("height in proportion"));
    heightCmSpin_->setSuffix(tr(" cm high"));
    fontPtSpin_->setObjectName(QStringLiteral("fontPtSpin"));
    fontPtSpin_->setRange(5.0, 24.0);
    fontPtSpin_->setDecimals(1);
    fontPtSpin_->setSuffix(tr(" pt text"));
    fontPtSpin_->setValue(8.0);
    auto* printRow = new QHBoxLayout;
    printRow->addWidget(printSizeCheck_);
    printRow->addWidget(widthCmSpin_);
    printRow->addWidget(heightCmSpin_);
    printRow->addWidget(fontPtSpin_);
    printRow->addStretch(1);
    paletteCheck_->setObjectName(QStringLiteral("paletteCheck"));
    paletteCheck_->setToolTip(tr("Eight colours told apart with every common colour-vision deficiency "
                                 "(Okabe & Ito 2008)"));

    pathEdit_->setObjectName(QStringLiteral("pathEdit"));
    pathEdit_->setPlaceholderText(tr("Choose where to save"));
    pathEdit_->setMinimumWidth(320);
    auto* browseButton = new QPushButton(tr("Browse…"));
    browseButton->setObjectName(QStringLiteral("browseButton"));
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(pathEdit_, 1);
    pathRow->addWidget(browseButton);

    auto* form = new QFormLayout(this);
    form->addRow(tr("Export"), targetCombo_);
    form->addRow(tr("Format"), formatCombo_);
    form->addRow(tr("Size"), sizeRow);
    form->addRow(QString(), printRow);
    form->addRow(tr("Colours"), paletteCheck_);
    form->addRow(tr("File"), pathRow);
    form->addRow(buttons_);

    connect(formatCombo_, qOverload<int>(&QComboBox::currentIndexChanged), this, &PlotExportDialog::onFormatChanged);
    connect(presetCombo_, qOverload<int>(&QComboBox::activated), this, &PlotExportDialog::onSizePresetChosen);
    connect(widthSpin_, qOverload<int>(&QSpinBox::valueChanged), this, &PlotExportDialog::selectMatchingPreset);
    connect(heightSpin_, qOverload<int>(&QSpinBox::valueChanged), this, &PlotExportDialog::selectMatchingPreset);
    connect(pathEdit_, &QLineEdit::textChanged, this, &PlotExportDialog::updateOkButton);
    connect(printSizeCheck_, &QCheckBox::toggled, this, &PlotExportDialog::updateSizeControls);
    connect(pathEdit_, &QLineEdit::editingFinished, this, &PlotExportDialog::onPathEdited);
    connect(browseButton, &QPushButton::clicked, this, &PlotExportDialog::browse);
    connect(buttons_, &QDialogButtonBox::accepted, this, [this] {
        onPathEdited();  // the shown path is the one written, suffix included
        accept();
    });
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateOkButton();
    updateSizeControls();
}

PublicationStyle PlotExportDialog::publicationStyle() const
{
    PublicationStyle style;
    style.colourBlindSafe = paletteCheck_->isChecked();
    if (format() != QLatin1String("png") && printSizeCheck_->isChecked()) {
        style.widthCm = widthCmSpin_->value();
        style.heightCm = heightCmSpin_->value();
        style.fontPt = fontPtSpin_->value();
    }
    return style;
}

void PlotExportDialog::setPublicationStyle(const PublicationStyle& style)
{
    paletteCheck_->setChecked(style.colourBlindSafe);
    printSizeCheck_->setChecked(style.printSize());
    if (style.printSize()) {
        widthCmSpin_->setValue(style.widthCm);
        heightCmSpin_->setValue(style.heightCm);
        fontPtSpin_->setValue(style.fontPt);
    }
    updateSizeControls();
}

// PNG: pixels only. PDF and SVG: pixels, or a print size when asked. TeX: always a print size.
void PlotExportDialog::updateSizeControls()
{
    const QString current = format();
    const bool tex = current == QLatin1String("tex");
    const bool png = current == QLatin1String("png");
    if (tex) printSizeCheck_->setChecked(true);
    printSizeCheck_->setEnabled(!png && !tex);
    const bool print = !png && printSizeCheck_->isChecked();
    for (QWidget* w : {static_cast<QWidget*>(widthCmSpin_), static_cast<QWidget*>(heightCmSpin_),
                       static_cast<QWidget*>(fontPtSpin_)})
        w->setEnabled(print);
    fontPtSpin_->setEnabled(print && !tex);  // pgfplots sets its own sizes (\scriptsize ticks)
    for (QWidget* w :
         {static_cast<QWidget*>(presetCombo_), static_cast<QWidget*>(widthSpin_), static_cast<QWidget*>(heightSpin_)})
        w->setEnabled(!print);
}

QString PlotExportDialog::target() const
{
    return targetCombo_->currentData().toString();
}

void PlotExportDialog::setTarget(const QString& plotId)
{
    const int index = targetCombo_->findData(plotId);
    if (index >= 0) targetCombo_->setCurrentIndex(index);
}

QString PlotExportDialog::filePath() const
{
    return withFormatSuffix(pathEdit_->text());
}

void PlotExportDialog::setFilePath(const QString& path)
{
    const QString suffixFormat = PlotFileExport::formatForPath(path.trimmed());
    if (!suffixFormat.isEmpty()) setFormat(suffixFormat);
    pathEdit_->setText(withFormatSuffix(path));
}

QSize PlotExportDialog::imageSize() const
{
    return QSize(widthSpin_->value(), heightSpin_->value());
}

void PlotExportDialog::setImageSize(const QSize& size)
{
    widthSpin_->setValue(size.width());
    heightSpin_->setValue(size.height());
}

QString PlotExportDialog::format() const
{
    return formatCombo_->currentData().toString();
}

void PlotExportDialog::setFormat(const QString& format)
{
    const int index = formatCombo_->findData(format.toLower());
    if (index >= 0) formatCombo_->setCurrentIndex(index);
}

QString PlotExportDialog::withFormatSuffix(const QString& path) const
{
    const QString trimmed = path.trimmed();
    if (trimmed.isEmpty()) return QString();
    const QString suffix = QFileInfo(trimmed).suffix();
    if (suffix.compare(format(), Qt::CaseInsensitive) == 0) return trimmed;
    // Replace a known image suffix; anything else ("run.v2") is part of the name.
    if (PlotFileExport::formats().contains(suffix.toLower())) return trimmed.chopped(suffix.size()) + format();
    return trimmed + QLatin1Char('.') + format();
}

void PlotExportDialog::onFormatChanged()
{
    updateSizeControls();
    if (!pathEdit_->text().trimmed().isEmpty()) pathEdit_->setText(withFormatSuffix(pathEdit_->text()));
}

void PlotExportDialog::onPathEdited()
{
    if (!pathEdit_->text().trimmed().isEmpty()) setFilePath(pathEdit_->text());
}

void PlotExportDialog::browse()
{
    QStringList filters;
    filters << tr("PNG image (*.png)") << tr("PDF document (*.pdf)") << tr("SVG drawing (*.svg)")
            << tr("LaTeX pgfplots (*.tex)");
    const QStringList formats = PlotFileExport::formats();  // same order as the filters
    QString selectedFilter = filters.value(formats.indexOf(format()));
    const QString start = pathEdit_->text().trimmed().isEmpty() ? QDir::homePath() : filePath();
    const QString chosen = QFileDialog::getSaveFileName(this, tr("Export plots"), start,
                                                        filters.join(QStringLiteral(";;")), &selectedFilter);
    if (chosen.isEmpty()) return;
    const int filterIndex = filters.indexOf(selectedFilter);
    if (filterIndex >= 0) setFormat(formats[filterIndex]);
    setFilePath(chosen);  // a typed suffix wins over the filter
}

void PlotExportDialog::onSizePresetChosen(int index)
{
    const QSize preset = presetCombo_->itemData(index).toSize();
    if (preset.isValid()) setImageSize(preset);
}

void PlotExportDialog::selectMatchingPreset()
{
    const int match = presetCombo_->findData(imageSize());
    const QSignalBlocker blocker(presetCombo_);
    presetCombo_->setCurrentIndex(match >= 0 ? match : presetCombo_->count() - 1);
}

void PlotExportDialog::updateOkButton()
{
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(!pathEdit_->text().trimmed().isEmpty());
}

}  // namespace megatoken
