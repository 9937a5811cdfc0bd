// Feedback: the cancel flag (shared with sub-ranges, visible across threads), progress clamping,
// sub-range mapping (nested too), messages, and how often the listener is called.
#include <QtTest>

#include <atomic>
#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include "core/feedback/Cancelled.h"
#include "core/feedback/Feedback.h"

using namespace megatoken;

class TestFeedback : public QObject {
    Q_OBJECT
private slots:
    void cancelIsSeenAndThrown()
    {
        Feedback feedback;
        QVERIFY(!feedback.isCancelled());
        feedback.throwIfCancelled();  // nothing yet
        feedback.cancel();
        feedback.cancel();  // idempotent
        QVERIFY(feedback.isCancelled());
        QVERIFY_THROWS_EXCEPTION(Cancelled, feedback.throwIfCancelled());
        try {
            feedback.throwIfCancelled();
        } catch (const std::runtime_error&) {
            QFAIL("Cancelled must not be a runtime_error: a stop is not a failure");
        } catch (const std::exception& e) {
            QCOMPARE(QString(e.what()), QString("cancelled"));
        }
    }

    void subRangesShareTheCancelFlag_data()
    {
        QTest::addColumn<int>("who");  // 0 cancels the parent, 1 the child, 2 the grandchild
        QTest::newRow("parent") << 0;
        QTest::newRow("child") << 1;
        QTest::newRow("grandchild") << 2;
    }
    void subRangesShareTheCancelFlag()
    {
        QFETCH(int, who);
        Feedback parent;
        Feedback child(parent, 0.2, 0.6);
        Feedback grandchild(child, 0.5, 1.0);
        Feedback* all[] = {&parent, &child, &grandchild};
        all[who]->cancel();
        for (Feedback* feedback : all) QVERIFY(feedback->isCancelled());
    }

    void progressIsClamped_data()
    {
        QTest::addColumn<double>("given");
        QTest::addColumn<double>("stored");
        QTest::newRow("inside") << 0.25 << 0.25;
        QTest::newRow("below") << -3.0 << 0.0;
        QTest::newRow("above") << 1.5 << 1.0;
        QTest::newRow("NaN is ignored") << std::nan("") << 0.5;
    }
    void progressIsClamped()
    {
        QFETCH(double, given);
        QFETCH(double, stored);
        Feedback feedback;
        feedback.setProgress(0.5);
        feedback.setProgress(given);
        QCOMPARE(feedback.progress(), stored);
    }

    void subRangeMapsOntoItsParent_data()
    {
        QTest::addColumn<double>("childFraction");
        QTest::addColumn<double>("parentFraction");
        QTest::addColumn<double>("rootFraction");
        // child: 0.3..0.8 of parent; grandchild: 0.5..1.0 of child.
        QTest::newRow("start") << 0.0 << 0.5 << 0.55;
        QTest::newRow("middle") << 0.5 << 0.75 << 0.675;
        QTest::newRow("end") << 1.0 << 1.0 << 0.8;
    }
    void subRangeMapsOntoItsParent()
    {
        QFETCH(double, childFraction);
        QFETCH(double, parentFraction);
        QFETCH(double, rootFraction);
        Feedback root;
        Feedback child(root, 0.3, 0.8);
        Feedback grandchild(child, 0.5, 1.0);
        grandchild.setProgress(childFraction);
        QCOMPARE(grandchild.progress(), childFraction);
        QVERIFY(std::abs(child.progress() - parentFraction) < 1e-12);
        QVERIFY(std::abs(root.progress() - rootFraction) < 1e-12);
    }

    void aSubRangeOutsideZeroOneIsRefused()
    {
        Feedback root;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Feedback(root, 0.5, 0.4));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Feedback(root, -0.1, 0.4));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Feedback(root, 0.1, 1.1));
    }

    void messagesReachTheRoot()
    {
        Feedback root;
        Feedback child(root, 0.0, 0.5);
        child.setMessage("reading corpus");
        QCOMPARE(root.message(), std::string("reading corpus"));
        QCOMPARE(child.message(), std::string("reading corpus"));
        root.setProgress(0.9, "training");
        QCOMPARE(child.message(), std::string("training"));
    }

    void listenerHearsMessagesAndSteps()
    {
        Feedback root;
        std::vector<std::pair<double, std::string>> heard;
        root.setListener([&](double fraction, const std::string& message) { heard.emplace_back(fraction, message); });
        Feedback child(root, 0.0, 0.5);
        child.setMessage("reading corpus");
        // A million tiny steps reach the listener about a thousand times (every 0.001 of the root).
        for (int i = 1; i <= 1000000; ++i) child.setProgress(i / 1e6);
        QVERIFY2(heard.size() >= 400 && heard.size() <= 1002, qPrintable(QString::number(heard.size())));
        QCOMPARE(heard.front().second, std::string("reading corpus"));
        QCOMPARE(heard.back().first, 0.5);
        for (std::size_t i = 1; i < heard.size(); ++i) QVERIFY(heard[i].first >= heard[i - 1].first);
        // A new message is always heard, even without a change of fraction.
        const std::size_t before = heard.size();
        root.setMessage("training tokenizer");
        QCOMPARE(heard.size(), before + 1);
        QCOMPARE(heard.back().second, std::string("training tokenizer"));
        // Reaching 1 is always heard.
        root.setProgress(0.9999);
        root.setProgress(1.0);
        QCOMPARE(heard.back().first, 1.0);
    }

    // A worker polling the flag sees a cancel from another thread, and stops.
    void cancelFromAnotherThreadStopsAWorker()
    {
        Feedback feedback;
        std::atomic<long> rounds{0};
        std::atomic<bool> sawCancel{false};
        std::thread worker([&] {
            try {
                for (;;) {
                    feedback.throwIfCancelled();
                    feedback.setProgress(static_cast<double>(++rounds % 1000) / 1000.0, "working");
                }
            } catch (const Cancelled&) {
                sawCancel = true;
            }
        });
        QTRY_VERIFY(rounds.load() > 1000);
        feedback.cancel();
        worker.join();
        QVERIFY(sawCancel.load());
    }
};

QTEST_APPLESS_MAIN(TestFeedback)
#include "tst_feedback.moc"
