// Tokenizer (English, Chinese, mixed scripts, digits, emoji, offsets) and the feature hasher.
#include "TinySentencePiece.h"
#include "text/FeatureHasher.h"
#include "text/SpanTokens.h"
#include "text/SubwordTokenizer.h"
#include "text/Tokenizer.h"

#include <QTemporaryDir>
#include <QTextBoundaryFinder>
#include <QtTest>
#include <set>

using namespace marginalia::text;
using marginalia::Span;

namespace {

QStringList texts(const QVector<Token> &tokens)
{
    QStringList out;
    for (const Token &t : tokens)
        out << t.text;
    return out;
}

QStringList spans(const QString &source, const QVector<Token> &tokens)
{
    QStringList out;
    for (const Token &t : tokens)
        out << source.mid(t.start, t.end - t.start);
    return out;
}

} // namespace

class TestText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tokenizes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("tokens");
        QTest::addColumn<QStringList>("originals");

        QTest::addRow("english") << QStringLiteral("Hello, World! It's fine.")
                                 << QStringList{"hello", "world", "it's", "fine"}
                                 << QStringList{"Hello", "World", "It's", "fine"};
        QTest::addRow("accents") << QStringLiteral("Café ÉCOLE naïve")
                                 << QStringList{QStringLiteral("café"), QStringLiteral("école"),
                                                QStringLiteral("naïve")}
                                 << QStringList{QStringLiteral("Café"), QStringLiteral("ÉCOLE"),
                                                QStringLiteral("naïve")};
        QTest::addRow("digits") << QStringLiteral("Room 42 costs 3.50, or ３５ yuan")
                                << QStringList{"room", "00", "costs", "0.00", "or", "00", "yuan"}
                                << QStringList{"Room", "42", "costs", "3.50", "or", QStringLiteral("３５"), "yuan"};
        QTest::addRow("chinese") << QStringLiteral("我爱北京。")
                                 << QStringList{QStringLiteral("我"), QStringLiteral("爱"), QStringLiteral("北"),
                                                QStringLiteral("京")}
                                 << QStringList{QStringLiteral("我"), QStringLiteral("爱"), QStringLiteral("北"),
                                                QStringLiteral("京")};
        QTest::addRow("mixed") << QStringLiteral("新款iPhone 15很好用!")
                               << QStringList{QStringLiteral("新"), QStringLiteral("款"), "iphone", "00",
                                              QStringLiteral("很"), QStringLiteral("好"), QStringLiteral("用")}
                               << QStringList{QStringLiteral("新"), QStringLiteral("款"), "iPhone", "15",
                                              QStringLiteral("很"), QStringLiteral("好"), QStringLiteral("用")};
        QTest::addRow("full-width latin") << QStringLiteral("ＡＢＣ测试")
                                          << QStringList{"abc", QStringLiteral("测"), QStringLiteral("试")}
                                          << QStringList{QStringLiteral("ＡＢＣ"), QStringLiteral("测"),
                                                         QStringLiteral("试")};
        QTest::addRow("japanese and korean") << QStringLiteral("カタカナ 안녕")
                                             << QStringList{QStringLiteral("カ"), QStringLiteral("タ"),
                                                            QStringLiteral("カ"), QStringLiteral("ナ"),
                                                            QStringLiteral("안"), QStringLiteral("녕")}
                                             << QStringList{QStringLiteral("カ"), QStringLiteral("タ"),
                                                            QStringLiteral("カ"), QStringLiteral("ナ"),
                                                            QStringLiteral("안"), QStringLiteral("녕")};
        QTest::addRow("emoji") << QStringLiteral("good 😀 day👍")
                               << QStringList{"good", QStringLiteral("😀"), "day", QStringLiteral("👍")}
                               << QStringList{"good", QStringLiteral("😀"), "day", QStringLiteral("👍")};
        QTest::addRow("punctuation only") << QStringLiteral(" ... ,;!? ") << QStringList{} << QStringList{};
        QTest::addRow("empty") << QString() << QStringList{} << QStringList{};
    }

    void tokenizes()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, tokens);
        QFETCH(QStringList, originals);
        const auto result = tokenize(text);
        QCOMPARE(texts(result), tokens);
        QCOMPARE(spans(text, result), originals);
    }

    void offsetsCountSurrogatePairsAsTwoUnits()
    {
        // U+20000 (CJK extension B) and U+1F600 (emoji) are each two UTF-16 units.
        const QString text = QStringLiteral("\U00020000字 😀ok");
        QCOMPARE(text.size(), 8);
        const auto tokens = tokenize(text);
        QCOMPARE(tokens.size(), 4);
        QCOMPARE(tokens[0].start, 0);
        QCOMPARE(tokens[0].end, 2);
        QCOMPARE(tokens[0].text, QStringLiteral("\U00020000"));
        QCOMPARE(tokens[1].start, 2);
        QCOMPARE(tokens[1].end, 3);
        QCOMPARE(tokens[2].start, 4);
        QCOMPARE(tokens[2].end, 6);
        QCOMPARE(tokens[3].start, 6);
        QCOMPARE(tokens[3].end, 8);
        QCOMPARE(tokens[3].text, QStringLiteral("ok"));
    }

    void offsetsMapBackOnLongMixedText()
    {
        const QString text = QStringLiteral("Die Straße 🚀 ist 很长 (2.5 km), isn't it? \U0002A6A5 End");
        const auto tokens = tokenize(text);
        QVERIFY(tokens.size() >= 10);
        int previousEnd = 0;
        for (const Token &t : tokens) {
            QVERIFY(t.start >= previousEnd);
            QVERIFY(t.end > t.start);
            QVERIFY(t.end <= text.size());
            // The normalized text of a token is exactly the normalization of the span it points at.
            QCOMPARE(normalizeToken(text.mid(t.start, t.end - t.start)), t.text);
            previousEnd = t.end;
        }
    }

    void fastPathMatchesBoundaryFinder_data()
    {
        QTest::addColumn<QString>("alphabet");
        QTest::addRow("ascii") << QStringLiteral("aZq09__..,,;;::''-!?@(\"#$%/ \t\n\r");
        // Han and CJK punctuation take the fast path; full-width , : ; and kana send the stretch to the finder.
        QTest::addRow("ascii and chinese") << QStringLiteral("a9.,'_ 中文字。、《》「」！？（）\U00020000，：；カ");
    }

    void fastPathMatchesBoundaryFinder()
    {
        // Stretches of ASCII and Han skip QTextBoundaryFinder; on random text the tokens must still be exactly
        // the finder's word segments that hold a letter or digit, with Han segments one character each.
        QFETCH(QString, alphabet);
        const auto units = alphabet.toUcs4();
        std::uint64_t state = 12345;
        for (int round = 0; round < 3000; ++round) {
            QString text;
            const int length = 1 + int(state % 24);
            for (int i = 0; i < length; ++i) {
                state = state * 6364136223846793005ull + 1442695040888963407ull;
                const char32_t cp = units.at(int((state >> 33) % std::uint64_t(units.size())));
                text += QString::fromUcs4(&cp, 1);
            }
            QStringList expected;
            QTextBoundaryFinder finder(QTextBoundaryFinder::Word, text);
            int start = 0;
            for (int end = int(finder.toNextBoundary()); end != -1; end = int(finder.toNextBoundary())) {
                const QString segment = text.mid(start, end - start);
                const auto cps = segment.toUcs4();
                if (std::any_of(cps.begin(), cps.end(), [](char32_t c) { return QChar::isLetterOrNumber(c); })) {
                    // Inside a word segment, each Han or kana character stands alone; the rest stays together.
                    QString run;
                    for (char32_t c : cps) {
                        const auto script = QChar::script(c);
                        if (script == QChar::Script_Han || script == QChar::Script_Katakana) {
                            if (!run.isEmpty())
                                expected << run;
                            run.clear();
                            expected << QString::fromUcs4(&c, 1);
                        } else {
                            run += QString::fromUcs4(&c, 1);
                        }
                    }
                    if (!run.isEmpty())
                        expected << run;
                }
                start = end;
            }
            QVERIFY2(spans(text, tokenize(text)) == expected,
                     qPrintable(QStringLiteral("[%1] -> %2 vs finder %3")
                                    .arg(text, spans(text, tokenize(text)).join(QLatin1Char('|')),
                                         expected.join(QLatin1Char('|')))));
        }
    }

    void normalizesTokens()
    {
        QCOMPARE(normalizeToken(QStringLiteral("ABC１２３xyz")), QStringLiteral("abc000xyz"));
        QCOMPARE(normalizeToken(QStringLiteral("Ünïcode")), QStringLiteral("ünïcode"));
        QCOMPARE(normalizeToken(QString()), QString());
    }

    void hasherIsDeterministicAcrossInstances()
    {
        // FNV-1a-64 of the UTF-8 bytes: "hello" hashes to 0xa430d84680aabd0b, i.e. bucket 703755 of 2^20,
        // and U+4E2D to bucket 656084 (computed independently of this code).
        FeatureHasher hasher;
        QCOMPARE(hasher.bucketOf(QStringLiteral("hello")), std::int64_t(703755));
        QCOMPARE(hasher.bucketOf(QStringLiteral("中")), std::int64_t(656084));
        const QString text = QStringLiteral("The same text 同样的文本 gives the same features 😀");
        QCOMPARE(FeatureHasher().features(text), hasher.features(text));
        QCOMPARE(hasher.features(text).front(), hasher.bucketOf(QStringLiteral("the")));
    }

    void hasherStaysInBucketRange_data()
    {
        QTest::addColumn<int>("buckets");
        QTest::addColumn<bool>("charNgrams");
        QTest::addRow("97 words") << 97 << false;
        QTest::addRow("97 with subwords") << 97 << true;
        QTest::addRow("2^20 with subwords") << (1 << 20) << true;
    }

    void hasherStaysInBucketRange()
    {
        QFETCH(int, buckets);
        QFETCH(bool, charNgrams);
        FeatureConfig config;
        config.buckets = buckets;
        config.charNgrams = charNgrams;
        FeatureHasher hasher(config);
        const auto features = hasher.features(QStringLiteral("Quick brown foxes 跳过了 lazy dogs 42 times 🦊"));
        QVERIFY(!features.empty());
        for (auto f : features)
            QVERIFY(f >= 0 && f < buckets);
        if (buckets == 97) {
            std::set<std::int64_t> distinct(features.begin(), features.end());
            QVERIFY(distinct.size() > 5); // the hash spreads over the buckets
        }
    }

    void hasherCountsNgrams()
    {
        FeatureConfig config;
        config.wordNgrams = 1;
        QCOMPARE(FeatureHasher(config).features(QStringLiteral("a b c d")).size(), size_t(4));
        config.wordNgrams = 2;
        QCOMPARE(FeatureHasher(config).features(QStringLiteral("a b c d")).size(), size_t(4 + 3));
        // Chinese: unigrams plus character bigrams.
        QCOMPARE(FeatureHasher(config).features(QStringLiteral("我爱北京")).size(), size_t(4 + 3));
        config.wordNgrams = 3;
        QCOMPARE(FeatureHasher(config).features(QStringLiteral("a b c d")).size(), size_t(4 + 3 + 2));
        config.wordNgrams = 1;
        config.charNgrams = true; // "<abc>": three 3-grams and two 4-grams (5-grams would be the whole word)
        QCOMPARE(FeatureHasher(config).features(QStringLiteral("abc")).size(), size_t(1 + 3 + 2));
    }

    void bigramsDependOnOrder()
    {
        FeatureHasher hasher;
        auto ab = hasher.features(QStringLiteral("alpha beta"));
        auto ba = hasher.features(QStringLiteral("beta alpha"));
        std::sort(ab.begin(), ab.end());
        std::sort(ba.begin(), ba.end());
        QVERIFY(ab != ba); // same unigrams, different bigram
    }

    void tokensAndTextAgree()
    {
        FeatureConfig config;
        config.charNgrams = true;
        FeatureHasher hasher(config);
        const QString text = QStringLiteral("Mixed 中文 and English, 123 😀!");
        const QStringList tokens = texts(tokenize(text));
        QCOMPARE(hasher.featuresOfTokens(tokens), hasher.features(text));
    }

    void denseVectorsKeepSimilarDocumentsClose()
    {
        FeatureHasher hasher;
        const auto a = FeatureHasher::denseVector(hasher.features(QStringLiteral("cheap pills buy now cheap")), 64);
        const auto b = FeatureHasher::denseVector(hasher.features(QStringLiteral("buy cheap pills now")), 64);
        const auto c = FeatureHasher::denseVector(hasher.features(QStringLiteral("会议纪要 周二 下午")), 64);
        QCOMPARE(a.size(), size_t(64));
        QCOMPARE(FeatureHasher::denseVector(hasher.features(QStringLiteral("cheap pills buy now cheap")), 64), a);
        const auto dot = [](const std::vector<float> &x, const std::vector<float> &y) {
            double sum = 0;
            for (size_t i = 0; i < x.size(); ++i)
                sum += double(x[i]) * y[i];
            return sum;
        };
        QVERIFY(std::abs(dot(a, a) - 1.0) < 1e-5);
        QVERIFY(dot(a, b) > dot(a, c) + 0.2);
        const auto empty = FeatureHasher::denseVector({}, 8);
        QCOMPARE(empty, std::vector<float>(8, 0.0f));
    }

    void featuresOfAllMatchesOneByOne()
    {
        QStringList texts;
        for (int i = 0; i < 1000; ++i)
            texts << QStringLiteral("document %1 讲的是 topic %2 😀").arg(i).arg(QChar(u'a' + i % 26));
        FeatureHasher hasher;
        const auto all = hasher.featuresOfAll(texts);
        QCOMPARE(all.size(), size_t(1000));
        for (int i = 0; i < texts.size(); i += 37)
            QCOMPARE(all[size_t(i)], hasher.features(texts.at(i)));
        QCOMPARE(all.back(), hasher.features(texts.last()));
        QVERIFY(hasher.featuresOfAll({}).empty());
    }

    void spanTokensOfStoredTokens()
    {
        const QStringList tokens{"New", "York", "is", "big"};
        const QVector<TokenSpan> spans = annotationTokens(tokens.join(' '), tokens);
        QCOMPARE(spans, (QVector<TokenSpan>{{0, 3}, {4, 8}, {9, 11}, {12, 15}}));
    }

    void spanTokensOfChineseText()
    {
        // Raw text: the engine's tokenizer, one token per Han character, punctuation left out.
        const QString text = QStringLiteral("我去北京。Visit Paris");
        QCOMPARE(annotationTokens(text),
                 (QVector<TokenSpan>{{0, 1}, {1, 2}, {2, 3}, {3, 4}, {5, 10}, {11, 16}}));
    }

    void spansAndTagsRoundTrip()
    {
        const QString text = QStringLiteral("Anna met Bob Smith in 北京 today");
        const QVector<TokenSpan> tokens = annotationTokens(text);
        const QVector<Span> spans{{0, 4, "PER"}, {9, 18, "PER"}, {22, 24, "LOC"}};
        const QStringList tags = bioTags(tokens, spans);
        QCOMPARE(tags, (QStringList{"B-PER", "O", "B-PER", "I-PER", "O", "B-LOC", "I-LOC", "O"}));
        QCOMPARE(spansFromTags(tokens, tags), spans);
    }

    void spansSnapToTokensAndDoNotOverlap()
    {
        const QStringList tokens{"a", "bb", "cc", "d"};
        const QVector<TokenSpan> t = annotationTokens(tokens.join(' '), tokens);
        // "b" inside "bb" extends to the whole token; the second span loses the token the first took.
        const QStringList tags = bioTags(t, {{3, 4, "X"}, {3, 7, "Y"}});
        QCOMPARE(tags, (QStringList{"O", "B-X", "B-Y", "O"}));
        QCOMPARE(tokenRange(t, 3, 6).first, 1);
        QCOMPARE(tokenRange(t, 3, 6).last, 2);
        QVERIFY(tokenRange(t, 1, 2).isEmpty());
    }

    void spansFromIob1AndBioesTags()
    {
        const QStringList tokens{"w", "x", "y", "z"};
        const QVector<TokenSpan> t = annotationTokens(tokens.join(' '), tokens);
        QCOMPARE(spansFromTags(t, {"I-A", "I-A", "O", "S-B"}), (QVector<Span>{{0, 3, "A"}, {6, 7, "B"}}));
        QCOMPARE(spansFromTags(t, {"B-A", "E-A", "B-A"}), (QVector<Span>{{0, 3, "A"}, {4, 5, "A"}}));
    }

    void swapAugmentationKeepsWordsAndChangesBigrams()
    {
        const FeatureHasher hasher;
        const QString text = QStringLiteral("the quick brown fox jumps over the lazy dog again and again today");
        const auto plain = hasher.features(text);
        const auto none = hasher.featuresWithSwaps(text, 0.0, 1);
        QCOMPARE(none, plain);
        const auto swapped = hasher.featuresWithSwaps(text, 1.0, 1);
        QCOMPARE(swapped.size(), plain.size());
        QVERIFY(swapped != plain);
        QCOMPARE(hasher.featuresWithSwaps(text, 0.5, 7), hasher.featuresWithSwaps(text, 0.5, 7));
        // Same words, so the unigram buckets are the same multiset.
        FeatureConfig unigrams;
        unigrams.wordNgrams = 1;
        const FeatureHasher words(unigrams);
        auto a = words.features(text), b = words.featuresWithSwaps(text, 1.0, 3);
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        QCOMPARE(a, b);
    }

    void maxTokensCutsLongDocuments()
    {
        FeatureConfig config;
        config.wordNgrams = 1;
        config.maxTokens = 10;
        QString text;
        for (int i = 0; i < 1000; ++i)
            text += QStringLiteral("word ");
        QCOMPARE(FeatureHasher(config).features(text).size(), size_t(10));
    }

    // SentencePiece, for text encoders trained with it: the model's own marks, a cut that keeps the end mark, Chinese
    // pieces, and files that are no model refused by name.
    void sentencePieceTokenizesAsItsModelSays()
    {
        QTemporaryDir dir;
        QStringList sentences;
        for (int i = 0; i < 60; ++i)
            sentences << QStringLiteral("the striker scored a goal in match %1").arg(i)
                      << QStringLiteral("simmer the garlic in butter for %1 minutes").arg(i)
                      << QStringLiteral("第%1号客户申请退款，订单已取消").arg(i);
        const QString bert = dir.filePath(QStringLiteral("bert"));
        QVERIFY(marginalia::testing::trainTinySentencePiece(bert, sentences, 120, true));
        auto read = readSubwordTokenizer(bert + QStringLiteral(".model"));
        QVERIFY2(read, qPrintable(read ? QString() : read.error()));
        const SubwordTokenizer &t = **read;
        const std::vector<std::int64_t> ids = t.encode(QStringLiteral("the striker scored"), 64);
        QVERIFY(ids.size() >= 3);
        QCOMPARE(ids.front(), std::int64_t(3)); // [CLS]: user-defined pieces follow <unk>, <s>, </s>
        QCOMPARE(ids.back(), std::int64_t(4));  // [SEP]
        QCOMPARE(t.padId(), std::int64_t(5));   // [PAD]
        QVERIFY(t.size() >= 100);
        const QStringList chinese = t.pieces(QStringLiteral("客户申请退款"));
        QVERIFY(!chinese.isEmpty());
        QCOMPARE(chinese.join(QString()).remove(QChar(0x2581)), QStringLiteral("客户申请退款"));
        const std::vector<std::int64_t> cut = t.encode(sentences.join(QLatin1Char(' ')), 7);
        QCOMPARE(cut.size(), std::size_t(7));
        QCOMPARE(cut.front(), std::int64_t(3));
        QCOMPARE(cut.back(), std::int64_t(4));

        // A model without [CLS] and [SEP] marks texts with its BOS and EOS ids.
        const QString plain = dir.filePath(QStringLiteral("plain"));
        QVERIFY(marginalia::testing::trainTinySentencePiece(plain, sentences, 120, false));
        auto plainRead = readSubwordTokenizer(plain + QStringLiteral(".model"));
        QVERIFY(plainRead);
        const std::vector<std::int64_t> marked = (*plainRead)->encode(QStringLiteral("garlic"), 16);
        QCOMPARE(marked.front(), std::int64_t(1)); // <s>
        QCOMPARE(marked.back(), std::int64_t(2));  // </s>

        // Refusals name the file: text that is no model, a folder, a missing file.
        QFile junk(dir.filePath(QStringLiteral("junk.model")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("this is not a protocol buffer");
        junk.close();
        QDir(dir.path()).mkdir(QStringLiteral("folder.model"));
        for (const QString &bad : {junk.fileName(), dir.filePath(QStringLiteral("folder.model")),
                                   dir.filePath(QStringLiteral("missing.model"))}) {
            const auto refused = readSubwordTokenizer(bad);
            QVERIFY(!refused);
            QVERIFY2(refused.error().contains(bad), qPrintable(refused.error()));
        }
    }
};

QTEST_GUILESS_MAIN(TestText)
#include "tst_text.moc"
