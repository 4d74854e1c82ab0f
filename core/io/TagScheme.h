#pragma once
// The tagging schemes span-labeling files use, and their normalization to BIO (IOB2), the one scheme the
// store, the exporter and the sequence model read.
#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

namespace marginalia {

enum class TagScheme {
    Auto,  // per sentence: BIOES when it uses E-/S- (or BILOU's L-/U-), else BIO
    Bio,   // B- starts a chunk, I- continues one (IOB2)
    Iob1,  // I- starts a chunk unless it continues one of the same type; B- only splits two adjacent chunks
    Bioes, // B-, I-, E- (end) and S- (single token)
};

std::optional<TagScheme> tagSchemeFromName(const QString &name); // "auto", "bio", "iob1", "bioes"

// Rewrites one sentence's tags in place to BIO ("O", "B-X", "I-X"). A tag without a B-/I-/E-/S- prefix
// (a POS tag such as "nn") stays as it is. On an invalid sequence (I-X without B-X, a BIOES chunk left
// open, a tag of another scheme) returns the reason, naming the token (1-based) and, when `tokenLines`
// holds each token's file line, its line; returns an empty string on success.
QString normalizeTags(QStringList &tags, TagScheme scheme, const QVector<qint64> &tokenLines = {});

// BIO tags with every prefix-less tag made a one-token chunk ("nn" -> "B-nn"), as the importer stores
// them: a tagging corpus becomes one span per token.
QStringList chunkTags(const QStringList &bioTags);

} // namespace marginalia
