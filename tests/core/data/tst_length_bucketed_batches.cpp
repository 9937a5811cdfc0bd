#include <QtTest>

#include <random>
#include <set>

#include "core/data/LengthBucketedBatches.h"

using megatoken::Batch;
using megatoken::BatchingOptions;

namespace {

// A length distribution like short sentences: mostly 5-20 tokens with a long tail.
std::vector<std::size_t> sentenceLengths(std::size_t count)
{
    std::mt19937 rng(7);
    std::lognormal_distribution<double> dist(2.4, 0.5);
    std::vector<std::size_t> lengths(count);
    for (auto& length : lengths) length = std::clamp<std::size_t>(static_cast<std::size_t>(dist(rng)), 2, 64);
    return lengths;
}

}  // namespace

class TestLengthBucketedBatches : public QObject {
    Q_OBJECT
private slots:
    void coversEveryIndexOnce_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("batchSize");
        QTest::addColumn<bool>("bucket");
        QTest::newRow("bucketed, exact") << 640 << 64 << true;
        QTest::newRow("bucketed, ragged") << 1001 << 64 << true;
        QTest::newRow("random, ragged") << 1001 << 32 << false;
        QTest::newRow("fewer than a batch") << 5 << 64 << true;
        QTest::newRow("empty") << 0 << 8 << true;
    }
    void coversEveryIndexOnce()
    {
        QFETCH(int, count);
        QFETCH(int, batchSize);
        QFETCH(bool, bucket);
        BatchingOptions options;
        options.batchSize = static_cast<std::size_t>(batchSize);
        options.bucketByLength = bucket;
        const auto batches = megatoken::makeBatches(sentenceLengths(static_cast<std::size_t>(count)), options);
        std::multiset<std::size_t> seen;
        for (const Batch& batch : batches) {
            QVERIFY(!batch.empty());
            QVERIFY(batch.size() <= options.batchSize);
            seen.insert(batch.begin(), batch.end());
        }
        QCOMPARE(seen.size(), static_cast<std::size_t>(count));
        QCOMPARE(std::set<std::size_t>(seen.begin(), seen.end()).size(), static_cast<std::size_t>(count));
    }

    void dropLastDropsOnlyTheRaggedBatch()
    {
        BatchingOptions options;
        options.batchSize = 64;
        options.dropLast = true;
        const auto batches = megatoken::makeBatches(sentenceLengths(1001), options);
        QCOMPARE(batches.size(), std::size_t{15});
        for (const Batch& batch : batches) QCOMPARE(batch.size(), std::size_t{64});
    }

    void deterministicForSeedAndEpoch()
    {
        const auto lengths = sentenceLengths(5000);
        BatchingOptions options;
        const auto a = megatoken::makeBatches(lengths, options, 3);
        const auto b = megatoken::makeBatches(lengths, options, 3);
        QVERIFY(a == b);
        QVERIFY(a != megatoken::makeBatches(lengths, options, 4));
        options.seed = 43;
        QVERIFY(a != megatoken::makeBatches(lengths, options, 3));
    }

    void bucketingCutsPadding()
    {
        const auto lengths = sentenceLengths(20000);
        BatchingOptions options;
        const double bucketed = megatoken::paddingFraction(megatoken::makeBatches(lengths, options), lengths);
        options.bucketByLength = false;
        const double random = megatoken::paddingFraction(megatoken::makeBatches(lengths, options), lengths);
        qInfo("padding fraction: bucketed %.4f, random %.4f", bucketed, random);
        QVERIFY(random > 0.3);
        QVERIFY(bucketed < 0.10);
        QVERIFY(bucketed < random / 5);
    }

    void paddingFractionByHand()
    {
        // Batches {3, 1} and {2}: slots 2*3 + 1*2 = 8, padding (3-1) = 2.
        const std::vector<std::size_t> lengths{3, 1, 2};
        const std::vector<Batch> batches{{0, 1}, {2}};
        QCOMPARE(megatoken::paddingFraction(batches, lengths), 0.25);
        QCOMPARE(megatoken::paddingFraction({}, lengths), 0.0);
    }

    void rejectsZeroBatchSize()
    {
        BatchingOptions options;
        options.batchSize = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, megatoken::makeBatches({1, 2}, options));
    }
};

QTEST_APPLESS_MAIN(TestLengthBucketedBatches)
#include "tst_length_bucketed_batches.moc"
