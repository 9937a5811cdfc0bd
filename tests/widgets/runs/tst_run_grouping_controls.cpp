// widgets/runs/RunGroupingControls: the dashboard's choice of group-by key and band.
#include "widgets/runs/RunGroupingControls.h"

#include <QApplication>
#include <QComboBox>
#include <QInputDialog>
#include <QSignalSpy>
#include <QTimer>
#include <QtTest>

using namespace megatoken;

class TestRunGroupingControls : public QObject {
    Q_OBJECT

private slots:
    void offByDefaultAndSeedsOneKeyAway()
    {
        RunGroupingControls controls;
        auto* groups = controls.findChild<QComboBox*>(QStringLiteral("groupCombo"));
        auto* bands = controls.findChild<QComboBox*>(QStringLiteral("bandCombo"));
        QVERIFY(groups && bands);
        QCOMPARE(controls.groupBy(), QStringList());
        QVERIFY(!bands->isEnabled());  // no groups, no band
        QSignalSpy changed(&controls, &RunGroupingControls::groupingChanged);

        QTest::keyClick(groups, Qt::Key_Down);
        QCOMPARE(controls.groupBy(), QStringList{QStringLiteral("optim.seed")});
        QCOMPARE(changed.count(), 1);
        QVERIFY(bands->isEnabled());

        QTest::keyClick(bands, Qt::Key_Down);
        QCOMPARE(controls.band(), BandKind::StandardDeviation);
        QCOMPARE(changed.count(), 2);
    }

    void otherKeyAsksWhichAndRemembersIt()
    {
        RunGroupingControls controls;
        auto* groups = controls.findChild<QComboBox*>(QStringLiteral("groupCombo"));
        QSignalSpy changed(&controls, &RunGroupingControls::groupingChanged);
        const auto answer = [](const QString& key) {
            QTimer::singleShot(0, [key] {
                auto* dialog = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
                QVERIFY(dialog);
                if (key.isEmpty()) {
                    dialog->reject();
                } else {
                    dialog->setTextValue(key);
                    dialog->accept();
                }
            });
        };
        answer(QStringLiteral("gates.merge"));
        groups->setCurrentIndex(2);
        emit groups->activated(2);  // "Other key…"
        QCOMPARE(controls.groupBy(), QStringList{QStringLiteral("gates.merge")});
        QCOMPARE(changed.count(), 1);
        QCOMPARE(groups->currentText(), QStringLiteral("gates.merge"));

        // Cancelled: the choice before stays, and nothing changed.
        answer(QString());
        const int other = groups->count() - 1;
        groups->setCurrentIndex(other);
        emit groups->activated(other);
        QCOMPARE(controls.groupBy(), QStringList{QStringLiteral("gates.merge")});
        QCOMPARE(changed.count(), 1);
    }

    void setGroupingShowsWithoutSignal()
    {
        RunGroupingControls controls;
        QSignalSpy changed(&controls, &RunGroupingControls::groupingChanged);
        controls.setGrouping({QStringLiteral("loss.target_keep")}, BandKind::ConfidenceInterval);
        QCOMPARE(controls.groupBy(), QStringList{QStringLiteral("loss.target_keep")});
        QCOMPARE(controls.band(), BandKind::ConfidenceInterval);
        controls.setGrouping({QStringLiteral("no.such_key")}, BandKind::MinMax);  // e.g. old settings
        QCOMPARE(controls.groupBy(), QStringList());
        QCOMPARE(changed.count(), 0);
    }

    void keysThatOnlyPlaceARunAreNotOffered()
    {
        const QStringList keys = RunGroupingControls::groupableKeys();
        QVERIFY(keys.contains(QStringLiteral("optim.seed")));
        QVERIFY(keys.contains(QStringLiteral("gates.merge")));
        for (const char* placement : {"run.name", "run.runs_directory", "run.threads", "preset"})
            QVERIFY2(!keys.contains(QLatin1String(placement)), placement);
    }
};

QTEST_MAIN(TestRunGroupingControls)
#include "tst_run_grouping_controls.moc"
