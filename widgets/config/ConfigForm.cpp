#include "widgets/config/ConfigForm.h"

#include <utility>

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

#include "core/config/ConfigError.h"
#include "core/config/ConfigValidation.h"
#include "core/config/ConfigValue.h"
#include "core/config/Presets.h"
#include "core/config/RunConfigJson.h"
#include "widgets/config/CorpusPreviewDialog.h"

namespace megatoken {

namespace {

// The context in which core/config/ConfigKeys.cpp marks the group titles for lupdate.
constexpr const char* kGroupTitleContext = "megatoken::ConfigKeys";

const char* const kPresetKey = "preset";
const char* const kCorpusKey = "data.corpus";
// The keys the corpus dialog sets.
const char* const kCorpusDialogKeys[] = {"data.corpus", "data.format", "data.column", "data.field", "data.lowercase"};

// A red frame that reads on every style; the property lets style sheets and tests see it too.
const char* const kInvalidStyle = "border: 1px solid #d32f2f; border-radius: 2px;";

QString fromStd(const std::string& text)
{
    return QString::fromStdString(text);
}

// The message of a ConfigError for one key, without the "key: " its what() starts with.
std::string issueMessage(const ConfigError& error)
{
    return error.issues().empty() ? std::string(error.what()) : error.issues().front().message;
}

}  // namespace

ConfigForm::ConfigForm(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);

    topLayout_ = new QFormLayout;
    layout->addLayout(topLayout_);
    buildTopRow();

    tabs_ = new QTabWidget(this);
    tabs_->setObjectName(QStringLiteral("configTabs"));
    layout->addWidget(tabs_, 1);
    buildTabs();

    issuesLabel_ = new QLabel(this);
    issuesLabel_->setObjectName(QStringLiteral("issuesLabel"));
    issuesLabel_->setTextFormat(Qt::PlainText);
    issuesLabel_->setWordWrap(true);
    issuesLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    issuesLabel_->setStyleSheet(QStringLiteral("color: #d32f2f;"));
    issuesLabel_->hide();
    layout->addWidget(issuesLabel_);

    setConfig(RunConfig{});
    updateRowVisibility();
}

void ConfigForm::buildTopRow()
{
    presetCombo_ = new QComboBox(this);
    presetCombo_->setObjectName(QStringLiteral("presetCombo"));
    for (const std::string& name : presetNames()) presetCombo_->addItem(fromStd(name));
    connect(presetCombo_, &QComboBox::activated, this, &ConfigForm::onPresetChosen);

    loadButton_ = new QPushButton(tr("Load…"), this);
    loadButton_->setObjectName(QStringLiteral("loadButton"));
    loadButton_->setToolTip(tr("Load the settings from a configuration file"));
    connect(loadButton_, &QPushButton::clicked, this, &ConfigForm::chooseLoadFile);
    saveButton_ = new QPushButton(tr("Save…"), this);
    saveButton_->setObjectName(QStringLiteral("saveButton"));
    saveButton_->setToolTip(tr("Save these settings as a configuration file"));
    connect(saveButton_, &QPushButton::clicked, this, &ConfigForm::chooseSaveFile);

    advancedCheck_ = new QCheckBox(tr("Show advanced"), this);
    advancedCheck_->setObjectName(QStringLiteral("advancedCheck"));
    advancedCheck_->setToolTip(tr("Also show the settings that rarely need changing"));
    connect(advancedCheck_, &QCheckBox::toggled, this, &ConfigForm::updateRowVisibility);

    auto* presetRow = new QWidget(this);
    auto* rowLayout = new QHBoxLayout(presetRow);
    rowLayout->setContentsMargins(0, 0, 0, 0);
    rowLayout->addWidget(presetCombo_, 1);
    rowLayout->addWidget(loadButton_);
    rowLayout->addWidget(saveButton_);
    rowLayout->addWidget(advancedCheck_);

    const ConfigKey& presetKey = configKey(kPresetKey);
    auto* label = new QLabel(tr("Preset"), this);
    label->setToolTip(fromStd(presetKey.name));
    topLayout_->addRow(label, presetRow);

    Row row;
    row.key = &presetKey;
    row.editor = presetCombo_;
    row.field = presetRow;
    row.layout = topLayout_;
    row.toolTip =
        toolTipFor(presetKey) + QLatin1Char('\n') + tr("Choosing a preset replaces every setting with its values.");
    presetCombo_->setToolTip(row.toolTip);
    rows_.insert(fromStd(presetKey.name), row);
}

void ConfigForm::buildTabs()
{
    // Top-level keys other than the preset (none today) go above the tabs with it.
    std::map<std::string, QFormLayout*> layouts{{std::string(), topLayout_}};
    for (const ConfigGroup& group : configGroups()) {
        auto* page = new QWidget;
        auto* form = new QFormLayout(page);
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        auto* scroll = new QScrollArea;
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setWidget(page);
        tabs_->addTab(scroll, QCoreApplication::translate(kGroupTitleContext, group.title.c_str()));
        layouts[group.name] = form;
    }

    for (const ConfigKey& key : configKeys()) {
        if (key.name == kPresetKey) continue;
        const auto layout = layouts.find(key.group);
        if (layout == layouts.end()) continue;  // a group the table lists no tab for: ConfigKeys.cpp keeps them in step

        Row row;
        row.key = &key;
        row.editor = makeEditor(key);
        row.editor->setObjectName(fromStd(key.name));
        row.field = row.editor;
        row.layout = layout->second;
        row.toolTip = toolTipFor(key);
        row.editor->setToolTip(row.toolTip);

        if (key.name == kCorpusKey) {
            browseCorpusButton_ = new QPushButton(tr("Browse…"));
            browseCorpusButton_->setObjectName(QStringLiteral("browseCorpusButton"));
            browseCorpusButton_->setToolTip(tr("Choose the corpus file and preview the texts it yields"));
            connect(browseCorpusButton_, &QPushButton::clicked, this, &ConfigForm::browseCorpus);
            row.field = new QWidget;
            auto* fieldLayout = new QHBoxLayout(row.field);
            fieldLayout->setContentsMargins(0, 0, 0, 0);
            fieldLayout->addWidget(row.editor, 1);
            fieldLayout->addWidget(browseCorpusButton_);
        }

        auto* label = new QLabel(fromStd(key.memberName()));
        label->setToolTip(fromStd(key.name) + QLatin1Char('\n') + fromStd(key.help));
        label->setBuddy(row.editor);
        row.layout->addRow(label, row.field);
        rows_.insert(fromStd(key.name), row);
    }
}

QWidget* ConfigForm::makeEditor(const ConfigKey& key)
{
    const QString name = fromStd(key.name);
    switch (key.type) {
        case ConfigValueType::Bool: {
            auto* check = new QCheckBox;
            connect(check, &QCheckBox::toggled, this, [this, name] { onEdited(name); });
            return check;
        }
        case ConfigValueType::Enum: {
            auto* combo = new QComboBox;
            for (const std::string& value : key.allowedValues) combo->addItem(fromStd(value));
            connect(combo, &QComboBox::currentIndexChanged, this, [this, name] { onEdited(name); });
            return combo;
        }
        case ConfigValueType::Int:
        case ConfigValueType::Double:
        case ConfigValueType::String: break;
    }
    auto* edit = new QLineEdit;
    edit->setClearButtonEnabled(key.type == ConfigValueType::String);
    connect(edit, &QLineEdit::textChanged, this, [this, name] { onEdited(name); });
    return edit;
}

QString ConfigForm::toolTipFor(const ConfigKey& key) const
{
    QStringList lines{fromStd(key.help)};
    if (key.range.isBounded()) lines << tr("Range: %1").arg(fromStd(key.range.describe()));
    if (!key.allowedValues.empty()) {
        QStringList choices;
        for (const std::string& value : key.allowedValues) choices << fromStd(value);
        lines << tr("Choices: %1").arg(choices.join(QStringLiteral(", ")));
    }
    lines << tr("Default: %1").arg(fromStd(formatConfigValue(key, key.defaultValue)));
    return lines.join(QLatin1Char('\n'));
}

void ConfigForm::setConfig(const RunConfig& config)
{
    const bool presetDiffers = config.preset != config_.preset;
    config_ = config;
    parseErrors_.clear();

    showingValues_ = true;
    for (const Row& row : std::as_const(rows_)) showValue(row, row.key->get(config_));
    showingValues_ = false;

    revalidate();
    emit configChanged();
    if (presetDiffers) emit presetChanged(fromStd(config_.preset));
}

RunConfig ConfigForm::config() const
{
    return config_;
}

void ConfigForm::showValue(const Row& row, const nlohmann::json& value)
{
    if (auto* check = qobject_cast<QCheckBox*>(row.editor)) {
        check->setChecked(value.is_boolean() && value.get<bool>());
    } else if (auto* combo = qobject_cast<QComboBox*>(row.editor)) {
        // -1 (blank) for a name the list lacks; validate() reports it.
        combo->setCurrentIndex(combo->findText(fromStd(value.is_string() ? value.get<std::string>() : value.dump())));
    } else if (auto* edit = qobject_cast<QLineEdit*>(row.editor)) {
        // Strings as they are; formatConfigValue() would quote them.
        edit->setText(value.is_string() ? fromStd(value.get<std::string>())
                                        : fromStd(formatConfigValue(*row.key, value)));
        edit->setCursorPosition(0);
    }
}

void ConfigForm::onEdited(const QString& keyName)
{
    if (showingValues_) return;
    const Row& row = rows_[keyName];
    const ConfigKey& key = *row.key;

    QString text;
    if (auto* check = qobject_cast<QCheckBox*>(row.editor))
        text = check->isChecked() ? QStringLiteral("true") : QStringLiteral("false");
    else if (auto* combo = qobject_cast<QComboBox*>(row.editor))
        text = combo->currentText();
    else if (auto* edit = qobject_cast<QLineEdit*>(row.editor))
        text = edit->text();

    try {
        key.set(config_, checkConfigValue(key, parseConfigValue(key, text.toStdString())));
        parseErrors_.erase(key.name);
    } catch (const ConfigError& error) {
        parseErrors_[key.name] = issueMessage(error);
    }
    revalidate();
    emit configChanged();
}

void ConfigForm::onPresetChosen(int index)
{
    if (index < 0) return;
    const QString name = presetCombo_->itemText(index);
    // Choosing the preset shown again resets the edits made since: the user asked for it.
    try {
        setConfig(preset(name.toStdString()));
    } catch (const ConfigError& error) {
        QMessageBox::warning(this, tr("Unknown preset"), fromStd(error.what()));
    }
}

void ConfigForm::revalidate()
{
    issues_.clear();
    for (const ConfigKey& key : configKeys())
        if (const auto parseError = parseErrors_.find(key.name); parseError != parseErrors_.end())
            issues_.push_back({key.name, parseError->second});
    // A field that does not parse holds its last good value: rules about that value would confuse.
    for (ConfigIssue& issue : validate(config_))
        if (parseErrors_.count(issue.key) == 0) issues_.push_back(std::move(issue));

    for (auto row = rows_.cbegin(); row != rows_.cend(); ++row) {
        QStringList messages;
        for (const ConfigIssue& issue : issues_)
            if (issue.key == row.value().key->name) messages << fromStd(issue.message);
        QWidget* editor = row.value().editor;
        const bool invalid = !messages.isEmpty();
        if (editor->property("invalid").toBool() != invalid) {
            editor->setProperty("invalid", invalid);
            editor->setStyleSheet(invalid ? QString::fromLatin1(kInvalidStyle) : QString());
        }
        editor->setToolTip(invalid ? row.value().toolTip + QStringLiteral("\n\n") + messages.join(QLatin1Char('\n'))
                                   : row.value().toolTip);
    }

    QStringList lines;
    for (const ConfigIssue& issue : issues_) lines << fromStd(toString(issue));
    issuesLabel_->setText(lines.join(QLatin1Char('\n')));
    issuesLabel_->setVisible(!lines.isEmpty());

    const bool valid = issues_.empty();
    if (valid != valid_) {
        valid_ = valid;
        emit validityChanged(valid_);
    }
}

std::vector<ConfigIssue> ConfigForm::issues() const
{
    return issues_;
}

bool ConfigForm::isValid() const
{
    return valid_;
}

QWidget* ConfigForm::editorFor(const QString& key) const
{
    const auto row = rows_.constFind(key);
    return row == rows_.cend() ? nullptr : row.value().editor;
}

void ConfigForm::setKeyText(const QString& key, const QString& text)
{
    const auto row = rows_.constFind(key);
    if (row == rows_.cend()) return;
    QWidget* editor = row.value().editor;
    if (auto* edit = qobject_cast<QLineEdit*>(editor)) {
        edit->setText(text);
    } else if (auto* combo = qobject_cast<QComboBox*>(editor)) {
        const int index = combo->findText(text.trimmed(), Qt::MatchFixedString);  // case-insensitive
        if (index < 0) return;
        combo->setCurrentIndex(index);
        if (combo == presetCombo_) onPresetChosen(index);
    } else if (auto* check = qobject_cast<QCheckBox*>(editor)) {
        const ConfigKey& configKey = *row.value().key;
        try {
            const bool checked = parseConfigValue(configKey, text.toStdString()).get<bool>();
            parseErrors_.erase(configKey.name);
            if (check->isChecked() != checked)
                check->setChecked(checked);  // onEdited() stores it
            else
                revalidate();
        } catch (const ConfigError& error) {
            parseErrors_[configKey.name] = issueMessage(error);
            revalidate();
        }
    }
}

void ConfigForm::setReadOnly(bool readOnly)
{
    readOnly_ = readOnly;
    presetCombo_->setEnabled(!readOnly);
    loadButton_->setEnabled(!readOnly);
    if (browseCorpusButton_) browseCorpusButton_->setEnabled(!readOnly);
    for (const Row& row : std::as_const(rows_)) {
        if (auto* edit = qobject_cast<QLineEdit*>(row.editor))
            edit->setReadOnly(readOnly);  // the text can still be selected and copied
        else
            row.editor->setEnabled(!readOnly);
    }
}

void ConfigForm::setShowAdvanced(bool show)
{
    advancedCheck_->setChecked(show);
}

bool ConfigForm::showsAdvanced() const
{
    return advancedCheck_->isChecked();
}

void ConfigForm::updateRowVisibility()
{
    const bool showAdvanced = advancedCheck_->isChecked();
    for (const Row& row : std::as_const(rows_))
        if (row.key->advanced) row.layout->setRowVisible(row.field, showAdvanced);
}

bool ConfigForm::loadFile(const QString& path, QString* error)
{
    try {
        const RunConfig loaded = loadConfigFile(path.toStdString());
        setConfig(loaded);
        return true;
    } catch (const std::exception& exception) {
        // ConfigError messages start with the file name already.
        if (error) *error = fromStd(exception.what());
        return false;
    }
}

bool ConfigForm::saveFile(const QString& path, QString* error)
{
    if (!parseErrors_.empty()) {
        if (error) {
            QStringList problems;
            for (const auto& [key, message] : parseErrors_)
                problems << fromStd(key) + QStringLiteral(": ") + fromStd(message);
            *error = tr("%1: not saved, because these fields do not hold a value yet:\n%2")
                         .arg(path, problems.join(QLatin1Char('\n')));
        }
        return false;
    }
    try {
        saveConfigFile(config_, path.toStdString());
        return true;
    } catch (const std::exception& exception) {
        if (error) *error = fromStd(exception.what());
        return false;
    }
}

void ConfigForm::chooseLoadFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load configuration"), lastDirectory_,
                                                      tr("Configurations (*.json);;All files (*)"));
    if (path.isEmpty()) return;
    lastDirectory_ = QFileInfo(path).absolutePath();
    QString error;
    if (!loadFile(path, &error)) QMessageBox::warning(this, tr("Cannot load configuration"), error);
}

void ConfigForm::chooseSaveFile()
{
    const QString suggested =
        QDir(lastDirectory_)
            .filePath((config_.run.name.empty() ? fromStd(config_.preset) : fromStd(config_.run.name)) +
                      QStringLiteral(".json"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Save configuration"), suggested,
                                                      tr("Configurations (*.json);;All files (*)"));
    if (path.isEmpty()) return;
    lastDirectory_ = QFileInfo(path).absolutePath();
    QString error;
    if (!saveFile(path, &error)) QMessageBox::warning(this, tr("Cannot save configuration"), error);
}

void ConfigForm::browseCorpus()
{
    CorpusPreviewDialog dialog(this);
    dialog.setFrom(config_.data);
    if (dialog.exec() != QDialog::Accepted) return;
    RunConfig chosen = config_;
    dialog.applyTo(chosen.data);

    showingValues_ = true;
    for (const char* name : kCorpusDialogKeys) {
        const Row& row = rows_[QString::fromLatin1(name)];
        row.key->set(config_, row.key->get(chosen));
        parseErrors_.erase(row.key->name);
        showValue(row, row.key->get(config_));
    }
    showingValues_ = false;
    revalidate();
    emit configChanged();
}

}  // namespace megatoken
