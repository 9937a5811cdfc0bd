// The Hyperparameters tab: table, parallel coordinates and scatter share one selection; the main
// window links it to the run table.
#include "app/gui/HyperparameterPanel.h"
#include "widgets/plot/ParallelCoordinatesPlot.h"
#include "widgets/runs/HyperparameterModel.h"

#include "support/TestFiles.h"

#include <QtTest>
#include <QtWidgets>

#include <qcustomplot.h>

using namespace megatoken;

namespace {

// The shared fixture writer (support/TestFiles.h: creates the folders, stops the test on failure).
bool writeText(const QString& path, const QByteArray& text)
{
    megatoken::test::writeFile(path.toStdString(), text.toStdString());
    return true;
}

}  // namespace

class TestHyperparameterPanel : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(runs_.isValid());
        const char* const header = "step,accuracy_hard,hard_keep,bleu_free\n";
        QVERIFY(writeText(runs_.filePath("a/config.json"), R"({"preset": "tiny", "run": {"name": "a"}})"));
        QVERIFY(writeText(runs_.filePath("a/eval.csv"), QByteArray(header) + "2000,0.8,0.58,45\n"));
        QVERIFY(writeText(runs_.filePath("b/config.json"),
                          R"({"preset": "tiny", "gates": {"merge": "left"}, "run": {"name": "b"}})"));
        QVERIFY(writeText(runs_.filePath("b/eval.csv"), QByteArray(header) + "2000,0.7,0.5,30\n"));
        QVERIFY(writeText(runs_.filePath("c/config.json"),
                          R"({"preset": "tiny", "gates": {"rule": "first-k"}, "run": {"name": "c"}})"));
        QVERIFY(writeText(runs_.filePath("c/eval.csv"), QByteArray(header) + "2000,0.75,0.53,51\n"));
    }

    void axesAndLinkedSelection()
    {
        HyperparameterPanel panel;
        panel.setRunDirectories({runs_.filePath("a"), runs_.filePath("b"), runs_.filePath("c")});
        // The varying keys, then keep, BLEU and hard accuracy (which colours the lines).
        QCOMPARE(panel.axisColumns(),
                 (QStringList{"gates.rule", "gates.merge", "hard_keep", "bleu_free", "accuracy_hard"}));
        ParallelCoordinatesPlot* parallel = panel.parallelPlot();
        QCOMPARE(parallel->axisCount(), 5);
        QCOMPARE(parallel->rowCount(), 3);
        // Hard accuracy 0.8, 0.7, 0.75: top, bottom, middle.
        QCOMPARE(parallel->position(0, 4), 1.0);
        QCOMPARE(parallel->position(1, 4), 0.0);
        QVERIFY(std::abs(parallel->position(2, 4) - 0.5) < 1e-12);

        // Selecting from outside (the run table) highlights without echoing back.
        QSignalSpy changed(&panel, &HyperparameterPanel::selectionChanged);
        panel.selectRunDirectories({runs_.filePath("b")});
        QCOMPARE(changed.count(), 0);
        QCOMPARE(parallel->highlightedRows(), (QSet<int>{1}));
        QCOMPARE(panel.scatterPlot()->plottableCount(), 2);  // the points and the selection rings

        // Clicking a line selects its run (Ctrl adds), and the selection goes out.
        emit parallel->rowClicked(2, true);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.last()[0].toStringList(), (QStringList{runs_.filePath("b"), runs_.filePath("c")}));
        QCOMPARE(parallel->highlightedRows(), (QSet<int>{1, 2}));
        emit parallel->rowClicked(0, false);
        QCOMPARE(changed.last()[0].toStringList(), (QStringList{runs_.filePath("a")}));

        // Chosen axes stay when the runs are read again; the selection too.
        panel.setAxisColumns({"optim.lr", "accuracy_hard"});
        panel.setRunDirectories({runs_.filePath("a"), runs_.filePath("b"), runs_.filePath("c")});
        QCOMPARE(parallel->axisCount(), 2);
        QCOMPARE(panel.selectedRunDirectories(), (QStringList{runs_.filePath("a")}));
    }

    void scatterOfAnyColumns()
    {
        HyperparameterPanel panel;
        panel.setRunDirectories({runs_.filePath("a"), runs_.filePath("b"), runs_.filePath("c")});
        panel.setScatterColumns(QStringLiteral("bleu_free"), QStringLiteral("gates.rule"));
        auto* points = qobject_cast<QCPCurve*>(panel.scatterPlot()->plottable(0));
        QVERIFY(points);
        QCOMPARE(points->dataCount(), 3);
        // x: BLEU 45, 30, 51; y: gates.rule categories sorted (first-k 0, learned 1).
        auto it = points->data()->constBegin();
        QCOMPARE(it->key, 45.0);
        QCOMPARE(it->value, 1.0);
        ++it;
        ++it;
        QCOMPARE(it->key, 51.0);
        QCOMPARE(it->value, 0.0);
    }

private:
    QTemporaryDir runs_;
};

QTEST_MAIN(TestHyperparameterPanel)
#include "tst_hyperparameter_panel.moc"
