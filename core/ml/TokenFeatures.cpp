#include "ml/TokenFeatures.h"
#include "ml/WordClusters.h"
#include "text/Tokenizer.h"

#include <algorithm>

namespace marginalia::ml {

namespace {
constexpr std::uint64_t kFnvOffset = 14695981039346656037ULL;
constexpr std::uint64_t kFnvPrime = 1099511628211ULL;
constexpr int kMaxPrefix = 3;
constexpr int kMaxSuffix = 4;
constexpr int kMaxShape = 6;
} // namespace

TokenFeatures::TokenFeatures(int buckets) : m_buckets(std::max(1, buckets)) {}

void TokenFeatures::add(std::vector<std::int64_t> &ids, char kind, const QString &value) const
{
    // The kind byte keeps the feature families apart ("s:ing" is not the word "ing").
    std::uint64_t h = kFnvOffset;
    h = (h ^ static_cast<unsigned char>(kind)) * kFnvPrime;
    h = (h ^ static_cast<unsigned char>(':')) * kFnvPrime;
    const QByteArray bytes = value.toUtf8();
    for (const char c : bytes)
        h = (h ^ static_cast<unsigned char>(c)) * kFnvPrime;
    ids.push_back(static_cast<std::int64_t>(h % static_cast<std::uint64_t>(m_buckets)));
}

QString TokenFeatures::shape(const QString &token)
{
    QString out;
    for (const QChar c : token) {
        const QChar s = c.isUpper() ? QLatin1Char('X')
                        : c.isLower() ? QLatin1Char('x')
                        : c.isDigit() ? QLatin1Char('d')
                        : c.isLetter() ? QLatin1Char('l') // scripts without case (Han, Kana, ...)
                                       : c;
        if (out.isEmpty() || out.back() != s)
            out.append(s);
        if (out.size() >= kMaxShape)
            break;
    }
    return out;
}

EncodedSentence TokenFeatures::encode(const QStringList &tokens) const
{
    EncodedSentence s;
    s.offsets.reserve(static_cast<std::size_t>(tokens.size()) + 1);
    s.ids.reserve(static_cast<std::size_t>(tokens.size()) * 9);
    for (const QString &token : tokens) {
        s.offsets.push_back(static_cast<std::int32_t>(s.ids.size()));
        const QString word = text::normalizeToken(token);
        add(s.ids, 'w', word);
        for (int n = 1; n <= kMaxPrefix && n < word.size(); ++n)
            add(s.ids, 'p', word.left(n));
        for (int n = 1; n <= kMaxSuffix && n < word.size(); ++n)
            add(s.ids, 's', word.right(n));
        add(s.ids, 'h', shape(token));
        if (m_classes)
            if (const auto it = m_classes->of.constFind(word); it != m_classes->of.constEnd())
                for (std::size_t level = 0; level < it->size(); ++level)
                    add(s.ids, 'c', QString::number(m_classes->levels[level]) + QLatin1Char(':') + QString::number((*it)[level]));
    }
    s.offsets.push_back(static_cast<std::int32_t>(s.ids.size()));
    return s;
}

} // namespace marginalia::ml
