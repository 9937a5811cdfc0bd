// JSON numbers as exact int64 values (core/io/JsonInteger): integers in range, floats with no
// fraction, and nothing else; no undefined casts on the way.
#include "core/io/JsonInteger.h"

#include <QtTest>

#include <optional>

using namespace megatoken;

class TestJsonInteger : public QObject {
    Q_OBJECT

private slots:
    void exactInt64_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<bool>("isInteger");
        QTest::addColumn<qint64>("value");
        QTest::newRow("integer") << "3" << true << qint64(3);
        QTest::newRow("negative") << "-7" << true << qint64(-7);
        QTest::newRow("float without fraction") << "3.0" << true << qint64(3);
        QTest::newRow("exponent") << "4e3" << true << qint64(4000);
        QTest::newRow("int64 max") << "9223372036854775807" << true << std::numeric_limits<qint64>::max();
        QTest::newRow("int64 min") << "-9223372036854775808" << true << std::numeric_limits<qint64>::min();
        QTest::newRow("unsigned past int64") << "9223372036854775808" << false << qint64(0);
        QTest::newRow("2^63 as a double") << "9.2233720368547758e18" << false << qint64(0);
        QTest::newRow("fraction") << "2.5" << false << qint64(0);
        QTest::newRow("far beyond (fuzzing)") << "1.11111e+122" << false << qint64(0);
        QTest::newRow("far below") << "-1e300" << false << qint64(0);
        QTest::newRow("string") << "\"3\"" << false << qint64(0);
        QTest::newRow("boolean") << "true" << false << qint64(0);
        QTest::newRow("null") << "null" << false << qint64(0);
    }

    void exactInt64()
    {
        QFETCH(QString, json);
        QFETCH(bool, isInteger);
        QFETCH(qint64, value);
        const std::optional<std::int64_t> number = megatoken::exactInt64(nlohmann::json::parse(json.toStdString()));
        QCOMPARE(number.has_value(), isInteger);
        if (isInteger) QCOMPARE(qint64(*number), value);
    }
};

QTEST_GUILESS_MAIN(TestJsonInteger)
#include "tst_json_integer.moc"
