// Deterministic train/validation/test split by text hash.
#include "core/data/Split.h"

#include <QtTest>

#include <string>
#include <vector>

using namespace megatoken;

class TestSplit : public QObject {
    Q_OBJECT

private slots:
    void fnvMatchesReferenceValues_data();
    void fnvMatchesReferenceValues();
    void bucketsFollowTheHash();
    void isDeterministic();
    void proportionsAreAbout98_1_1();
    void splitTextsKeepsOrderAndDuplicatesTogether();
    void names_data();
    void names();
};

void TestSplit::fnvMatchesReferenceValues_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<quint64>("hash");
    // Reference values of 64-bit FNV-1a (http://www.isthe.com/chongo/tech/comp/fnv/).
    QTest::newRow("empty") << QByteArray("") << quint64(0xcbf29ce484222325ULL);
    QTest::newRow("a") << QByteArray("a") << quint64(0xaf63dc4c8601ec8cULL);
    QTest::newRow("foobar") << QByteArray("foobar") << quint64(0x85944171f73967e8ULL);
}

void TestSplit::fnvMatchesReferenceValues()
{
    QFETCH(QByteArray, input);
    QFETCH(quint64, hash);
    QCOMPARE(quint64(fnv1a64(std::string_view(input.constData(), input.size()))), hash);
}

void TestSplit::bucketsFollowTheHash()
{
    for (int i = 0; i < 5000; ++i) {
        const std::string text = "sample " + std::to_string(i);
        const std::uint64_t bucket = fnv1a64(text) % 100;
        const Split expected = bucket == 0 ? Split::Test : bucket == 1 ? Split::Validation : Split::Train;
        QCOMPARE(splitOf(text), expected);
    }
}

void TestSplit::isDeterministic()
{
    // Pinned (values from an independent Python FNV-1a): a changed hash would silently move
    // texts between splits from one version to the next.
    QCOMPARE(splitOf("foobar"), Split::Train);
    QCOMPARE(splitOf("text 107"), Split::Test);
    QCOMPARE(splitOf("text 56"), Split::Validation);
    QCOMPARE(splitOf("text 57"), Split::Train);
}

void TestSplit::proportionsAreAbout98_1_1()
{
    constexpr int kTexts = 200000;
    std::vector<std::string> texts;
    texts.reserve(kTexts);
    for (int i = 0; i < kTexts; ++i) texts.push_back("review number " + std::to_string(i) + ": the food was fine");
    const SplitTexts split = splitTexts(std::move(texts));
    QCOMPARE(split.train.size() + split.validation.size() + split.test.size(), std::size_t(kTexts));
    const double train = double(split.train.size()) / kTexts;
    const double validation = double(split.validation.size()) / kTexts;
    const double test = double(split.test.size()) / kTexts;
    qInfo("train %.3f%%, validation %.3f%%, test %.3f%%", train * 100, validation * 100, test * 100);
    // The binomial standard deviation of a 1% share of 200k is 0.02%; allow ten times that.
    QVERIFY2(qAbs(validation - 0.01) < 0.002, qPrintable(QString::number(validation)));
    QVERIFY2(qAbs(test - 0.01) < 0.002, qPrintable(QString::number(test)));
    QVERIFY2(qAbs(train - 0.98) < 0.003, qPrintable(QString::number(train)));
}

void TestSplit::splitTextsKeepsOrderAndDuplicatesTogether()
{
    std::vector<std::string> texts;
    for (int i = 0; i < 3000; ++i) texts.push_back("t" + std::to_string(i % 1000));  // every text three times
    const SplitTexts split = splitTexts(texts);
    const auto checkPart = [&](const std::vector<std::string>& part, Split which) {
        std::vector<std::string> expected;
        for (const std::string& text : texts)
            if (splitOf(text) == which) expected.push_back(text);
        QCOMPARE(part, expected);
    };
    checkPart(split.train, Split::Train);
    checkPart(split.validation, Split::Validation);
    checkPart(split.test, Split::Test);
}

void TestSplit::names_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("split");  // -1: not a split name
    QTest::newRow("train") << "train" << int(Split::Train);
    QTest::newRow("validation") << "validation" << int(Split::Validation);
    QTest::newRow("val") << "val" << int(Split::Validation);
    QTest::newRow("Val") << "Val" << int(Split::Validation);
    QTest::newRow("test") << "TEST" << int(Split::Test);
    QTest::newRow("unknown") << "training" << -1;
    QTest::newRow("empty") << "" << -1;
}

void TestSplit::names()
{
    QFETCH(QString, name);
    QFETCH(int, split);
    const std::optional<Split> parsed = parseSplit(name.toStdString());
    QCOMPARE(parsed.has_value(), split >= 0);
    if (parsed) {
        QCOMPARE(int(*parsed), split);
        QCOMPARE(parseSplit(splitName(*parsed)), parsed);  // round trip
    }
    QCOMPARE(splitName(Split::Validation), std::string_view("validation"));
}

QTEST_APPLESS_MAIN(TestSplit)
#include "tst_split.moc"
