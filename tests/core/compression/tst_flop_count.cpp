// The analytic FLOP count against hand arithmetic for a tiny shape.
#include <QtTest>

#include "core/compression/FlopCount.h"

using namespace megatoken;

Q_DECLARE_METATYPE(std::vector<std::int64_t>)

namespace {

ModelConfig tinyShape()
{
    ModelConfig c;
    c.vocabSize = 10;
    c.dModel = 4;
    c.numHeads = 1;
    c.dKv = 2;
    c.dFf = 8;
    c.encoderLayers = 2;
    c.decoderLayers = 1;
    c.feedForward = FeedForwardKind::Relu;
    c.gates.first = 0;
    c.gates.every = 1;
    return c;
}

}  // namespace

class TestFlopCount : public QObject {
    Q_OBJECT
private slots:
    void forwardByHand()
    {
        const ModelConfig c = tinyShape();
        // Encoder block at n = 3: Q 2*3*4*2 = 48, K+V 2*3*4*4 = 96, scores+values 2*3*3*2*2 = 72,
        // O 2*3*2*4 = 48, FFN 2*3*4*8*2 = 384: 648 per block, 1296 for two.
        // Decoder at t = 3, memory 3: self 264, cross 264, FFN 384 = 912; vocabulary 2*3*4*10 = 240.
        QCOMPARE(forwardFlops(c, {3, 3}, 3, 3), 1296.0 + 912.0 + 240.0);
    }

    void removalShortensTheBlocksAfterEachGate_data()
    {
        QTest::addColumn<int>("first");
        QTest::addColumn<int>("every");
        QTest::addColumn<std::vector<std::int64_t>>("expected");
        QTest::newRow("gates after 0 and 1") << 0 << 1 << std::vector<std::int64_t>{10, 6, 3, 3};
        QTest::newRow("gates after 1 and 3") << 1 << 2 << std::vector<std::int64_t>{10, 10, 6, 6};
    }

    void removalShortensTheBlocksAfterEachGate()
    {
        QFETCH(int, first);
        QFETCH(int, every);
        QFETCH(std::vector<std::int64_t>, expected);
        ModelConfig c = tinyShape();
        c.encoderLayers = 4;
        c.gates.first = first;
        c.gates.every = every;
        QCOMPARE(encoderLengthsWithRemoval(c, 10, {6, 3}), expected);
    }

    void removalSavesWhatItShould()
    {
        ModelConfig c = tinyShape();
        const double full = forwardFlops(c, {8, 8}, 8, 8);
        const double removed = forwardFlops(c, encoderLengthsWithRemoval(c, 8, {4, 2}), 8, 2);
        QVERIFY(removed < full);
        // The decoder and vocabulary part depends on t, not on what was kept: a floor on the saving.
        QVERIFY(removed > forwardFlops(c, {0, 0}, 8, 0));
    }
};

QTEST_APPLESS_MAIN(TestFlopCount)
#include "tst_flop_count.moc"
