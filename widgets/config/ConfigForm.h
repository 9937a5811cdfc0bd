#pragma once
// The run settings as a form, generated from the key table (core/config/ConfigKeys.h): a preset
// chooser, Load/Save, then one tab per key group with one editor per key. Every edit is parsed
// and validated at once; a field that does not parse or breaks a rule gets a red frame and its
// message is listed under the tabs, so a run can only start from a configuration that is valid.

#include <map>
#include <string>
#include <vector>

#include <QHash>
#include <QString>
#include <QWidget>

#include "core/config/ConfigIssue.h"
#include "core/config/ConfigKeys.h"
#include "core/config/RunConfig.h"

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QPushButton;
class QTabWidget;

namespace megatoken {

class ConfigForm : public QWidget {
    Q_OBJECT

public:
    explicit ConfigForm(QWidget* parent = nullptr);

    // Shows config in every editor, dropping half-typed text; emits configChanged(), and
    // presetChanged() when config.preset differs from the preset shown.
    void setConfig(const RunConfig& config);
    // The configuration the editors hold. A field whose text does not parse keeps its last good
    // value here; issues() reports it.
    RunConfig config() const;

    // Fields that do not parse (in table order), then validate()'s issues for the other fields.
    std::vector<ConfigIssue> issues() const;
    bool isValid() const;

    // The editor of a key ("gates.tau"; "preset" is the preset chooser): a QLineEdit for
    // numbers and strings, a QComboBox for choices, a QCheckBox for switches; nullptr for an
    // unknown key.
    QWidget* editorFor(const QString& key) const;
    // Puts text into a key's editor as if the user had typed or chosen it: a line edit takes it
    // as is, a combo box selects the matching choice, a check box reads true/false/on/off/1/0.
    void setKeyText(const QString& key, const QString& text);

    // While a run trains from this configuration: nothing that changes it can be used; Save
    // and the advanced switch still work.
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return readOnly_; }

    // Shows or hides the rows of keys marked advanced in the table.
    void setShowAdvanced(bool show);
    bool showsAdvanced() const;

    // loadConfigFile()/saveConfigFile() with the error (naming the file) in *error; error may be
    // null. Saving refuses while a field does not parse, since the file would not hold what the
    // form shows.
    bool loadFile(const QString& path, QString* error);
    bool saveFile(const QString& path, QString* error);

signals:
    void configChanged();
    void validityChanged(bool valid);
    void presetChanged(const QString& preset);

private:
    struct Row {
        const ConfigKey* key = nullptr;
        QWidget* editor = nullptr;
        QWidget* field = nullptr;  // what the form layout holds: the editor, or it with a button
        QFormLayout* layout = nullptr;
        QString toolTip;
    };

    void buildTopRow();
    void buildTabs();
    QWidget* makeEditor(const ConfigKey& key);
    QString toolTipFor(const ConfigKey& key) const;

    void showValue(const Row& row, const nlohmann::json& value);
    void onEdited(const QString& keyName);
    void onPresetChosen(int index);
    void revalidate();
    void updateRowVisibility();
    void browseCorpus();
    void chooseLoadFile();
    void chooseSaveFile();

    RunConfig config_;
    std::map<std::string, std::string> parseErrors_;  // key -> why its text does not parse
    std::vector<ConfigIssue> issues_;
    bool valid_ = true;
    bool readOnly_ = false;
    bool showingValues_ = false;  // editors are being filled by code, not by the user
    QString lastDirectory_;

    QHash<QString, Row> rows_;
    QComboBox* presetCombo_ = nullptr;
    QPushButton* loadButton_ = nullptr;
    QPushButton* saveButton_ = nullptr;
    QPushButton* browseCorpusButton_ = nullptr;
    QCheckBox* advancedCheck_ = nullptr;
    QFormLayout* topLayout_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    QLabel* issuesLabel_ = nullptr;
};

}  // namespace megatoken
