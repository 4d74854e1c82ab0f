#include "TfidfRegression.h"
#include "text/Tokenizer.h"

#include <QHash>
#include <algorithm>
#include <cmath>

namespace marginalia::bench {

namespace {
struct SparseDoc
{
    std::vector<int> columns;
    std::vector<float> values;
};

QStringList terms(const QString &text)
{
    QStringList words;
    for (const text::Token &t : text::tokenize(text))
        words << t.text;
    QStringList out = words;
    for (qsizetype i = 0; i + 1 < words.size(); ++i)
        out << words[i] + QLatin1Char(' ') + words[i + 1];
    return out;
}
} // namespace

metrics::ClassificationReport tfidfRegression(const QVector<ml::LabeledText> &train, const QVector<ml::LabeledText> &eval,
                                              const TfidfRegressionOptions &options)
{
    QStringList labels;
    for (const auto &row : train)
        if (!row.labels.isEmpty() && !labels.contains(row.labels.first()))
            labels << row.labels.first();
    labels.sort();
    const int k = static_cast<int>(labels.size());

    // Vocabulary: terms in at least two training documents.
    std::vector<QStringList> trainTerms;
    QHash<QString, int> documentCount;
    for (const auto &row : train) {
        trainTerms.push_back(terms(row.text));
        QStringList distinct = trainTerms.back();
        distinct.removeDuplicates();
        for (const QString &t : std::as_const(distinct))
            ++documentCount[t];
    }
    QHash<QString, int> column;
    std::vector<float> idf;
    const double n = double(train.size());
    for (auto it = documentCount.cbegin(); it != documentCount.cend(); ++it)
        if (it.value() >= 2) {
            column.insert(it.key(), int(idf.size()));
            idf.push_back(float(std::log((1 + n) / (1 + it.value())) + 1));
        }
    const int d = static_cast<int>(idf.size());
    const auto vectorize = [&](const QStringList &ts) {
        QHash<int, int> counts;
        for (const QString &t : ts)
            if (const auto c = column.constFind(t); c != column.constEnd())
                ++counts[*c];
        SparseDoc doc;
        double squares = 0;
        for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
            const float v = float(1 + std::log(double(it.value()))) * idf[std::size_t(it.key())];
            doc.columns.push_back(it.key());
            doc.values.push_back(v);
            squares += double(v) * v;
        }
        for (float &v : doc.values)
            v = float(v / std::sqrt(std::max(squares, 1e-12)));
        return doc;
    };
    std::vector<SparseDoc> xs;
    std::vector<int> ys;
    for (std::size_t i = 0; i < trainTerms.size(); ++i) {
        if (train[qsizetype(i)].labels.isEmpty())
            continue;
        xs.push_back(vectorize(trainTerms[i]));
        ys.push_back(int(labels.indexOf(train[qsizetype(i)].labels.first())));
    }
    std::vector<double> sampleWeight(xs.size(), 1.0);
    if (options.balanced) {
        std::vector<double> counts(std::size_t(k), 0);
        for (int y : ys)
            counts[std::size_t(y)] += 1;
        for (std::size_t i = 0; i < ys.size(); ++i)
            sampleWeight[i] = double(xs.size()) / (k * counts[std::size_t(ys[i])]);
    }

    // Objective: mean weighted log loss + ||W||^2 / (2 C m) (bias unregularized), which has scikit-learn's
    // minimum; minimized by L-BFGS (10 pairs, backtracking line search), its default solver too.
    const std::size_t width = std::size_t(d + 1) * std::size_t(k);
    const double m = double(xs.size());
    const double lambda = 1.0 / (options.c * m);
    std::vector<double> logits(static_cast<std::size_t>(k), 0.0);
    const auto index = [k](int feature, int label) { return std::size_t(feature) * std::size_t(k) + std::size_t(label); };
    const auto objective = [&](const std::vector<double> &w, std::vector<double> &grad) {
        std::fill(grad.begin(), grad.end(), 0.0);
        double loss = 0;
        for (std::size_t i = 0; i < xs.size(); ++i) {
            const SparseDoc &x = xs[i];
            for (int c = 0; c < k; ++c)
                logits[std::size_t(c)] = w[index(d, c)];
            for (std::size_t e = 0; e < x.columns.size(); ++e)
                for (int c = 0; c < k; ++c)
                    logits[std::size_t(c)] += x.values[e] * w[index(x.columns[e], c)];
            const double top = *std::max_element(logits.begin(), logits.end());
            double sum = 0;
            for (double l : logits)
                sum += std::exp(l - top);
            loss += sampleWeight[i] * (top + std::log(sum) - logits[std::size_t(ys[i])]) / m;
            for (int c = 0; c < k; ++c) {
                const double p = std::exp(logits[std::size_t(c)] - top) / sum;
                const double g = sampleWeight[i] * (p - (c == ys[i] ? 1.0 : 0.0)) / m;
                grad[index(d, c)] += g;
                for (std::size_t e = 0; e < x.columns.size(); ++e)
                    grad[index(x.columns[e], c)] += g * x.values[e];
            }
        }
        for (std::size_t j = 0; j < std::size_t(d) * std::size_t(k); ++j) {
            loss += 0.5 * lambda * w[j] * w[j];
            grad[j] += lambda * w[j];
        }
        return loss;
    };
    const auto dot = [](const std::vector<double> &a, const std::vector<double> &b) {
        double s = 0;
        for (std::size_t j = 0; j < a.size(); ++j)
            s += a[j] * b[j];
        return s;
    };
    std::vector<double> w(width, 0), grad(width), next(width), nextGrad(width), direction(width);
    std::vector<std::vector<double>> ss, ys2;
    std::vector<double> rhos;
    double f = objective(w, grad);
    for (int iteration = 0; iteration < options.iterations; ++iteration) {
        // Two-loop recursion: direction = -H * grad.
        direction = grad;
        std::vector<double> alphas(ss.size());
        for (std::size_t h = ss.size(); h-- > 0;) {
            alphas[h] = rhos[h] * dot(ss[h], direction);
            for (std::size_t j = 0; j < width; ++j)
                direction[j] -= alphas[h] * ys2[h][j];
        }
        const double gamma = ss.empty() ? 1.0 / std::sqrt(std::max(dot(grad, grad), 1e-300))
                                        : dot(ss.back(), ys2.back()) / dot(ys2.back(), ys2.back());
        for (double &v : direction)
            v *= gamma;
        for (std::size_t h = 0; h < ss.size(); ++h) {
            const double beta = rhos[h] * dot(ys2[h], direction);
            for (std::size_t j = 0; j < width; ++j)
                direction[j] += (alphas[h] - beta) * ss[h][j];
        }
        for (double &v : direction)
            v = -v;
        const double slope = dot(grad, direction);
        if (slope >= 0)
            break;
        double t = 1, nextF = 0;
        for (int tries = 0; tries < 30; ++tries, t *= 0.5) {
            for (std::size_t j = 0; j < width; ++j)
                next[j] = w[j] + t * direction[j];
            nextF = objective(next, nextGrad);
            if (nextF <= f + 1e-4 * t * slope)
                break;
        }
        std::vector<double> s(width), y(width);
        for (std::size_t j = 0; j < width; ++j) {
            s[j] = next[j] - w[j];
            y[j] = nextGrad[j] - grad[j];
        }
        const double sy = dot(s, y);
        w.swap(next);
        grad.swap(nextGrad);
        const double previous = f;
        f = nextF;
        if (sy > 1e-12) {
            ss.push_back(std::move(s));
            ys2.push_back(std::move(y));
            rhos.push_back(1 / sy);
            if (ss.size() > 10) {
                ss.erase(ss.begin());
                ys2.erase(ys2.begin());
                rhos.erase(rhos.begin());
            }
        }
        if (previous - f < 1e-9 * std::max(1.0, std::abs(f)))
            break;
    }

    std::vector<int> gold, predicted;
    for (const auto &row : eval) {
        if (row.labels.isEmpty() || !labels.contains(row.labels.first()))
            continue;
        const SparseDoc x = vectorize(terms(row.text));
        for (int c = 0; c < k; ++c)
            logits[std::size_t(c)] = w[index(d, c)];
        for (std::size_t e = 0; e < x.columns.size(); ++e)
            for (int c = 0; c < k; ++c)
                logits[std::size_t(c)] += x.values[e] * w[index(x.columns[e], c)];
        gold.push_back(int(labels.indexOf(row.labels.first())));
        predicted.push_back(int(std::max_element(logits.begin(), logits.end()) - logits.begin()));
    }
    return metrics::singleLabelReport(labels, gold, predicted);
}

} // namespace marginalia::bench
