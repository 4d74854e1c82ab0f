#include "io/TagScheme.h"

#include <QCoreApplication>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Import)
};

// A tag split into its scheme prefix ('O', 'B', 'I', 'E', 'S'; 0 for a tag without one) and its type.
struct Parts
{
    char prefix = 0;
    QString type;
};

Parts parse(const QString &tag)
{
    if (tag == QLatin1String("O"))
        return {'O', {}};
    if (tag.size() >= 2 && tag.at(1) == QLatin1Char('-')) {
        // BILOU's L- (last) and U- (unit) are BIOES's E- and S-.
        switch (tag.at(0).toUpper().unicode()) {
        case 'B': return {'B', tag.mid(2)};
        case 'I': return {'I', tag.mid(2)};
        case 'E':
        case 'L': return {'E', tag.mid(2)};
        case 'S':
        case 'U': return {'S', tag.mid(2)};
        default: break;
        }
    }
    return {0, tag};
}

QString where(int token, const QVector<qint64> &lines)
{
    if (token < lines.size())
        return Tr::tr("token %1 (line %2)").arg(token + 1).arg(lines[token]);
    return Tr::tr("token %1").arg(token + 1);
}

QString otherScheme(const QString &tag, int token, const QVector<qint64> &lines)
{
    return Tr::tr("%1 at %2 is a BIOES tag; import with --tag-scheme bioes (or auto)").arg(tag, where(token, lines));
}

// Checks what every scheme shares (no empty tag, no prefix without a type); the scheme-specific rules follow.
QString checkTags(const QVector<Parts> &parts, const QStringList &tags, const QVector<qint64> &lines)
{
    for (int i = 0; i < parts.size(); ++i) {
        if (tags[i].isEmpty())
            return Tr::tr("the tag at %1 is empty").arg(where(i, lines));
        if (parts[i].prefix != 0 && parts[i].prefix != 'O' && parts[i].type.isEmpty())
            return Tr::tr("the tag %1 at %2 has no type").arg(tags[i], where(i, lines));
    }
    return {};
}

QString toBio(QStringList &tags, const QVector<Parts> &parts, const QVector<qint64> &lines)
{
    for (int i = 0; i < parts.size(); ++i) {
        const Parts &p = parts[i];
        if (p.prefix == 'E' || p.prefix == 'S')
            return otherScheme(tags[i], i, lines);
        if (p.prefix == 'B')
            tags[i] = QStringLiteral("B-") + p.type;
        if (p.prefix != 'I')
            continue;
        const bool continues = i > 0 && (parts[i - 1].prefix == 'B' || parts[i - 1].prefix == 'I')
                               && parts[i - 1].type == p.type;
        if (!continues)
            return Tr::tr("%1 without B-%2 at %3; if the file is IOB1, import with --tag-scheme iob1")
                .arg(tags[i], p.type, where(i, lines));
        tags[i] = QStringLiteral("I-") + p.type;
    }
    return {};
}

QString fromIob1(QStringList &tags, const QVector<Parts> &parts, const QVector<qint64> &lines)
{
    for (int i = 0; i < parts.size(); ++i) {
        const Parts &p = parts[i];
        if (p.prefix == 'E' || p.prefix == 'S')
            return otherScheme(tags[i], i, lines);
        if (p.prefix == 'B') {
            tags[i] = QStringLiteral("B-") + p.type;
        } else if (p.prefix == 'I') {
            const bool continues = i > 0 && (parts[i - 1].prefix == 'B' || parts[i - 1].prefix == 'I')
                                   && parts[i - 1].type == p.type;
            tags[i] = (continues ? QStringLiteral("I-") : QStringLiteral("B-")) + p.type;
        }
    }
    return {};
}

QString fromBioes(QStringList &tags, const QVector<Parts> &parts, const QVector<qint64> &lines)
{
    int open = -1; // the token whose B- started the chunk still open
    for (int i = 0; i < parts.size(); ++i) {
        const Parts &p = parts[i];
        const bool inside = p.prefix == 'I' || p.prefix == 'E';
        if (open >= 0 && !(inside && p.type == parts[open].type))
            return Tr::tr("the %1 chunk that starts at %2 is not closed by E-%1")
                .arg(parts[open].type, where(open, lines));
        if (inside && open < 0)
            return Tr::tr("%1 without B-%2 at %3").arg(tags[i], p.type, where(i, lines));
        switch (p.prefix) {
        case 'B': tags[i] = QStringLiteral("B-") + p.type; open = i; break;
        case 'I': tags[i] = QStringLiteral("I-") + p.type; break;
        case 'E': tags[i] = QStringLiteral("I-") + p.type; open = -1; break;
        case 'S': tags[i] = QStringLiteral("B-") + p.type; break;
        default: break;
        }
    }
    if (open >= 0)
        return Tr::tr("the %1 chunk that starts at %2 is not closed by E-%1").arg(parts[open].type, where(open, lines));
    return {};
}
} // namespace

std::optional<TagScheme> tagSchemeFromName(const QString &name)
{
    const QString n = name.toLower();
    if (n.isEmpty() || n == QLatin1String("auto"))
        return TagScheme::Auto;
    if (n == QLatin1String("bio") || n == QLatin1String("iob2"))
        return TagScheme::Bio;
    if (n == QLatin1String("iob1") || n == QLatin1String("iob"))
        return TagScheme::Iob1;
    if (n == QLatin1String("bioes") || n == QLatin1String("iobes") || n == QLatin1String("bilou"))
        return TagScheme::Bioes;
    return std::nullopt;
}

QString normalizeTags(QStringList &tags, TagScheme scheme, const QVector<qint64> &tokenLines)
{
    QVector<Parts> parts;
    parts.reserve(tags.size());
    bool bioes = false;
    for (const QString &tag : tags) {
        parts.append(parse(tag));
        bioes = bioes || parts.last().prefix == 'E' || parts.last().prefix == 'S';
    }
    if (QString problem = checkTags(parts, tags, tokenLines); !problem.isEmpty())
        return problem;
    switch (scheme) {
    case TagScheme::Auto: return bioes ? fromBioes(tags, parts, tokenLines) : toBio(tags, parts, tokenLines);
    case TagScheme::Bio: return toBio(tags, parts, tokenLines);
    case TagScheme::Iob1: return fromIob1(tags, parts, tokenLines);
    case TagScheme::Bioes: return fromBioes(tags, parts, tokenLines);
    }
    return {};
}

QStringList chunkTags(const QStringList &bioTags)
{
    QStringList out = bioTags;
    for (QString &tag : out)
        if (parse(tag).prefix == 0)
            tag.prepend(QStringLiteral("B-"));
    return out;
}

} // namespace marginalia
