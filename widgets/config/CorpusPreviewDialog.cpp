#include "widgets/config/CorpusPreviewDialog.h"

#include <exception>
#include <memory>
#include <string>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include "core/config/ConfigKeys.h"
#include "core/data/ChunkedInput.h"
#include "core/data/CorpusSpec.h"
#include "core/data/CsvParser.h"
#include "core/data/TextReader.h"
#include "core/data/Utf8.h"

namespace megatoken {

namespace {

// Typing pauses this long before the file is read again.
constexpr int kRefreshDelayMs = 400;

QString fromStd(const std::string& text)
{
    return QString::fromStdString(text);
}

// The header row of a CSV/TSV file; empty when it cannot be read (the preview's reader then
// reports why).
QStringList readHeader(const std::string& path, char delimiter)
{
    try {
        ChunkedInput input(path);
        CsvParser parser(input, delimiter, std::size_t{1} << 20);
        CsvParser::Record record;
        if (!parser.next(record) || record.status != CsvParser::Record::Status::Complete) return {};
        QStringList names;
        for (std::size_t i = 0; i < record.fieldCount; ++i) {
            std::string name = record.fields[i];
            sanitizeUtf8(name);
            names << fromStd(name);
        }
        return names;
    } catch (const std::exception&) {
        return {};
    }
}

}  // namespace

CorpusPreviewDialog::CorpusPreviewDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Training corpus"));
    auto* layout = new QVBoxLayout(this);
    form_ = new QFormLayout;
    layout->addLayout(form_);

    auto* refreshTimer = new QTimer(this);
    refreshTimer->setSingleShot(true);
    refreshTimer->setInterval(kRefreshDelayMs);
    connect(refreshTimer, &QTimer::timeout, this, &CorpusPreviewDialog::refreshPreview);
    const auto refreshNowIfPending = [this, refreshTimer] {
        if (refreshTimer->isActive()) {
            refreshTimer->stop();
            refreshPreview();
        }
    };

    pathEdit_ = new QLineEdit(this);
    pathEdit_->setObjectName(QStringLiteral("pathEdit"));
    pathEdit_->setClearButtonEnabled(true);
    pathEdit_->setPlaceholderText(tr("Empty: the built-in WordNet glosses"));
    connect(pathEdit_, &QLineEdit::textEdited, refreshTimer, qOverload<>(&QTimer::start));
    connect(pathEdit_, &QLineEdit::editingFinished, this, refreshNowIfPending);
    auto* browseButton = new QPushButton(tr("Browse…"), this);
    browseButton->setObjectName(QStringLiteral("browseButton"));
    connect(browseButton, &QPushButton::clicked, this, &CorpusPreviewDialog::browse);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(pathEdit_, 1);
    pathRow->addWidget(browseButton);
    form_->addRow(tr("File"), pathRow);

    sourceLabel_ = new QLabel(this);
    sourceLabel_->setObjectName(QStringLiteral("sourceLabel"));
    sourceLabel_->setWordWrap(true);
    form_->addRow(QString(), sourceLabel_);

    formatCombo_ = new QComboBox(this);
    formatCombo_->setObjectName(QStringLiteral("formatCombo"));
    for (const std::string& name : configKey("data.format").allowedValues) formatCombo_->addItem(fromStd(name));
    formatCombo_->setToolTip(tr("auto decides by the file's extension: .txt, .csv, .tsv, .jsonl or .json"));
    connect(formatCombo_, &QComboBox::currentIndexChanged, this, &CorpusPreviewDialog::refreshPreview);
    form_->addRow(tr("Format"), formatCombo_);

    columnCombo_ = new QComboBox(this);
    columnCombo_->setObjectName(QStringLiteral("columnCombo"));
    columnCombo_->setToolTip(tr("The CSV/TSV column holding the texts, from the file's header row"));
    connect(columnCombo_, &QComboBox::currentIndexChanged, this, &CorpusPreviewDialog::refreshPreview);
    form_->addRow(tr("Column"), columnCombo_);

    fieldEdit_ = new QLineEdit(this);
    fieldEdit_->setObjectName(QStringLiteral("fieldEdit"));
    fieldEdit_->setToolTip(tr("The JSON key holding the text; a dotted path such as review.text reaches into objects"));
    connect(fieldEdit_, &QLineEdit::textEdited, refreshTimer, qOverload<>(&QTimer::start));
    connect(fieldEdit_, &QLineEdit::editingFinished, this, refreshNowIfPending);
    form_->addRow(tr("Field"), fieldEdit_);

    lowercaseCheck_ = new QCheckBox(tr("Lowercase"), this);
    lowercaseCheck_->setObjectName(QStringLiteral("lowercaseCheck"));
    connect(lowercaseCheck_, &QCheckBox::toggled, this, &CorpusPreviewDialog::refreshPreview);
    form_->addRow(QString(), lowercaseCheck_);

    problemLabel_ = new QLabel(this);
    problemLabel_->setObjectName(QStringLiteral("problemLabel"));
    problemLabel_->setTextFormat(Qt::PlainText);
    problemLabel_->setWordWrap(true);
    problemLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    problemLabel_->setStyleSheet(QStringLiteral("color: #d32f2f;"));
    problemLabel_->hide();
    layout->addWidget(problemLabel_);

    countLabel_ = new QLabel(this);
    layout->addWidget(countLabel_);
    previewList_ = new QListWidget(this);
    previewList_->setObjectName(QStringLiteral("previewList"));
    previewList_->setWordWrap(true);
    previewList_->setAlternatingRowColors(true);
    layout->addWidget(previewList_, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    resize(640, 520);
    // The defaults, without reading yet: the default corpus takes a moment to parse, and the
    // caller usually calls setFrom() next.
    updating_ = true;
    setFrom(DataConfig{});
    updating_ = false;
}

void CorpusPreviewDialog::showEvent(QShowEvent* event)
{
    QDialog::showEvent(event);
    if (!previewed_) refreshPreview();
}

QString CorpusPreviewDialog::path() const
{
    return pathEdit_->text().trimmed();
}

QString CorpusPreviewDialog::format() const
{
    return formatCombo_->currentText();
}

QString CorpusPreviewDialog::column() const
{
    return columnCombo_->currentData().toString();
}

QString CorpusPreviewDialog::field() const
{
    return fieldEdit_->text().trimmed();
}

bool CorpusPreviewDialog::lowercase() const
{
    return lowercaseCheck_->isChecked();
}

QStringList CorpusPreviewDialog::availableColumns() const
{
    return columns_;
}

QStringList CorpusPreviewDialog::previewTexts() const
{
    return previewTexts_;
}

QString CorpusPreviewDialog::errorText() const
{
    return errorText_;
}

void CorpusPreviewDialog::setPath(const QString& path)
{
    pathEdit_->setText(path);
    refreshPreview();
}

void CorpusPreviewDialog::setFormat(const QString& format)
{
    const int index = formatCombo_->findText(format.trimmed(), Qt::MatchFixedString);
    updating_ = true;
    formatCombo_->setCurrentIndex(index < 0 ? 0 : index);
    updating_ = false;
    refreshPreview();
}

void CorpusPreviewDialog::setColumn(const QString& column)
{
    updating_ = true;
    int index = columnCombo_->findData(column);
    if (index < 0) {
        // A name the header lacks, or an index: kept, and the reader says whether it works.
        columnCombo_->addItem(column, column);
        index = columnCombo_->count() - 1;
    }
    columnCombo_->setCurrentIndex(index);
    updating_ = false;
    refreshPreview();
}

void CorpusPreviewDialog::setField(const QString& field)
{
    fieldEdit_->setText(field);
    refreshPreview();
}

void CorpusPreviewDialog::setLowercase(bool lowercase)
{
    updating_ = true;
    lowercaseCheck_->setChecked(lowercase);
    updating_ = false;
    refreshPreview();
}

void CorpusPreviewDialog::applyTo(DataConfig& data) const
{
    data.corpus = path().toStdString();
    data.format = format().toStdString();
    data.column = column().toStdString();
    data.field = field().toStdString();
    data.lowercase = lowercase();
}

void CorpusPreviewDialog::setFrom(const DataConfig& data)
{
    const bool wasUpdating = updating_;
    updating_ = true;
    pathEdit_->setText(fromStd(data.corpus));
    const int format = formatCombo_->findText(fromStd(data.format), Qt::MatchFixedString);
    formatCombo_->setCurrentIndex(format < 0 ? 0 : format);
    fieldEdit_->setText(fromStd(data.field));
    lowercaseCheck_->setChecked(data.lowercase);
    columnCombo_->clear();
    columnCombo_->addItem(tr("(default: \"text\", or the only column)"), QString());
    if (!data.column.empty()) columnCombo_->addItem(fromStd(data.column), fromStd(data.column));
    columnCombo_->setCurrentIndex(columnCombo_->count() - 1);
    columnsSource_.clear();
    updating_ = wasUpdating;
    refreshPreview();
}

void CorpusPreviewDialog::browse()
{
    const QString start = path().isEmpty() ? QString() : QFileInfo(path()).absolutePath();
    const QString chosen = QFileDialog::getOpenFileName(
        this, tr("Choose a corpus"), start, tr("Text corpora (*.txt *.csv *.tsv *.jsonl *.json);;All files (*)"));
    if (!chosen.isEmpty()) setPath(chosen);
}

QString CorpusPreviewDialog::resolvedFormat() const
{
    if (format() != QLatin1String("auto")) return format();
    CorpusSpec spec;
    spec.path = path().toStdString();
    try {
        return fromStd(std::string(formatName(resolveFormat(spec))));
    } catch (const std::exception&) {
        return {};
    }
}

void CorpusPreviewDialog::refreshColumns()
{
    const QString resolved = resolvedFormat();
    const bool tabular = resolved == QLatin1String("csv") || resolved == QLatin1String("tsv");
    const QString source = path() + QLatin1Char('|') + resolved;
    if (source == columnsSource_) return;
    columnsSource_ = source;
    columns_ =
        tabular ? readHeader(path().toStdString(), resolved == QLatin1String("tsv") ? '\t' : ',') : QStringList();

    const QString chosen = column();
    const bool wasUpdating = updating_;
    updating_ = true;
    columnCombo_->clear();
    columnCombo_->addItem(tr("(default: \"text\", or the only column)"), QString());
    for (const QString& name : std::as_const(columns_)) columnCombo_->addItem(name, name);
    int index = columnCombo_->findData(chosen);
    if (index < 0) {
        columnCombo_->addItem(chosen, chosen);
        index = columnCombo_->count() - 1;
    }
    columnCombo_->setCurrentIndex(index);
    updating_ = wasUpdating;
}

void CorpusPreviewDialog::updateFormatRows()
{
    const QString resolved = resolvedFormat();
    form_->setRowVisible(columnCombo_, resolved == QLatin1String("csv") || resolved == QLatin1String("tsv"));
    form_->setRowVisible(fieldEdit_, resolved == QLatin1String("jsonl"));

    if (isDefaultCorpusPath(path().toStdString()) &&
        (format() == QLatin1String("auto") || format() == QLatin1String("wordnet")))
        sourceLabel_->setText(tr("No file chosen: the run uses the built-in default corpus, the glosses and example "
                                 "sentences of WordNet 3.0."));
    else if (resolved == QLatin1String("wordnet"))
        sourceLabel_->setText(tr("A WordNet directory (holding data.noun, data.verb, data.adj and data.adv)."));
    else if (!resolved.isEmpty())
        sourceLabel_->setText(tr("Read as %1.").arg(resolved));
    else
        sourceLabel_->clear();
}

void CorpusPreviewDialog::refreshPreview()
{
    if (updating_) return;
    previewed_ = true;
    refreshColumns();
    updateFormatRows();

    CorpusSpec spec;
    spec.path = path().toStdString();
    spec.format = parseCorpusFormat(format().toStdString()).value_or(CorpusFormat::Auto);
    spec.column = column().toStdString();
    spec.field = field().toStdString();
    spec.lowercase = lowercase();

    previewTexts_.clear();
    QStringList problems;
    // The default corpus parses all of WordNet on a cold cache: a second or two.
    QApplication::setOverrideCursor(Qt::WaitCursor);
    try {
        const std::unique_ptr<TextReader> reader = openTextReader(spec);
        std::string text;
        while (previewTexts_.size() < kPreviewTexts && reader->next(text)) previewTexts_ << fromStd(text);
        for (const std::string& warning : reader->stats().warnings) problems << fromStd(warning);
    } catch (const std::exception& error) {
        // DataError names the file and line; anything else still must not take the dialog down.
        problems = QStringList{fromStd(error.what())};
    }
    QApplication::restoreOverrideCursor();

    previewList_->clear();
    previewList_->addItems(previewTexts_);
    countLabel_->setText(previewTexts_.isEmpty()
                             ? tr("No texts to preview.")
                             : tr("The first %n text(s) the run would read:", nullptr, int(previewTexts_.size())));
    showProblem(problems.join(QLatin1Char('\n')));
}

void CorpusPreviewDialog::showProblem(const QString& text)
{
    errorText_ = text;
    problemLabel_->setText(text);
    problemLabel_->setVisible(!text.isEmpty());
}

}  // namespace megatoken
