// core/config/ConfigDiff: which keys differ between configurations, and the text table.
#include "core/config/ConfigDiff.h"
#include "core/config/ConfigKeys.h"
#include "core/config/ConfigOverride.h"
#include "core/config/Presets.h"

#include <QtTest>

#include <clocale>
#include <stdexcept>

using namespace megatoken;
using nlohmann::json;

namespace {

RunConfig tinyWith(const QStringList& assignments)
{
    RunConfig config = preset("tiny");
    std::vector<std::string> texts;
    for (const QString& assignment : assignments) texts.push_back(assignment.toStdString());
    applyOverrides(config, texts);
    return config;
}

QStringList keysOf(const std::vector<ConfigDifference>& differences)
{
    QStringList keys;
    for (const auto& difference : differences) keys << QString::fromStdString(difference.key);
    return keys;
}

}  // namespace

class TestConfigDiff : public QObject {
    Q_OBJECT

private slots:
    // Two configurations: exactly the keys set differently, in the key table's order (data before
    // gates before loss before optim), whatever order the overrides came in.
    void differingKeys_data()
    {
        QTest::addColumn<QStringList>("left");
        QTest::addColumn<QStringList>("right");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("identical") << QStringList{} << QStringList{} << QStringList{};
        QTest::newRow("seed only") << QStringList{} << QStringList{"optim.seed=43"} << QStringList{"optim.seed"};
        QTest::newRow("set to its own value") << QStringList{"gates.tau=1.0"} << QStringList{} << QStringList{};
        QTest::newRow("three groups, table order")
            << QStringList{"optim.seed=7", "gates.merge=similar"} << QStringList{"data.batch_size=32"}
            << QStringList{"data.batch_size", "gates.merge", "optim.seed"};
        QTest::newRow("a double") << QStringList{"loss.target_keep=0.3"} << QStringList{"loss.target_keep=0.30"}
                                  << QStringList{};
    }
    void differingKeys()
    {
        QFETCH(QStringList, left);
        QFETCH(QStringList, right);
        QFETCH(QStringList, expected);
        QCOMPARE(keysOf(diffConfigs({tinyWith(left), tinyWith(right)})), expected);
    }

    // Three configurations: a key differs when any one of them differs; values in argument order.
    void threeConfigurations()
    {
        const auto differences =
            diffConfigs({tinyWith({}), tinyWith({"gates.keep=quantile"}), tinyWith({"loss.target_keep=0.3"})});
        QCOMPARE(keysOf(differences), (QStringList{"gates.keep", "loss.target_keep"}));
        QCOMPARE(differences[0].values, (std::vector<json>{"threshold", "quantile", "threshold"}));
        QCOMPARE(differences[1].values, (std::vector<json>{0.5, 0.5, 0.3}));
    }

    void includeEqualGivesEveryKey()
    {
        const auto differences = diffConfigs({tinyWith({}), tinyWith({})}, true);
        QCOMPARE(differences.size(), configKeys().size());
        QCOMPARE(differences.front().key, configKeys().front().name);
    }

    void fewerThanTwoIsAnError()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, diffConfigs({tinyWith({})}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, diffConfigs({}));
    }

    // The text table: padded columns, strings unquoted (an empty one as ""), numbers with '.'
    // even under a German locale.
    void textTable()
    {
        const std::vector<ConfigDifference> differences{{"gates.merge", {"none", "similar"}},
                                                        {"loss.target_keep", {0.5, 0.25}},
                                                        {"data.corpus", {"", "python-docs"}},
                                                        {"gates.straight_through", {true, false}}};
        const char* const previous = std::setlocale(LC_NUMERIC, "de_DE.UTF-8");
        const std::string text = configDiffText({"base", "merge-similar"}, differences);
        std::setlocale(LC_NUMERIC, previous ? previous : "C");
        QCOMPARE(QString::fromStdString(text), QStringLiteral("key                     base  merge-similar\n"
                                                              "gates.merge             none  similar\n"
                                                              "loss.target_keep        0.5   0.25\n"
                                                              "data.corpus             \"\"    python-docs\n"
                                                              "gates.straight_through  true  false\n"));
        QCOMPARE(configDiffText({"a", "b"}, {}), std::string("no differences: every key has the same value\n"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, configDiffText({"a"}, differences));
    }
};

QTEST_GUILESS_MAIN(TestConfigDiff)
#include "tst_config_diff.moc"
