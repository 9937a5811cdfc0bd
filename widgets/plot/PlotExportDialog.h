#pragma once

#include <QDialog>
#include <QSize>
#include <QString>
#include <QStringList>

class QComboBox;
class QDialogButtonBox;
class QLineEdit;
class QSpinBox;

namespace megatoken {

// Asks what to export (the whole dashboard or one plot), in which format (PNG, PDF, SVG), at
// what size and where. Only collects the answers; the caller writes the file with
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

    // "png", "pdf" or "svg".
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
    QString withFormatSuffix(const QString& path) const;

    QComboBox* targetCombo_;
    QComboBox* formatCombo_;
    QComboBox* presetCombo_;
    QSpinBox* widthSpin_;
    QSpinBox* heightSpin_;
    QLineEdit* pathEdit_;
    QDialogButtonBox* buttons_;
};

}  // namespace megatoken
