#include "text/FeatureHasher.h"
#include "text/TokenScanner.h"

#include <QtConcurrent/QtConcurrentMap>
#include <algorithm>
#include <cmath>
#include <random>

namespace marginalia::text {

namespace {

constexpr std::uint64_t kFnvOffset = 14695981039346656037ull;
constexpr std::uint64_t kFnvPrime = 1099511628211ull;
// fastText's multiplier for combining the hashes of consecutive words into an n-gram hash.
constexpr std::uint64_t kNgramMultiplier = 116049371ull;

inline std::uint64_t fnvByte(std::uint64_t h, unsigned char b)
{
    return (h ^ b) * kFnvPrime;
}

// FNV-1a over the UTF-8 encoding of the code points, without materializing the bytes.
inline std::uint64_t fnvUtf8(std::uint64_t h, const char32_t *cps, int count)
{
    for (int i = 0; i < count; ++i) {
        const char32_t c = cps[i];
        if (c < 0x80) {
            h = fnvByte(h, static_cast<unsigned char>(c));
        } else if (c < 0x800) {
            h = fnvByte(h, static_cast<unsigned char>(0xC0 | (c >> 6)));
            h = fnvByte(h, static_cast<unsigned char>(0x80 | (c & 0x3F)));
        } else if (c < 0x10000) {
            h = fnvByte(h, static_cast<unsigned char>(0xE0 | (c >> 12)));
            h = fnvByte(h, static_cast<unsigned char>(0x80 | ((c >> 6) & 0x3F)));
            h = fnvByte(h, static_cast<unsigned char>(0x80 | (c & 0x3F)));
        } else {
            h = fnvByte(h, static_cast<unsigned char>(0xF0 | (c >> 18)));
            h = fnvByte(h, static_cast<unsigned char>(0x80 | ((c >> 12) & 0x3F)));
            h = fnvByte(h, static_cast<unsigned char>(0x80 | ((c >> 6) & 0x3F)));
            h = fnvByte(h, static_cast<unsigned char>(0x80 | (c & 0x3F)));
        }
    }
    return h;
}

// Turns a stream of normalized tokens into bucket ids: the word, the word n-grams ending at it, and
// optionally its character n-grams.
class Builder
{
public:
    Builder(const FeatureConfig &config, std::vector<std::int64_t> &out)
        : m_config(config), m_out(out), m_buckets(std::uint64_t(std::max(1, config.buckets))),
          m_order(std::clamp(config.wordNgrams, 1, kMaxOrder))
    {
    }

    bool full() const { return m_tokens >= m_config.maxTokens; }

    void add(const char32_t *cps, int count)
    {
        const std::uint64_t h = fnvUtf8(kFnvOffset, cps, count);
        m_out.push_back(bucket(h));
        // n-grams ending here: combine with the previous order-1 token hashes (most recent first).
        std::uint64_t combined = h;
        for (int k = 1; k < m_order && k <= m_history; ++k) {
            combined = combined * kNgramMultiplier + m_recent[k - 1];
            m_out.push_back(bucket(combined));
        }
        for (int k = kMaxOrder - 1; k > 0; --k)
            m_recent[k] = m_recent[k - 1];
        m_recent[0] = h;
        m_history = std::min(m_history + 1, kMaxOrder);
        if (m_config.charNgrams && count > 1)
            addCharNgrams(cps, count);
        ++m_tokens;
    }

private:
    static constexpr int kMaxOrder = 6;

    std::int64_t bucket(std::uint64_t h) const { return std::int64_t(h % m_buckets); }

    void addCharNgrams(const char32_t *cps, int count)
    {
        m_wrapped.clear();
        m_wrapped.push_back(U'<');
        m_wrapped.insert(m_wrapped.end(), cps, cps + count);
        m_wrapped.push_back(U'>');
        const int len = int(m_wrapped.size());
        for (int n = std::max(1, m_config.charNgramMin); n <= m_config.charNgramMax && n < len; ++n) {
            for (int i = 0; i + n <= len; ++i)
                m_out.push_back(bucket(fnvUtf8(kFnvOffset, m_wrapped.data() + i, n)));
        }
    }

    const FeatureConfig &m_config;
    std::vector<std::int64_t> &m_out;
    std::uint64_t m_buckets;
    int m_order;
    std::uint64_t m_recent[kMaxOrder] = {};
    int m_history = 0;
    int m_tokens = 0;
    std::vector<char32_t> m_wrapped;
};

void toCodePoints(const QString &s, std::vector<char32_t> &out)
{
    out.clear();
    for (qsizetype i = 0; i < s.size(); ++i) {
        char32_t cp = s.at(i).unicode();
        if (QChar::isHighSurrogate(cp) && i + 1 < s.size() && s.at(i + 1).isLowSurrogate())
            cp = QChar::surrogateToUcs4(s.at(i), s.at(i + 1)), ++i;
        out.push_back(cp);
    }
}

} // namespace

FeatureHasher::FeatureHasher(FeatureConfig config) : m_config(config) {}

std::vector<std::int64_t> FeatureHasher::features(const QString &text) const
{
    thread_local std::vector<unsigned char> boundaries;
    thread_local std::vector<char32_t> word;
    std::vector<std::int64_t> out;
    out.reserve(size_t(text.size() / 4 + 4) * size_t(std::max(1, m_config.wordNgrams)));
    Builder builder(m_config, out);
    // Cut the text itself too, so a huge document is not scanned past what maxTokens keeps.
    const qsizetype scanLimit = std::min<qsizetype>(text.size(), qsizetype(m_config.maxTokens) * 64 + 64);
    detail::scanTokens(QStringView(text).left(scanLimit), boundaries, word,
                       [&](int, int, const char32_t *cps, int count) {
                           if (!builder.full())
                               builder.add(cps, count);
                       });
    return out;
}

std::vector<std::vector<std::int64_t>> FeatureHasher::featuresOfAll(const QStringList &texts) const
{
    std::vector<std::vector<std::int64_t>> out(size_t(texts.size()));
    // Chunks of documents rather than single documents keep the pool's per-task overhead small.
    const qsizetype chunk = 256;
    std::vector<qsizetype> starts;
    for (qsizetype start = 0; start < texts.size(); start += chunk)
        starts.push_back(start);
    QtConcurrent::blockingMap(starts, [&](qsizetype start) {
        const qsizetype end = std::min(texts.size(), start + chunk);
        for (qsizetype i = start; i < end; ++i)
            out[size_t(i)] = features(texts.at(i));
    });
    return out;
}

std::vector<std::int64_t> FeatureHasher::featuresOfTokens(const QStringList &normalizedTokens) const
{
    std::vector<std::int64_t> out;
    out.reserve(size_t(normalizedTokens.size()) * size_t(std::max(1, m_config.wordNgrams)));
    Builder builder(m_config, out);
    std::vector<char32_t> cps;
    for (const QString &token : normalizedTokens) {
        if (builder.full())
            break;
        toCodePoints(token, cps);
        if (!cps.empty())
            builder.add(cps.data(), int(cps.size()));
    }
    return out;
}

std::vector<std::int64_t> FeatureHasher::featuresWithSwaps(const QString &text, double swapProbability,
                                                           std::uint64_t seed) const
{
    QStringList tokens;
    for (const Token &t : tokenize(text.left(qsizetype(m_config.maxTokens) * 64 + 64)))
        tokens << t.text;
    std::mt19937_64 rng(seed);
    std::bernoulli_distribution swap(std::clamp(swapProbability, 0.0, 1.0));
    for (qsizetype i = 0; i + 1 < tokens.size(); ++i) {
        if (swap(rng)) {
            tokens.swapItemsAt(i, i + 1);
            ++i;
        }
    }
    return featuresOfTokens(tokens);
}

std::int64_t FeatureHasher::bucketOf(const QString &normalizedWord) const
{
    std::vector<char32_t> cps;
    toCodePoints(normalizedWord, cps);
    const std::uint64_t h = fnvUtf8(kFnvOffset, cps.data(), int(cps.size()));
    return std::int64_t(h % std::uint64_t(std::max(1, m_config.buckets)));
}

std::vector<float> FeatureHasher::denseVector(const std::vector<std::int64_t> &features, int dim)
{
    std::vector<float> out(size_t(std::max(0, dim)), 0.0f);
    if (dim <= 0)
        return out;
    for (std::int64_t f : features) {
        // A second, independent mix of the id picks the slot and the sign, so collisions cancel on average.
        std::uint64_t h = std::uint64_t(f) * 0x9E3779B97F4A7C15ull;
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9ull;
        h ^= h >> 32;
        out[size_t(h % std::uint64_t(dim))] += (h >> 63) ? -1.0f : 1.0f;
    }
    double norm = 0;
    for (float v : out)
        norm += double(v) * v;
    if (norm > 0) {
        const float scale = float(1.0 / std::sqrt(norm));
        for (float &v : out)
            v *= scale;
    }
    return out;
}

} // namespace marginalia::text
