#pragma once
#include <QString>
#include <QStringList>
#include <cstdint>
#include <memory>
#include <vector>

namespace marginalia::ml {

struct WordClasses;

// One sentence as the sequence tagger reads it: the hashed features of every token, token after token.
struct EncodedSentence
{
    std::vector<std::int64_t> ids;
    std::vector<std::int32_t> offsets; // offsets[t] = first id of token t; tokens + 1 entries (or none)
    int length() const { return offsets.empty() ? 0 : static_cast<int>(offsets.size()) - 1; }
};

// Per-token features hashed into `buckets` rows (FNV-1a of the UTF-8 bytes, as text::FeatureHasher does, so ids
// are stable across runs and machines): the normalized word (text::normalizeToken), its prefixes of 1-3 and
// suffixes of 1-4 characters, its shape (case, digits and punctuation, runs collapsed: "Xx", "d.d", "X"),
// which keeps what normalization folds away, and with word classes the word's class at each level.
class TokenFeatures
{
public:
    explicit TokenFeatures(int buckets = 1 << 18);
    int buckets() const { return m_buckets; }

    EncodedSentence encode(const QStringList &tokens) const;
    // Word classes (WordClusters.h): each token whose normalized word has them also carries its class at every
    // level as a feature.
    void setWordClasses(std::shared_ptr<const WordClasses> classes) { m_classes = std::move(classes); }
    const WordClasses *wordClasses() const { return m_classes.get(); }
    static QString shape(const QString &token);

private:
    void add(std::vector<std::int64_t> &ids, char kind, const QString &value) const;
    int m_buckets;
    std::shared_ptr<const WordClasses> m_classes;
};

} // namespace marginalia::ml
