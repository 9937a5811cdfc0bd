#pragma once
// Choosing a training corpus: a file (or none, for the built-in WordNet glosses), how to read it,
// and a preview of the first texts core's reader yields with those settings, so that a wrong
// column or field shows before a run starts rather than after it fails. Read problems appear
// in red with the file and line, as the reader reports them.

#include <QDialog>
#include <QString>
#include <QStringList>

#include "core/config/TrainConfig.h"

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;

namespace megatoken {

class CorpusPreviewDialog : public QDialog {
    Q_OBJECT

public:
    // How many texts the preview shows.
    static constexpr int kPreviewTexts = 20;

    explicit CorpusPreviewDialog(QWidget* parent = nullptr);

    QString path() const;
    // "auto", "text", "csv", "tsv", "jsonl" or "wordnet": data.format's choices.
    QString format() const;
    // CSV/TSV: the header name of the text column; "" for the default ("text" or the only one).
    QString column() const;
    // JSONL: the key holding the text.
    QString field() const;
    bool lowercase() const;

    // The header of the CSV/TSV file shown, for the column chooser; empty for other formats.
    QStringList availableColumns() const;
    QStringList previewTexts() const;
    // The reader's error ("file:line: problem"), else its warnings (such as invalid UTF-8 it
    // replaced), one per line; empty when the preview read cleanly.
    QString errorText() const;

    // Each setter refreshes the preview.
    void setPath(const QString& path);
    void setFormat(const QString& format);
    // A header name, or a 0-based index written as digits; "" for the default.
    void setColumn(const QString& column);
    void setField(const QString& field);
    void setLowercase(bool lowercase);

    // data.corpus, data.format, data.column, data.field and data.lowercase.
    void applyTo(DataConfig& data) const;
    void setFrom(const DataConfig& data);

protected:
    // A dialog shown without setFrom() or a setter previews its defaults then.
    void showEvent(QShowEvent* event) override;

private:
    void browse();
    void refreshPreview();
    void refreshColumns();
    void updateFormatRows();
    void showProblem(const QString& text);
    QString resolvedFormat() const;

    QLineEdit* pathEdit_ = nullptr;
    QComboBox* formatCombo_ = nullptr;
    QComboBox* columnCombo_ = nullptr;
    QLineEdit* fieldEdit_ = nullptr;
    QCheckBox* lowercaseCheck_ = nullptr;
    QFormLayout* form_ = nullptr;
    QLabel* sourceLabel_ = nullptr;
    QLabel* problemLabel_ = nullptr;
    QLabel* countLabel_ = nullptr;
    QListWidget* previewList_ = nullptr;

    QStringList columns_;
    QString columnsSource_;  // "path|format" the columns were read for
    QStringList previewTexts_;
    QString errorText_;
    bool updating_ = false;  // several settings change at once: one refresh at the end
    bool previewed_ = false;
};

}  // namespace megatoken
