// Rows of a global batch per rank: contiguous, as even as they go, covering the batch once.
#include <QtTest>

#include "core/distributed/ShardRows.h"

using namespace megatoken;

class TestShardRows : public QObject {
    Q_OBJECT
private slots:
    void shards_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("world");
        QTest::addColumn<QList<int>>("begins");
        QTest::newRow("15 on 2") << 15 << 2 << QList<int>{0, 7, 15};
        QTest::newRow("15 on 4") << 15 << 4 << QList<int>{0, 3, 7, 11, 15};
        QTest::newRow("64 on 1") << 64 << 1 << QList<int>{0, 64};
        QTest::newRow("3 on 4: one rank without rows") << 3 << 4 << QList<int>{0, 0, 1, 2, 3};
    }
    void shards()
    {
        QFETCH(int, rows);
        QFETCH(int, world);
        QFETCH(QList<int>, begins);
        for (int r = 0; r < world; ++r) {
            const RowRange range = shardRows(static_cast<std::size_t>(rows), world, r);
            QCOMPARE(int(range.begin), begins[r]);
            QCOMPARE(int(range.end), begins[r + 1]);
        }
    }

    void badRank()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, shardRows(4, 2, 2));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, shardRows(4, 0, 0));
    }
};

QTEST_GUILESS_MAIN(TestShardRows)
#include "tst_shard_rows.moc"
