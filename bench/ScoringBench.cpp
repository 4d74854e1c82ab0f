// Featurize and rank a 100k-document pool: tokenization + hashing throughput next to a regex-split baseline,
// and ranking time per query strategy next to a full std::sort of the scores, all measured in this run.
//
// Usage: marginalia_scoring_bench [POOL_SIZE] [SPAM_ASSASSIN_JSONL]
// Without the JSONL file (see the datasets README) only the generated English/Chinese pool is used.
#include "al/Strategies.h"
#include "text/FeatureHasher.h"
#include "text/Tokenizer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QThreadPool>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <random>

using namespace marginalia;

namespace {

const char *kWords[] = {"the", "model", "Label", "annotator", "sample", "quickly", "price", "refund", "meeting",
                        "Tuesday", "server", "error", "2024", "v1.2", "can't", "e-mail", "naïve", "Straße", "ok",
                        "unsubscribe", "FREE", "offer", "report", "invoice", "$100", "https://example.org/x"};
const char *kChinese[] = {"我们", "今天", "模型", "标注", "数据", "学习", "价格", "退款",
                          "会议", "服务器", "错误", "免费", "报告", "发票", "中文分词", "主动学习"};

QString makeDocument(std::mt19937 &rng, int chars)
{
    QString doc;
    doc.reserve(chars + 32);
    std::uniform_int_distribution<int> word(0, int(std::size(kWords)) - 1);
    std::uniform_int_distribution<int> han(0, int(std::size(kChinese)) - 1);
    std::uniform_int_distribution<int> kind(0, 9);
    while (doc.size() < chars) {
        const int k = kind(rng);
        if (k < 6)
            doc += QString::fromUtf8(kWords[word(rng)]) + QLatin1Char(' ');
        else if (k < 9)
            doc += QString::fromUtf8(kChinese[han(rng)]);
        else
            doc += QStringLiteral(", ");
    }
    return doc;
}

// The obvious way: lowercase, split on non-word characters with a regular expression, hash each token's UTF-8.
std::vector<std::int64_t> regexFeatures(const QString &text, const QRegularExpression &splitter, int buckets)
{
    std::vector<std::int64_t> out;
    const QStringList tokens = text.toLower().split(splitter, Qt::SkipEmptyParts);
    std::uint64_t previous = 0;
    bool havePrevious = false;
    for (const QString &t : tokens) {
        const QByteArray bytes = t.toUtf8();
        std::uint64_t h = 14695981039346656037ull;
        for (char c : bytes)
            h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
        out.push_back(std::int64_t(h % std::uint64_t(buckets)));
        if (havePrevious)
            out.push_back(std::int64_t((h * 116049371ull + previous) % std::uint64_t(buckets)));
        previous = h;
        havePrevious = true;
    }
    return out;
}

template<typename Fn>
double bestSeconds(int repeats, Fn &&fn)
{
    double best = 1e100;
    for (int r = 0; r < repeats; ++r) {
        QElapsedTimer t;
        t.start();
        fn();
        best = std::min(best, t.nsecsElapsed() / 1e9);
    }
    return best;
}

void featurizeBench(const char *title, const QStringList &docs)
{
    qint64 chars = 0;
    for (const QString &d : docs)
        chars += d.size();
    text::FeatureHasher hasher;
    const QRegularExpression splitter(QStringLiteral("\\W+"), QRegularExpression::UseUnicodePropertiesOption);
    std::size_t sink = 0;
    const double ours = bestSeconds(2, [&] {
        for (const QString &d : docs)
            sink += hasher.features(d).size();
    });
    const double parallel = bestSeconds(2, [&] { sink += hasher.featuresOfAll(docs).size(); });
    // The same work one document at a time, keeping every result as featuresOfAll does.
    const double serialKept = bestSeconds(2, [&] {
        std::vector<std::vector<std::int64_t>> all;
        all.reserve(size_t(docs.size()));
        for (const QString &d : docs)
            all.push_back(hasher.features(d));
        sink += all.size();
    });
    const double tokens = bestSeconds(2, [&] {
        for (const QString &d : docs)
            sink += std::size_t(text::tokenize(d).size());
    });
    const double regex = bestSeconds(2, [&] {
        for (const QString &d : docs)
            sink += regexFeatures(d, splitter, 1 << 20).size();
    });
    const double n = docs.size();
    std::printf("\n%s: %d docs, %.0f chars/doc\n", title, int(docs.size()), double(chars) / n);
    std::printf("  %-44s %12.0f docs/s  %7.1f MB/s(utf16)\n", "FeatureHasher::features (tokenize+hash)", n / ours,
                2.0 * chars / ours / 1e6);
    std::printf("  %-44s %12.0f docs/s\n", "features() one by one, results kept", n / serialKept);
    std::printf("  %-44s %12.0f docs/s   %.2fx on %d threads\n", "FeatureHasher::featuresOfAll (results kept)",
                n / parallel, serialKept / parallel, QThreadPool::globalInstance()->maxThreadCount());
    std::printf("  %-44s %12.0f docs/s\n", "tokenize() (Token with QString per token)", n / tokens);
    std::printf("  %-44s %12.0f docs/s   ours is %.2fx\n", "baseline: toLower + regex \\W+ split + hash", n / regex,
                regex / ours);
    if (sink == 42)
        std::printf(" ");
}

al::PoolScores makePool(int n, int classes, int dim, int passes, int labeled)
{
    std::mt19937 rng(7);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    al::PoolScores s;
    s.n = n;
    s.classes = classes;
    s.dim = dim;
    const auto softmaxRow = [&](std::vector<float> &out, float temperature) {
        float logits[64];
        float maxLogit = -1e30f, sum = 0;
        for (int c = 0; c < classes; ++c)
            logits[c] = normal(rng) * temperature, maxLogit = std::max(maxLogit, logits[c]);
        for (int c = 0; c < classes; ++c)
            sum += (logits[c] = std::exp(logits[c] - maxLogit));
        for (int c = 0; c < classes; ++c)
            out.push_back(logits[c] / sum);
    };
    for (int i = 0; i < n; ++i)
        softmaxRow(s.probs, 2.0f);
    s.mc.resize(size_t(passes));
    for (auto &pass : s.mc)
        for (int i = 0; i < n; ++i)
            softmaxRow(pass, 2.0f);
    // Embeddings around 16 centres, so the pool has structure for coreset and k-means.
    std::vector<float> centres(size_t(16 * dim));
    for (auto &v : centres)
        v = normal(rng) * 4.0f;
    s.embeddings.reserve(size_t(n) * dim);
    for (int i = 0; i < n; ++i)
        for (int d = 0; d < dim; ++d)
            s.embeddings.push_back(centres[size_t((i % 16) * dim + d)] + normal(rng));
    for (int i = 0; i < labeled * dim; ++i)
        s.labeledEmbeddings.push_back(normal(rng) * 4.0f);
    return s;
}

void rankBench(int n)
{
    const int batch = 100;
    const al::PoolScores pool = makePool(n, 10, 64, 10, 200);
    std::printf("\nRanking a pool of %d (10 classes, 64-dim embeddings, 10 MC passes, 200 labeled), batch %d, "
                "%d threads\n",
                n, batch, QThreadPool::globalInstance()->maxThreadCount());

    // Baseline: margin scores, then std::sort of every index by score.
    const double naive = bestSeconds(3, [&] {
        const auto scores = al::findStrategy(QStringLiteral("margin"), al::ScoreKind::ClassProbabilities)->informativeness(pool, 0);
        std::vector<int> order(scores.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](int a, int b) { return scores[size_t(a)] > scores[size_t(b)]; });
    });
    std::printf("  %-40s %9.1f ms\n", "baseline: margin + std::sort of all", naive * 1e3);
    for (const QString &name : al::strategyNames(al::ScoreKind::ClassProbabilities)) {
        const al::Strategy &strategy = *al::findStrategy(name, al::ScoreKind::ClassProbabilities);
        const int repeats = name == QLatin1String("coreset") ? 1 : 3;
        const double full = bestSeconds(repeats, [&] { (void)al::rankPool(strategy, pool, batch, 1); });
        const double top = bestSeconds(repeats, [&] { (void)al::rankPool(strategy, pool, batch, 1, 1000); });
        std::printf("  %-40s %9.1f ms full ranking, %9.1f ms top 1000\n", qPrintable(name), full * 1e3, top * 1e3);
    }
    const double cold = bestSeconds(1, [&] { (void)al::coldStartPicks(pool, batch, 1); });
    std::printf("  %-40s %9.1f ms\n", "cold start (k-means, k = batch)", cold * 1e3);
}

QStringList loadJsonl(const QString &path, int count)
{
    QStringList texts;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return texts;
    while (!file.atEnd())
        texts << QJsonDocument::fromJson(file.readLine()).object().value(QStringLiteral("text")).toString();
    QStringList docs;
    for (int i = 0; !texts.isEmpty() && i < count; ++i)
        docs << texts.at(i % texts.size());
    return docs;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int n = args.size() > 1 ? args.at(1).toInt() : 100000;

    std::mt19937 rng(1);
    QStringList shortDocs, longDocs;
    for (int i = 0; i < n; ++i)
        shortDocs << makeDocument(rng, 100);
    for (int i = 0; i < n; ++i)
        longDocs << makeDocument(rng, 1000);
    featurizeBench("Generated short documents (English + Chinese)", shortDocs);
    featurizeBench("Generated pool documents (English + Chinese)", longDocs);
    if (args.size() > 2) {
        const QStringList spam = loadJsonl(args.at(2), n);
        if (spam.isEmpty())
            std::fprintf(stderr, "could not read %s\n", qPrintable(args.at(2)));
        else
            featurizeBench("SpamAssassin emails, cycled", spam);
    }
    rankBench(n);
    return 0;
}
