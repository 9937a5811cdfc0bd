#pragma once

#include <QDialog>
#include <QSize>
#include <QString>
#include <QStringList>

#include "widgets/plot/PublicationStyle.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QDialogButtonBox;
class QLineEdit;
class QSpinBox;

namespace megatoken {

// Asks what to export (the whole dashboard or one plot), in which format (PNG, PDF, SVG, or a
// pgfplots .tex with the data inside), at what size (pixels, or centimetres and a font size for a
// paper), in which palette and where. Only collects the answers; the caller writes the file with
// PlotDashboard::exportDashboard or MetricPlot::exportImage.
//
// The file's suffix follows the format: choosing PDF turns "loss.png" into "loss.pdf", a name
// without a suffix gets the format's, and typing a name ending in a known suffix picks that
// format.
class PlotExportDialog : public QDialog {
    Q_OBJECT

public:
    // plotIds[i] is shown as plotTitles[i] (its id when the title is missing or empty).
    PlotExportDialog(const QStringList& plotIds, const QStringList& plotTitles, QWidget* parent = nullptr);

    // "" means the whole dashboard, otherwise a plot id.
    QString target() const;
    void setTarget(const QString& plotId);  // an unknown id is ignored

    // The path with the format's suffix; empty while no path was given.
    QString filePath() const;
    void setFilePath(const QString& path);

    QSize imageSize() const;
    void setImageSize(const QSize& size);  // clamped to the spin boxes' range

    // For a paper: the print size in cm and the font size (PDF, SVG and pgfplots; a .tex file is
    // always sized in cm), and the colour-blind-safe palette (every format). A screen export,
    // sized in pixels, has widthCm 0.
    PublicationStyle publicationStyle() const;
    void setPublicationStyle(const PublicationStyle& style);

    // "png", "pdf", "svg" or "tex".
    QString format() const;
    void setFormat(const QString& format);  // an unknown format is ignored

    static constexpr int kMinimumSide = 16;
    static constexpr int kMaximumSide = 10000;

private:
    void browse();
    void onFormatChanged();
    void onPathEdited();
    void onSizePresetChosen(int index);
    void selectMatchingPreset();
    void updateOkButton();
    void updateSizeControls();
    QString withFormatSuffix(const QString& path) const;

    QComboBox* targetCombo_;
    QComboBox* formatCombo_;
    QComboBox* presetCombo_;
    QSpinBox* widthSpin_;
    QSpinBox* heightSpin_;
    QLineEdit* pathEdit_;
    QCheckBox* printSizeCheck_;
    QDoubleSpinBox* widthCmSpin_;
    QDoubleSpinBox* heightCmSpin_;
    QDoubleSpinBox* fontPtSpin_;
    QCheckBox* paletteCheck_;
    QDialogButtonBox* buttons_;
};

}  // namespace megatoken
