// formatGeneral / formatFixed: printf's %g and %f in the C locale, whatever LC_NUMERIC says. Under
// de_DE.UTF-8 (scripts/setup-debian.sh generates it) printf itself writes "0,5"; these must not.
#include <QtTest>

#include <clocale>
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/io/NumberFormat.h"

using namespace megatoken;

namespace {

std::string printfGeneral(double value, int digits)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
    return buffer;
}

}  // namespace

class TestNumberFormat : public QObject {
    Q_OBJECT
private slots:
    void matchesPrintfInTheCLocale_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("digits");
        QTest::addColumn<QString>("expected");
        QTest::newRow("half") << 0.5 << 6 << "0.5";
        QTest::newRow("small") << 1e-6 << 6 << "1e-06";
        QTest::newRow("tokens/s") << 3622.13045 << 6 << "3622.13";
        QTest::newRow("nine digits") << 0.123456789012 << 9 << "0.123456789";
        QTest::newRow("integer") << 512.0 << 6 << "512";
        QTest::newRow("large") << 1.5e20 << 9 << "1.5e+20";
        QTest::newRow("negative") << -0.25 << 6 << "-0.25";
        QTest::newRow("zero") << 0.0 << 6 << "0";
    }

    void matchesPrintfInTheCLocale()
    {
        QFETCH(double, value);
        QFETCH(int, digits);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(formatGeneral(value, digits)), expected);
        QCOMPARE(formatGeneral(value, digits), printfGeneral(value, digits));  // C locale here
    }

    void fixed()
    {
        QCOMPARE(formatFixed(0.4, 2), std::string("0.40"));
        QCOMPARE(formatFixed(3861.4, 0), std::string("3861"));
        QCOMPARE(formatFixed(1.0 / 3.0, 3), std::string("0.333"));
    }

    void nonFinite()
    {
        QCOMPARE(formatGeneral(std::numeric_limits<double>::quiet_NaN(), 6), std::string("nan"));
        QCOMPARE(formatGeneral(std::numeric_limits<double>::infinity(), 6), std::string("inf"));
    }

    // The @de_DE and @ru_RU variants of every suite (tests/CMakeLists.txt) test nothing unless
    // their locale exists: fail loudly when the set-up did not generate it.
    void environmentLocaleIsInstalled()
    {
        const QByteArray wanted = qgetenv("LC_ALL");
        if (wanted.isEmpty() || wanted == "C" || wanted == "POSIX") return;
        const char* previous = std::setlocale(LC_ALL, nullptr);
        const std::string saved = previous ? previous : "C";
        const char* set = std::setlocale(LC_ALL, "");
        std::setlocale(LC_ALL, saved.c_str());
        QVERIFY2(set, qPrintable("LC_ALL=" + wanted + " is not installed here: run scripts/setup-debian.sh"));
    }

    void pointUnderAGermanLocale()
    {
        const char* german = std::setlocale(LC_NUMERIC, "de_DE.UTF-8");
        QVERIFY2(german, "the de_DE.UTF-8 locale is not generated here: run scripts/setup-debian.sh");
        const std::string printed = printfGeneral(0.5, 6);
        const std::string ours = formatGeneral(0.5, 6);
        const std::string fixed = formatFixed(0.4, 2);
        std::setlocale(LC_NUMERIC, "C");
        QCOMPARE(printed, std::string("0,5"));  // the bug these functions avoid
        QCOMPARE(ours, std::string("0.5"));
        QCOMPARE(fixed, std::string("0.40"));
    }
};

QTEST_APPLESS_MAIN(TestNumberFormat)
#include "tst_number_format.moc"
