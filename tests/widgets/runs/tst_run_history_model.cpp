// The run history: the table over a runs folder, its sorting, selection, signals and export.
#include "widgets/runs/RunHistoryModel.h"
#include "widgets/runs/RunHistoryView.h"

#include "core/runs/RunStatus.h"

#include <QtTest>
#include <QtWidgets>

#include <cmath>

using namespace megatoken;

namespace {

bool writeText(const QString& path, const QByteArray& text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text) == text.size();
}

// A run directory whose config says totalSteps, created hoursAgo.
QString makeRun(const QString& runsDir, const QString& name, int totalSteps, int hoursAgo, const QByteArray& metrics,
                const QByteArray& eval = {})
{
    const QString run = QDir(runsDir).filePath(name);
    const QString config = run + QStringLiteral("/config.json");
    writeText(config, "{\"preset\": \"small\", \"optim\": {\"steps\": " + QByteArray::number(totalSteps) + "}}\n");
    QFile file(config);
    file.open(QIODevice::ReadWrite);
    file.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-3600 * hoursAgo), QFileDevice::FileModificationTime);
    if (!metrics.isEmpty()) writeText(run + QStringLiteral("/metrics.csv"), metrics);
    if (!eval.isEmpty()) writeText(run + QStringLiteral("/eval.csv"), eval);
    return run;
}

QStringList column(const QAbstractItemModel& model, int column, int role = Qt::DisplayRole)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row) values << model.index(row, column).data(role).toString();
    return values;
}

QPushButton* button(const QWidget& parent, const char* name)
{
    return parent.findChild<QPushButton*>(QString::fromLatin1(name));
}

}  // namespace

class TestRunHistory : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(runs_.isValid());
        QDir(runs_.path()).removeRecursively();
        QDir().mkpath(runs_.path());
        // newest: 1200 of 2000 steps, still training; middle: finished; oldest: broken metrics.
        newest_ =
            makeRun(runs_.path(), QStringLiteral("newest"), 2000, 1, "step,loss,hard_keep\n600,3,0.9\n1200,2,0.8\n",
                    "step,accuracy_hard,hard_keep\n600,0.5,0.85\n1200,0.8125,0.75\n");
        writeText(newest_ + QStringLiteral("/status.json"),
                  R"({"state": "running", "step": 1200, "total_steps": 2000})");
        middle_ = makeRun(runs_.path(), QStringLiteral("middle"), 100, 2, "step,loss,hard_keep\n50,3,0.9\n100,2,0.5\n",
                          "step,accuracy_hard,hard_keep\n100,0.9375,0.5\n");
        oldest_ = makeRun(runs_.path(), QStringLiteral("oldest"), 100, 3, "step,loss,hard_keep\n1,2,1\n2\n3,4,1\n");
    }

    void rowsAndColumns()
    {
        RunHistoryModel model;
        model.setRunsDirectory(runs_.path());
        QCOMPARE(model.runsDirectory(), runs_.path());
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(RunHistoryModel::ColumnCount));
        QCOMPARE(model.headerData(RunHistoryModel::Steps, Qt::Horizontal).toString(), QStringLiteral("Steps"));

        QCOMPARE(column(model, RunHistoryModel::Name), (QStringList{"newest", "middle", "oldest"}));
        QCOMPARE(column(model, RunHistoryModel::Preset), (QStringList{"small", "small", "small"}));
        QCOMPARE(column(model, RunHistoryModel::Steps), (QStringList{"1200 / 2000", "100 / 100", "0 / 100"}));
        // Accuracy and keep of one evaluation: the last. Best at target: the small preset's target
        // 0.5 (+ 0.05); newest never got there (0.85, 0.75), middle did at its only evaluation.
        QCOMPARE(column(model, RunHistoryModel::FinalAccuracy), (QStringList{"0.813", "0.938", "–"}));
        QCOMPARE(column(model, RunHistoryModel::FinalKeep), (QStringList{"0.750", "0.500", "–"}));
        QCOMPARE(column(model, RunHistoryModel::BestAtTarget), (QStringList{"–", "0.938 @ 0.500", "–"}));
        QCOMPARE(model.index(0, RunHistoryModel::FinalAccuracy).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("Evaluation at step 1200"));
        QVERIFY(model.index(0, RunHistoryModel::BestAtTarget)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .startsWith(QStringLiteral("No evaluation kept 0.55 or less")));
        QVERIFY(model.index(1, RunHistoryModel::BestAtTarget)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .startsWith(QStringLiteral("Evaluation at step 100: hard accuracy 0.938 at keep ratio 0.500")));
        QCOMPARE(column(model, RunHistoryModel::Status), (QStringList{"running", "completed", "incomplete"}));
        const QDateTime created = model.index(0, RunHistoryModel::Date).data(RunHistoryModel::SortRole).toDateTime();
        QVERIFY(qAbs(created.secsTo(QDateTime::currentDateTimeUtc().addSecs(-3600))) < 60);
        QCOMPARE(model.index(0, RunHistoryModel::Date).data().toString(),
                 created.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));

        QCOMPARE(QFileInfo(model.runDirectory(1)), QFileInfo(middle_));
        QCOMPARE(model.summary(1).totalSteps, std::int64_t(100));
        QCOMPARE(model.rowOfDirectory(middle_ + QStringLiteral("/")), 1);
        QCOMPARE(model.rowOfDirectory(runs_.filePath(QStringLiteral("none"))), -1);
        QCOMPARE(model.runDirectory(7), QString());

        // The broken run lists, with the reason as its tooltip.
        const QString tooltip = model.index(2, RunHistoryModel::Steps).data(Qt::ToolTipRole).toString();
        QVERIFY2(tooltip.contains(QStringLiteral("metrics.csv:3: expected 3 cells, got 1")), qPrintable(tooltip));
        QVERIFY(model.index(0, RunHistoryModel::Steps).data(Qt::ToolTipRole).toString().isEmpty());
    }

    void sortRoleHoldsNumbers()
    {
        RunHistoryModel model;
        model.setRunsDirectory(runs_.path());
        QCOMPARE(model.index(0, RunHistoryModel::Steps).data(RunHistoryModel::SortRole).toLongLong(), 1200LL);
        QCOMPARE(model.index(1, RunHistoryModel::FinalAccuracy).data(RunHistoryModel::SortRole).toDouble(), 0.9375);
        const double missing =
            model.index(2, RunHistoryModel::FinalAccuracy).data(RunHistoryModel::SortRole).toDouble();
        QVERIFY(!std::isnan(missing) && missing < 0);

        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(RunHistoryModel::SortRole);
        proxy.sort(RunHistoryModel::FinalAccuracy, Qt::DescendingOrder);
        QCOMPARE(column(proxy, RunHistoryModel::Name), (QStringList{"middle", "newest", "oldest"}));
        proxy.sort(RunHistoryModel::Steps, Qt::AscendingOrder);
        QCOMPARE(column(proxy, RunHistoryModel::Name), (QStringList{"oldest", "middle", "newest"}));
        proxy.sort(RunHistoryModel::Date, Qt::AscendingOrder);
        QCOMPARE(column(proxy, RunHistoryModel::Name), (QStringList{"oldest", "middle", "newest"}));
    }

    void refreshAndMissingFolder()
    {
        RunHistoryModel model;
        model.setRunsDirectory(runs_.filePath(QStringLiteral("no-such-folder")));
        QCOMPARE(model.rowCount(), 0);
        model.setRunsDirectory(runs_.path());
        makeRun(runs_.path(), QStringLiteral("fresh"), 10, 0, {});
        QCOMPARE(model.rowCount(), 3);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.refresh();
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.index(0, RunHistoryModel::Name).data().toString(), QStringLiteral("fresh"));
    }

    void selectionDrivesButtonsAndSignals()
    {
        RunHistoryView view;
        QSignalSpy folderChanged(&view, &RunHistoryView::runsDirectoryChanged);
        view.setRunsDirectory(runs_.path());
        QCOMPARE(folderChanged.count(), 1);
        QCOMPARE(folderChanged.front().front().toString(), runs_.path());
        view.setRunsDirectory(runs_.path());
        QCOMPARE(folderChanged.count(), 1);
        QCOMPARE(view.model()->rowCount(), 3);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        QPushButton* open = button(view, "openButton");
        QPushButton* overlay = button(view, "overlayButton");
        QPushButton* exportCsv = button(view, "exportButton");
        QVERIFY(!open->isEnabled() && !overlay->isEnabled() && !exportCsv->isEnabled());

        QSignalSpy openSpy(&view, &RunHistoryView::openRequested);
        QSignalSpy overlaySpy(&view, &RunHistoryView::overlayRequested);

        view.selectRunDirectories({middle_});
        QCOMPARE(view.selectedRunDirectories(), QStringList{view.model()->runDirectory(1)});
        QVERIFY(open->isEnabled() && !overlay->isEnabled() && exportCsv->isEnabled());
        QTest::mouseClick(open, Qt::LeftButton);
        QCOMPARE(openSpy.count(), 1);
        QCOMPARE(openSpy.front().front().toStringList(), QStringList{view.model()->runDirectory(1)});

        view.selectRunDirectories({oldest_, newest_});
        // In the table's order: newest first.
        const QStringList both{view.model()->runDirectory(0), view.model()->runDirectory(2)};
        QCOMPARE(view.selectedRunDirectories(), both);
        QVERIFY(overlay->isEnabled());
        QTest::mouseClick(overlay, Qt::LeftButton);
        QCOMPARE(overlaySpy.count(), 1);
        QCOMPARE(overlaySpy.front().front().toStringList(), both);

        // A refresh keeps the selection.
        view.refresh();
        QCOMPARE(view.selectedRunDirectories(), both);

        // Double-click opens that one run.
        auto* table = view.findChild<QTableView*>(QStringLiteral("runTable"));
        const QModelIndex cell = table->model()->index(1, RunHistoryModel::Name);
        const QPoint centre = table->visualRect(cell).center();
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, centre);
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, centre);
        QCOMPARE(openSpy.count(), 2);
        QCOMPARE(openSpy.back().front().toStringList(),
                 QStringList{cell.data(RunHistoryModel::DirectoryRole).toString()});

        view.selectRunDirectories({});
        QVERIFY(!open->isEnabled() && !overlay->isEnabled());
    }

    void sortingInTheView()
    {
        RunHistoryView view;
        view.setRunsDirectory(runs_.path());
        auto* table = view.findChild<QTableView*>(QStringLiteral("runTable"));
        QCOMPARE(column(*table->model(), RunHistoryModel::Name), (QStringList{"newest", "middle", "oldest"}));
        table->sortByColumn(RunHistoryModel::FinalKeep, Qt::AscendingOrder);
        QCOMPARE(column(*table->model(), RunHistoryModel::Name), (QStringList{"oldest", "middle", "newest"}));
    }

    void followsTheFolder()
    {
        RunHistoryView view;
        view.setRunsDirectory(runs_.path());
        makeRun(runs_.path(), QStringLiteral("appeared"), 10, 0, {});
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 4, 5000);
    }

    void followsARunningRun()
    {
        RunHistoryView view;
        view.setRunsDirectory(runs_.path());
        const int row = view.model()->rowOfDirectory(newest_);
        QCOMPARE(view.model()->index(row, RunHistoryModel::Status).data().toString(), QStringLiteral("running"));

        // What the trainer does when it finishes: the last rows, then status.json (by rename).
        QFile metrics(newest_ + QStringLiteral("/metrics.csv"));
        QVERIFY(metrics.open(QIODevice::Append));
        metrics.write("2000,1,0.7\n");
        metrics.close();
        RunStatus status;
        status.state = "completed";
        status.step = status.totalSteps = 2000;
        writeRunStatus(newest_.toStdString(), status);

        QTRY_COMPARE_WITH_TIMEOUT(view.model()->index(row, RunHistoryModel::Status).data().toString(),
                                  QStringLiteral("completed"), 5000);
        QCOMPARE(view.model()->index(row, RunHistoryModel::Steps).data().toString(), QStringLiteral("2000 / 2000"));
    }

    void exportCsv()
    {
        RunHistoryView view;
        view.setRunsDirectory(runs_.path());
        QTemporaryDir out;
        const QString path = out.filePath(QStringLiteral("export.csv"));
        QString error;
        QVERIFY2(view.exportCsv({middle_}, path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()), QStringLiteral("run,step,metric,value\n"
                                                                   "middle,50,train/loss,3\n"
                                                                   "middle,50,train/hard_keep,0.9\n"
                                                                   "middle,100,train/loss,2\n"
                                                                   "middle,100,train/hard_keep,0.5\n"
                                                                   "middle,100,validation/accuracy_hard,0.9375\n"
                                                                   "middle,100,validation/hard_keep,0.5\n"));

        // The broken run: the error names its file and line, and no export is left behind.
        const QString failed = out.filePath(QStringLiteral("failed.csv"));
        QVERIFY(!view.exportCsv({middle_, oldest_}, failed, &error));
        QVERIFY2(error.contains(QStringLiteral("metrics.csv:3: expected 3 cells, got 1")), qPrintable(error));
        QVERIFY(error.startsWith(oldest_));
        QVERIFY(!QFile::exists(failed));
    }

private:
    QTemporaryDir runs_;
    QString newest_, middle_, oldest_;
};

QTEST_MAIN(TestRunHistory)
#include "tst_run_history_model.moc"
