// The settings form generated from the key table, and the corpus chooser with its preview.
#include "widgets/config/ConfigForm.h"
#include "widgets/config/CorpusPreviewDialog.h"

#include "core/config/ConfigKeys.h"
#include "core/config/Presets.h"
#include "core/config/RunConfigJson.h"

#include <QtTest>
#include <QtWidgets>

using namespace megatoken;

namespace {

bool writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

QString jsonText(const RunConfig& config)
{
    return QString::fromStdString(configJsonText(config));
}

bool isMarkedInvalid(const QWidget* editor)
{
    return editor && editor->property("invalid").toBool() && !editor->styleSheet().isEmpty();
}

QString issuesLabelText(const ConfigForm& form)
{
    const auto* label = form.findChild<QLabel*>(QStringLiteral("issuesLabel"));
    return label && !label->isHidden() ? label->text() : QString();
}

}  // namespace

class TestConfigForm : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // The default corpus caches its parsed texts: keep that out of the user's cache.
        QVERIFY(cacheDir_.isValid());
        qputenv("MEGATOKEN_CACHE_DIR", cacheDir_.path().toUtf8());
    }

    void hasOneTabPerGroupAndAnEditorPerKey()
    {
        ConfigForm form;
        const auto* tabs = form.findChild<QTabWidget*>(QStringLiteral("configTabs"));
        QVERIFY(tabs);
        QCOMPARE(tabs->count(), int(configGroups().size()));
        for (int i = 0; i < tabs->count(); ++i)
            QCOMPARE(tabs->tabText(i), QString::fromStdString(configGroups()[std::size_t(i)].title));

        for (const ConfigKey& key : configKeys()) {
            QWidget* editor = form.editorFor(QString::fromStdString(key.name));
            QVERIFY2(editor, key.name.c_str());
            switch (key.type) {
                case ConfigValueType::Bool: QVERIFY(qobject_cast<QCheckBox*>(editor)); break;
                case ConfigValueType::Enum: QVERIFY(qobject_cast<QComboBox*>(editor)); break;
                default: QVERIFY(qobject_cast<QLineEdit*>(editor)); break;
            }
            QVERIFY2(editor->toolTip().contains(QString::fromStdString(key.help)), key.name.c_str());
            QVERIFY2(editor->toolTip().contains(QStringLiteral("Default: ")), key.name.c_str());
            if (key.range.isBounded())
                QVERIFY(editor->toolTip().contains(QStringLiteral("Range: ") +
                                                   QString::fromStdString(key.range.describe())));
        }
        QVERIFY(!form.editorFor(QStringLiteral("gates.tua")));
        QVERIFY(form.isValid());
    }

    void presetRoundTrip_data()
    {
        QTest::addColumn<QString>("name");
        for (const std::string& name : presetNames()) QTest::newRow(name.c_str()) << QString::fromStdString(name);
    }

    void presetRoundTrip()
    {
        QFETCH(QString, name);
        const RunConfig original = preset(name.toStdString());
        ConfigForm form;
        form.setConfig(original);
        QVERIFY(form.isValid());
        QCOMPARE(jsonText(form.config()), jsonText(original));

        // Every editor's text, typed back in, means the same value.
        for (const ConfigKey& key : configKeys()) {
            const QString keyName = QString::fromStdString(key.name);
            if (auto* edit = qobject_cast<QLineEdit*>(form.editorFor(keyName))) form.setKeyText(keyName, edit->text());
        }
        QVERIFY(form.isValid());
        QCOMPARE(jsonText(form.config()), jsonText(original));

        // JSON text -> a second form.
        ConfigForm second;
        second.setConfig(parseConfigText(configJsonText(form.config()), "form"));
        QCOMPARE(jsonText(second.config()), jsonText(original));
    }

    void choosingPresetLoadsIt()
    {
        ConfigForm form;
        QSignalSpy presetSpy(&form, &ConfigForm::presetChanged);
        form.setKeyText(QStringLiteral("gates.tau"), QStringLiteral("0.25"));
        form.setKeyText(QStringLiteral("preset"), QStringLiteral("small"));
        QCOMPARE(presetSpy.count(), 1);
        QCOMPARE(presetSpy.front().front().toString(), QStringLiteral("small"));
        QCOMPARE(jsonText(form.config()), jsonText(preset("small")));
        QCOMPARE(qobject_cast<QComboBox*>(form.editorFor(QStringLiteral("preset")))->currentText(),
                 QStringLiteral("small"));
    }

    void invalidValues_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");

        QTest::newRow("out of range") << "gates.tau"
                                      << "-1"
                                      << "gates.tau: must be > 0 (got -1)";
        QTest::newRow("not an integer") << "model.d_model"
                                        << "abc"
                                        << "model.d_model: expected an integer, got \"abc\"";
        QTest::newRow("fraction for integer") << "data.batch_size"
                                              << "1.5"
                                              << "data.batch_size: expected an integer";
        QTest::newRow("trailing junk") << "optim.lr"
                                       << "1e-3x"
                                       << "optim.lr: expected a number";
        QTest::newRow("empty number") << "loss.lambda"
                                      << ""
                                      << "loss.lambda: expected a number";
        QTest::newRow("cross-key rule") << "data.min_tokens"
                                        << "1000"
                                        << "data.min_tokens: must be <= data.max_tokens";
        QTest::newRow("negative seed") << "optim.seed"
                                       << "-3"
                                       << "optim.seed:";
        QTest::newRow("bad device") << "run.device"
                                    << "gpu"
                                    << "run.device:";
    }

    void invalidValues()
    {
        QFETCH(QString, key);
        QFETCH(QString, text);
        QFETCH(QString, message);

        ConfigForm form;
        QWidget* editor = form.editorFor(key);
        const QString original = qobject_cast<QLineEdit*>(editor)->text();
        const QString before = jsonText(form.config());
        QSignalSpy validity(&form, &ConfigForm::validityChanged);

        form.setKeyText(key, text);
        QVERIFY(!form.isValid());
        QVERIFY(isMarkedInvalid(editor));
        QCOMPARE(validity.count(), 1);
        QCOMPARE(validity.back().front().toBool(), false);
        QVERIFY(!form.issues().empty());
        QCOMPARE(QString::fromStdString(form.issues().front().key), key);
        QVERIFY2(issuesLabelText(form).startsWith(message), qPrintable(issuesLabelText(form)));
        QVERIFY(editor->toolTip().contains(QString::fromStdString(form.issues().front().message)));

        form.setKeyText(key, original);
        QVERIFY(form.isValid());
        QVERIFY(!isMarkedInvalid(editor));
        QCOMPARE(validity.count(), 2);
        QCOMPARE(validity.back().front().toBool(), true);
        QVERIFY(issuesLabelText(form).isEmpty());
        QCOMPARE(jsonText(form.config()), before);
    }

    void unparsableFieldKeepsLastGoodValue()
    {
        ConfigForm form;
        form.setKeyText(QStringLiteral("model.d_model"), QStringLiteral("128"));
        form.setKeyText(QStringLiteral("model.d_model"), QStringLiteral("12a"));
        QCOMPARE(form.config().model.dModel, 128);
        QCOMPARE(form.issues().size(), std::size_t(1));
    }

    void switchesAndChoices()
    {
        ConfigForm form;
        QSignalSpy changed(&form, &ConfigForm::configChanged);
        form.setKeyText(QStringLiteral("data.lowercase"), QStringLiteral("on"));
        QVERIFY(form.config().data.lowercase);
        QVERIFY(qobject_cast<QCheckBox*>(form.editorFor(QStringLiteral("data.lowercase")))->isChecked());
        QCOMPARE(form.config().optim.schedule, LearningRateSchedule::Cosine);  // the tiny default
        form.setKeyText(QStringLiteral("optim.schedule"), QStringLiteral("Constant"));
        QCOMPARE(form.config().optim.schedule, LearningRateSchedule::Constant);
        QCOMPARE(changed.count(), 2);
    }

    void loadAndSaveFiles()
    {
        QTemporaryDir temp;
        const QString path = temp.filePath(QStringLiteral("run.json"));
        ConfigForm form;
        form.setConfig(preset("small"));
        form.setKeyText(QStringLiteral("gates.tau"), QStringLiteral("0.5"));
        form.setKeyText(QStringLiteral("data.corpus"), QStringLiteral("reviews.csv"));
        QString error;
        QVERIFY2(form.saveFile(path, &error), qPrintable(error));
        const RunConfig saved = form.config();

        ConfigForm other;
        QSignalSpy presetSpy(&other, &ConfigForm::presetChanged);
        QVERIFY2(other.loadFile(path, &error), qPrintable(error));
        QCOMPARE(jsonText(other.config()), jsonText(saved));
        QCOMPARE(presetSpy.count(), 1);

        // A field that does not parse: nothing is saved.
        form.setKeyText(QStringLiteral("gates.tau"), QStringLiteral("x"));
        const QString refused = temp.filePath(QStringLiteral("refused.json"));
        QVERIFY(!form.saveFile(refused, &error));
        QVERIFY2(error.startsWith(refused) && error.contains(QStringLiteral("gates.tau")), qPrintable(error));
        QVERIFY(!QFile::exists(refused));

        const QString unwritable = temp.filePath(QStringLiteral("missing-folder/run.json"));
        QVERIFY(!other.saveFile(unwritable, &error));
        QVERIFY2(error.contains(unwritable), qPrintable(error));
    }

    void loadErrorsNameTheFile_data()
    {
        QTest::addColumn<QByteArray>("contents");  // empty: no file at all
        QTest::addColumn<QString>("problem");
        QTest::newRow("syntax error") << QByteArray("{\"preset\": \"tiny\", \"gates\": {\"tau\": }") << "";
        QTest::newRow("unknown key") << QByteArray("{\"gates\": {\"tua\": 1}}") << "gates.tua";
        QTest::newRow("wrong type") << QByteArray("{\"model\": {\"d_model\": \"big\"}}") << "model.d_model";
        QTest::newRow("missing file") << QByteArray() << "";
    }

    void loadErrorsNameTheFile()
    {
        QFETCH(QByteArray, contents);
        QFETCH(QString, problem);
        QTemporaryDir temp;
        const QString path = temp.filePath(QStringLiteral("broken.json"));
        if (!contents.isEmpty()) QVERIFY(writeBytes(path, contents));

        ConfigForm form;
        form.setConfig(preset("small"));
        QSignalSpy changed(&form, &ConfigForm::configChanged);
        QString error;
        QVERIFY(!form.loadFile(path, &error));
        QVERIFY2(error.startsWith(path), qPrintable(error));
        QVERIFY2(error.contains(problem), qPrintable(error));
        QCOMPARE(changed.count(), 0);
        QCOMPARE(jsonText(form.config()), jsonText(preset("small")));
    }

    void advancedToggle()
    {
        ConfigForm form;
        form.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form));
        const ConfigKey* advancedKey = nullptr;
        const ConfigKey* plainKey = nullptr;
        for (const ConfigKey& key : configKeys()) {
            if (key.advanced && !advancedKey) advancedKey = &key;
            if (!key.advanced && !key.group.empty() && !plainKey) plainKey = &key;
        }
        QVERIFY(advancedKey && plainKey);
        QWidget* advancedEditor = form.editorFor(QString::fromStdString(advancedKey->name));
        QWidget* plainEditor = form.editorFor(QString::fromStdString(plainKey->name));

        QVERIFY(!form.showsAdvanced());
        QVERIFY(advancedEditor->isHidden());
        QVERIFY(!plainEditor->isHidden());
        auto* toggle = form.findChild<QCheckBox*>(QStringLiteral("advancedCheck"));
        QVERIFY(toggle);
        toggle->click();
        QVERIFY(form.showsAdvanced());
        QVERIFY(!advancedEditor->isHidden());
        form.setShowAdvanced(false);
        QVERIFY(advancedEditor->isHidden());
    }

    void readOnlyDuringRun()
    {
        ConfigForm form;
        form.setReadOnly(true);
        QVERIFY(form.isReadOnly());
        QVERIFY(qobject_cast<QLineEdit*>(form.editorFor(QStringLiteral("gates.tau")))->isReadOnly());
        QVERIFY(!form.editorFor(QStringLiteral("gates.form"))->isEnabled());
        QVERIFY(!form.editorFor(QStringLiteral("data.lowercase"))->isEnabled());
        QVERIFY(!form.editorFor(QStringLiteral("preset"))->isEnabled());
        QVERIFY(!form.findChild<QPushButton*>(QStringLiteral("loadButton"))->isEnabled());
        QVERIFY(!form.findChild<QPushButton*>(QStringLiteral("browseCorpusButton"))->isEnabled());
        QVERIFY(form.findChild<QPushButton*>(QStringLiteral("saveButton"))->isEnabled());
        form.setReadOnly(false);
        QVERIFY(!qobject_cast<QLineEdit*>(form.editorFor(QStringLiteral("gates.tau")))->isReadOnly());
        QVERIFY(form.editorFor(QStringLiteral("gates.form"))->isEnabled());
    }

    void browseCorpusAppliesDialog()
    {
        QTemporaryDir temp;
        const QString csv = temp.filePath(QStringLiteral("reviews.csv"));
        QVERIFY(writeBytes(csv, "id,review\n1,Great food\n2,Slow service\n"));

        ConfigForm form;
        form.setKeyText(QStringLiteral("data.corpus"), csv);
        bool sawDialog = false;
        QTimer::singleShot(0, this, [&] {
            auto* dialog = qobject_cast<CorpusPreviewDialog*>(QApplication::activeModalWidget());
            if (!dialog) return;
            sawDialog = true;
            dialog->setColumn(QStringLiteral("review"));
            dialog->setLowercase(true);
            dialog->accept();
        });
        form.findChild<QPushButton*>(QStringLiteral("browseCorpusButton"))->click();
        QVERIFY(sawDialog);
        QCOMPARE(form.config().data.corpus, csv.toStdString());
        QCOMPARE(form.config().data.column, std::string("review"));
        QVERIFY(form.config().data.lowercase);
        QCOMPARE(qobject_cast<QLineEdit*>(form.editorFor(QStringLiteral("data.column")))->text(),
                 QStringLiteral("review"));
        QVERIFY(form.isValid());
    }

    void previewCsvColumnFromHeader()
    {
        QTemporaryDir temp;
        const QString csv = temp.filePath(QStringLiteral("reviews.csv"));
        QVERIFY(writeBytes(csv, "id,review,stars\n1,Great food,5\n2,\"Slow, but friendly\",3\n"));

        CorpusPreviewDialog dialog;
        dialog.setPath(csv);
        QCOMPARE(dialog.availableColumns(), (QStringList{"id", "review", "stars"}));
        // No "text" column and several to choose from: the reader asks for one.
        QVERIFY2(dialog.errorText().startsWith(csv + QStringLiteral(":1: no column named 'text'")),
                 qPrintable(dialog.errorText()));
        QVERIFY(dialog.previewTexts().isEmpty());

        dialog.setColumn(QStringLiteral("review"));
        QCOMPARE(dialog.errorText(), QString());
        QCOMPARE(dialog.previewTexts(), (QStringList{"Great food", "Slow, but friendly"}));
        dialog.setLowercase(true);
        QCOMPARE(dialog.previewTexts().front(), QStringLiteral("great food"));

        DataConfig data;
        dialog.applyTo(data);
        QCOMPARE(data.corpus, csv.toStdString());
        QCOMPARE(data.format, std::string("auto"));
        QCOMPARE(data.column, std::string("review"));
        QVERIFY(data.lowercase);

        CorpusPreviewDialog restored;
        restored.setFrom(data);
        QCOMPARE(restored.column(), QStringLiteral("review"));
        QCOMPARE(restored.previewTexts(), (QStringList{"great food", "slow, but friendly"}));
    }

    void previewTsvWithExplicitFormat()
    {
        QTemporaryDir temp;
        const QString tsv = temp.filePath(QStringLiteral("corpus.data"));
        QVERIFY(writeBytes(tsv, "text\tlabel\nfirst line\ta\nsecond line\tb\n"));
        CorpusPreviewDialog dialog;
        dialog.setPath(tsv);
        QVERIFY2(dialog.errorText().contains(QStringLiteral("cannot tell the format")), qPrintable(dialog.errorText()));
        dialog.setFormat(QStringLiteral("tsv"));
        QCOMPARE(dialog.availableColumns(), (QStringList{"text", "label"}));
        QCOMPARE(dialog.previewTexts(), (QStringList{"first line", "second line"}));
        QCOMPARE(dialog.errorText(), QString());
    }

    void previewJsonlField()
    {
        QTemporaryDir temp;
        const QString jsonl = temp.filePath(QStringLiteral("reviews.jsonl"));
        QByteArray lines;
        for (int i = 0; i < 30; ++i)
            lines +=
                "{\"id\": " + QByteArray::number(i) + ", \"body\": \"review number " + QByteArray::number(i) + "\"}\n";
        QVERIFY(writeBytes(jsonl, lines));

        CorpusPreviewDialog dialog;
        dialog.setPath(jsonl);
        QVERIFY(dialog.availableColumns().isEmpty());
        QVERIFY2(dialog.errorText().contains(jsonl), qPrintable(dialog.errorText()));

        dialog.setField(QStringLiteral("body"));
        QCOMPARE(dialog.errorText(), QString());
        QCOMPARE(dialog.previewTexts().size(), CorpusPreviewDialog::kPreviewTexts);
        QCOMPARE(dialog.previewTexts().front(), QStringLiteral("review number 0"));
        QCOMPARE(dialog.field(), QStringLiteral("body"));
    }

    void previewProblemsNameTheFile_data()
    {
        QTest::addColumn<QByteArray>("contents");  // empty: no file
        QTest::addColumn<QString>("problem");
        QTest::newRow("missing file") << QByteArray() << "";
        QTest::newRow("invalid UTF-8") << QByteArray("good line\nbad \xff\xfe line\n") << ":2: invalid UTF-8";
        QTest::newRow("only blank lines") << QByteArray("\n  \n\n") << "";
    }

    void previewProblemsNameTheFile()
    {
        QFETCH(QByteArray, contents);
        QFETCH(QString, problem);
        QTemporaryDir temp;
        const QString path = temp.filePath(QStringLiteral("corpus.txt"));
        if (!contents.isEmpty()) QVERIFY(writeBytes(path, contents));

        CorpusPreviewDialog dialog;
        dialog.setPath(path);
        QVERIFY2(dialog.errorText().startsWith(path + problem), qPrintable(dialog.errorText()));
        const auto* label = dialog.findChild<QLabel*>(QStringLiteral("problemLabel"));
        QVERIFY(label && !label->isHidden());
        QCOMPARE(label->text(), dialog.errorText());
    }

    void defaultCorpusIsExplained()
    {
        CorpusPreviewDialog dialog;
        dialog.setPath(QString());
        const auto* source = dialog.findChild<QLabel*>(QStringLiteral("sourceLabel"));
        QVERIFY(source->text().contains(QStringLiteral("WordNet")));
        if (!QFileInfo::exists(QStringLiteral("/usr/share/wordnet/data.noun")))
            QSKIP("WordNet is not installed: the preview shows why instead");
        QCOMPARE(dialog.errorText(), QString());
        QCOMPARE(dialog.previewTexts().size(), CorpusPreviewDialog::kPreviewTexts);
    }

private:
    QTemporaryDir cacheDir_;
};

QTEST_MAIN(TestConfigForm)
#include "tst_config_form.moc"
