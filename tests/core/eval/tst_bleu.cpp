#include <QtTest>

#include <array>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/eval/Bleu.h"
#include "core/eval/Tokenizer13a.h"

using megatoken::BleuOptions;
using megatoken::BleuResult;
using megatoken::BleuSmoothing;
using megatoken::BleuTokenizer;

using Strings = std::vector<std::string>;
using Streams = std::vector<Strings>;
Q_DECLARE_METATYPE(Strings)
Q_DECLARE_METATYPE(Streams)
Q_DECLARE_METATYPE(BleuOptions)

// qFuzzyCompare is relative and useless near 0, where several of these scores are.
#define VERIFY_NEAR(actual, expected)                                                                                  \
    QVERIFY2(std::abs((actual) - (expected)) < 1e-4, qPrintable(QStringLiteral("%1 = %2, expected %3")                 \
                                                                    .arg(QLatin1String(#actual))                       \
                                                                    .arg((actual), 0, 'f', 6)                          \
                                                                    .arg((expected), 0, 'f', 6)))

namespace {

BleuOptions withSmoothing(BleuSmoothing smoothing)
{
    BleuOptions options;
    options.smoothing = smoothing;
    return options;
}

BleuOptions lowercased()
{
    BleuOptions options;
    options.lowercase = true;
    return options;
}

BleuOptions pretokenized()
{
    BleuOptions options;
    options.tokenizer = BleuTokenizer::None;
    return options;
}

}  // namespace

class TestBleu : public QObject {
    Q_OBJECT
private slots:
    // Expected values are sacreBLEU 2.x's (BLEU().corpus_score) or worked out by hand in the
    // row's comment; precisions are in percent, as sacreBLEU reports them.
    void corpusScore_data()
    {
        QTest::addColumn<Strings>("hypotheses");
        QTest::addColumn<Streams>("references");
        QTest::addColumn<BleuOptions>("options");
        QTest::addColumn<double>("score");
        QTest::addColumn<double>("brevityPenalty");
        QTest::addColumn<int>("hypothesisLength");
        QTest::addColumn<int>("referenceLength");

        // sacreBLEU's README example: BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944
        // hyp_len = 17 ref_len = 18).
        QTest::newRow("sacreBLEU example, two reference streams")
            << Strings{"The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."}
            << Streams{{"The dog bit the man.", "It was not unexpected.", "The man bit him first."},
                       {"The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."}}
            << BleuOptions{} << 48.530827 << 0.942873 << 17 << 18;
        QTest::newRow("identical") << Strings{"The quick brown fox jumps over the lazy dog."}
                                   << Streams{{"The quick brown fox jumps over the lazy dog."}} << BleuOptions{}
                                   << 100.0 << 1.0 << 10 << 10;
        // No hypothesis tokens: no matches, and BP is defined as 0 for c = 0.
        QTest::newRow("empty hypothesis")
            << Strings{""} << Streams{{"a b c d"}} << BleuOptions{} << 0.0 << 0.0 << 0 << 4;
        // All precisions 100%, c = 6 < r = 8: BP = exp(1 - 8/6) = exp(-1/3).
        QTest::newRow("brevity penalty") << Strings{"a b c d e f"} << Streams{{"a b c d e f g h"}} << BleuOptions{}
                                         << 100.0 * std::exp(-1.0 / 3.0) << std::exp(-1.0 / 3.0) << 6 << 8;
        // Matches 4/5, 2/4, 0/3, 0/2. Exp smoothing: the first empty order gets 1/(2*3), the
        // second 1/(4*2); BLEU = (4/5 * 2/4 * 1/6 * 1/8)^(1/4) = (1/120)^(1/4).
        QTest::newRow("exp smoothing") << Strings{"a b x c d"} << Streams{{"a b y c d"}} << BleuOptions{}
                                       << 100.0 * std::pow(1.0 / 120.0, 0.25) << 1.0 << 5 << 5;
        QTest::newRow("no smoothing: an empty order zeroes BLEU")
            << Strings{"a b x c d"} << Streams{{"a b y c d"}} << withSmoothing(BleuSmoothing::None) << 0.0 << 1.0 << 5
            << 5;
        // Floor: empty orders count 0.1 matches: (4/5 * 2/4 * 0.1/3 * 0.1/2)^(1/4).
        QTest::newRow("floor smoothing") << Strings{"a b x c d"} << Streams{{"a b y c d"}}
                                         << withSmoothing(BleuSmoothing::Floor)
                                         << 100.0 * std::pow(0.8 * 0.5 * (0.1 / 3.0) * (0.1 / 2.0), 0.25) << 1.0 << 5
                                         << 5;
        // Add-1 on orders 2..4: (4/5 * 3/5 * 1/4 * 1/3)^(1/4) = 0.04^(1/4).
        QTest::newRow("add-k smoothing") << Strings{"a b x c d"} << Streams{{"a b y c d"}}
                                         << withSmoothing(BleuSmoothing::AddK) << 100.0 * std::pow(0.04, 0.25) << 1.0
                                         << 5 << 5;
        // References of 3 and 5 tokens are equally close to a 4-token hypothesis: the shorter
        // wins, so r = 3 and there is no brevity penalty.
        QTest::newRow("closest reference length, tie to the shorter")
            << Strings{"a b c d"} << Streams{{"a b c"}, {"a b c d e"}} << BleuOptions{} << 100.0 << 1.0 << 4 << 3;
        // "the" is clipped at 2 (the most any one reference has): 2/4, 1/3, then exp smoothing
        // 1/(2*2), 1/(4*1): (1/2 * 1/3 * 1/4 * 1/4)^(1/4).
        QTest::newRow("clipping against the max over references")
            << Strings{"the the the the"} << Streams{{"the cat"}, {"the the dog"}} << BleuOptions{}
            << 100.0 * std::pow(1.0 / 96.0, 0.25) << 1.0 << 4 << 3;
        // A 2-token corpus has no 3- or 4-grams: corpus BLEU (no effective order) is 0.
        QTest::newRow("too short for 4-grams")
            << Strings{"a b"} << Streams{{"a b"}} << BleuOptions{} << 0.0 << 1.0 << 2 << 2;
        QTest::newRow("case-sensitive by default")
            << Strings{"THE CAT SAT DOWN"} << Streams{{"the cat sat down"}} << BleuOptions{} << 0.0 << 1.0 << 4 << 4;
        QTest::newRow("lowercase option")
            << Strings{"THE CAT SAT DOWN"} << Streams{{"the cat sat down"}} << lowercased() << 100.0 << 1.0 << 4 << 4;
        // Without 13a, "down." is one token and matches nothing: 3/4, 2/3, 1/2, then 1/(2*1),
        // and c = 4 < r = 5 costs BP = exp(1 - 5/4).
        QTest::newRow("tokenizer none") << Strings{"the cat sat down."} << Streams{{"the cat sat down ."}}
                                        << pretokenized() << 100.0 * std::pow(0.125, 0.25) * std::exp(-0.25)
                                        << std::exp(-0.25) << 4 << 5;
        // sacreBLEU 2.2+: an empty reference string is a reference of length 0 (2.0-2.1 dropped
        // it). Here the other reference is closer in length: no change.
        QTest::newRow("empty reference, another closer")
            << Strings{"a b c d"} << Streams{{"a b c d"}, {""}} << BleuOptions{} << 100.0 << 1.0 << 4 << 4;
        // sacreBLEU 2.6: BLEU().corpus_score(["a"], [[""], [""]]): 0.0, BP 1, sys_len 1, ref_len 0.
        QTest::newRow("all references empty")
            << Strings{"a"} << Streams{{""}, {""}} << BleuOptions{} << 0.0 << 1.0 << 1 << 0;
        QTest::newRow("empty against empty") << Strings{""} << Streams{{""}} << BleuOptions{} << 0.0 << 1.0 << 0 << 0;
        // sacreBLEU 2.6: BLEU().corpus_score(["a b c", "the cat sat on the mat"],
        // [["", "the cat sat on the mat"]]) = 78.56293018010261, precisions 66.67/71.43/80/100.
        QTest::newRow("one empty reference in a corpus")
            << Strings{"a b c", "the cat sat on the mat"} << Streams{{"", "the cat sat on the mat"}} << BleuOptions{}
            << 78.56293018010261 << 1.0 << 9 << 6;
        QTest::newRow("empty corpus") << Strings{} << Streams{{}} << BleuOptions{} << 0.0 << 1.0 << 0 << 0;
    }
    void corpusScore()
    {
        QFETCH(Strings, hypotheses);
        QFETCH(Streams, references);
        QFETCH(BleuOptions, options);
        QFETCH(double, score);
        QFETCH(double, brevityPenalty);
        QFETCH(int, hypothesisLength);
        QFETCH(int, referenceLength);

        const BleuResult result = megatoken::corpusBleu(hypotheses, references, options);
        VERIFY_NEAR(result.score, score);
        VERIFY_NEAR(result.brevityPenalty, brevityPenalty);
        QCOMPARE(result.hypothesisLength, static_cast<std::size_t>(hypothesisLength));
        QCOMPARE(result.referenceLength, static_cast<std::size_t>(referenceLength));
    }

    void sacreBleuExampleStatistics()
    {
        const BleuResult result = megatoken::corpusBleu(
            {"The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."},
            {{"The dog bit the man.", "It was not unexpected.", "The man bit him first."},
             {"The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."}});
        const std::array<std::size_t, 4> matches{14, 7, 5, 3};
        const std::array<std::size_t, 4> totals{17, 14, 11, 8};
        QCOMPARE(result.matches, matches);
        QCOMPARE(result.totals, totals);
        VERIFY_NEAR(result.precisions[0], 100.0 * 14 / 17);
        VERIFY_NEAR(result.precisions[1], 50.0);
        VERIFY_NEAR(result.precisions[2], 100.0 * 5 / 11);
        VERIFY_NEAR(result.precisions[3], 37.5);
    }

    void exponentialSmoothingPrecisions()
    {
        const BleuResult result = megatoken::corpusBleu({"a b x c d"}, {{"a b y c d"}});
        VERIFY_NEAR(result.precisions[0], 80.0);
        VERIFY_NEAR(result.precisions[1], 50.0);
        VERIFY_NEAR(result.precisions[2], 100.0 / (2 * 3));
        VERIFY_NEAR(result.precisions[3], 100.0 / (4 * 2));
    }

    void sentenceBleuUsesEffectiveOrder()
    {
        // Only 1- and 2-grams exist, and they all match; sacrebleu.sentence_bleu gives 100.
        VERIFY_NEAR(megatoken::sentenceBleu("a b", {"a b"}).score, 100.0);
        // With the corpus defaults the missing 3- and 4-grams zero it.
        VERIFY_NEAR(megatoken::sentenceBleu("a b", {"a b"}, BleuOptions{}).score, 0.0);
        // Several references: "the cat" matches the second exactly.
        VERIFY_NEAR(megatoken::sentenceBleu("the cat", {"a dog", "the cat"}).score, 100.0);
        // sacreBLEU 2.2+: sentence_bleu("ok", ["ok that is fine by me", ""]).score == 100.0: the
        // empty reference is the closest in length (0), so no brevity penalty, and the one
        // unigram matches.
        VERIFY_NEAR(megatoken::sentenceBleu("ok", {"ok that is fine by me", ""}).score, 100.0);
    }

    void rejectsMalformedInput_data()
    {
        QTest::addColumn<Strings>("hypotheses");
        QTest::addColumn<Streams>("references");
        QTest::addColumn<QString>("message");
        QTest::newRow("stream too short")
            << Strings{"a", "b"} << Streams{{"a"}} << "reference stream 0 has 1 segments but there are 2 hypotheses";
        QTest::newRow("second stream too short") << Strings{"a", "b"} << Streams{{"a", "b"}, {"a"}}
                                                 << "reference stream 1 has 1 segments but there are 2 hypotheses";
        QTest::newRow("no stream") << Strings{"a"} << Streams{} << "no reference stream";
    }
    void rejectsMalformedInput()
    {
        QFETCH(Strings, hypotheses);
        QFETCH(Streams, references);
        QFETCH(QString, message);
        // A try block rather than QVERIFY_THROWS_EXCEPTION, which needs Qt 6.3 (the tests build with 6.2).
        try {
            megatoken::corpusBleu(hypotheses, references);
            QFAIL("no std::invalid_argument thrown");
        } catch (const std::invalid_argument& error) {
            QVERIFY2(QString::fromUtf8(error.what()).contains(message), error.what());
        }
    }

    // Expected outputs are those of sacreBLEU's Tokenizer13a (Python re, same patterns).
    void tokenize13a_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("comma and period split") << "Hello, world."
                                                << "Hello , world .";
        QTest::newRow("numbers keep . and ,") << "3.14 and 1,000"
                                              << "3.14 and 1,000";
        QTest::newRow("hyphen between letters kept") << "a-b"
                                                     << "a-b";
        QTest::newRow("dash after a digit split") << "1990-2000"
                                                  << "1990 - 2000";
        QTest::newRow("number with dash") << "1,000.5-3"
                                          << "1,000.5 - 3";
        QTest::newRow("apostrophe kept") << "It wasn't surprising."
                                         << "It wasn't surprising .";
        QTest::newRow("double quotes split") << "He said \"hi\""
                                             << "He said \" hi \"";
        QTest::newRow("entities unescaped in order") << "&quot;quoted&quot; &amp; more &amp;lt;"
                                                     << "\" quoted \" & more <";
        QTest::newRow("brackets") << "(a) [b] {c}"
                                  << "( a ) [ b ] { c }";
        QTest::newRow("currency and colon") << "Price: $5.00!"
                                            << "Price : $ 5.00 !";
        QTest::newRow("abbreviations") << "e.g. U.S.A."
                                       << "e . g . U . S . A .";
        QTest::newRow("ellipsis") << "Hi... ok."
                                  << "Hi . . . ok .";
        QTest::newRow("period then comma") << "x.,y"
                                           << "x . , y";
        QTest::newRow("<skipped> removed") << "<skipped>hello"
                                           << "hello";
        QTest::newRow("hyphenated line break joined") << "line-\nbreak"
                                                      << "linebreak";
        QTest::newRow("newline is a space") << "two\nlines"
                                            << "two lines";
        QTest::newRow("no-break space separates") << QString::fromUtf8("a\u00a0b") << "a b";
        QTest::newRow("non-ASCII before period")
            << QString::fromUtf8("café. Ünï,x") << QString::fromUtf8("café . Ünï , x");
        QTest::newRow("whitespace collapsed") << "  a \t b  "
                                              << "a b";
        QTest::newRow("empty") << ""
                               << "";
    }
    void tokenize13a()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(megatoken::tokenize13a(input.toStdString())), expected);
    }
};

QTEST_APPLESS_MAIN(TestBleu)
#include "tst_bleu.moc"
