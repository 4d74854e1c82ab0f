#pragma once
// Constructed span-labeling data: lowercase filler words, capitalized made-up names (PER, one or two tokens)
// and a few known cities after "in" (LOC). A name never repeats between seeds, so only the word's shape and
// its context tell it is a name.
#include "io/TaggedFile.h"

#include <QStringList>
#include <QVector>
#include <random>

namespace seqtest {

inline QString madeUpName(std::mt19937 &rng)
{
    static const QStringList syllables{QStringLiteral("ka"), QStringLiteral("lo"), QStringLiteral("mi"), QStringLiteral("ren"),
                                       QStringLiteral("tor"), QStringLiteral("va"), QStringLiteral("sel"), QStringLiteral("du"),
                                       QStringLiteral("bri"), QStringLiteral("nok")};
    QString name;
    const int parts = 2 + static_cast<int>(rng() % 2);
    for (int i = 0; i < parts; ++i)
        name += syllables[static_cast<int>(rng() % syllables.size())];
    name[0] = name[0].toUpper();
    return name;
}

// Sentences with BIO tags; `withLocations` adds "in CITY" phrases tagged LOC.
inline QVector<marginalia::io::TaggedSentence> sentences(int count, unsigned seed, bool withLocations = false)
{
    static const QStringList filler{QStringLiteral("the"), QStringLiteral("report"), QStringLiteral("said"),
                                    QStringLiteral("that"), QStringLiteral("was"), QStringLiteral("seen"),
                                    QStringLiteral("with"), QStringLiteral("a"), QStringLiteral("friend"),
                                    QStringLiteral("today"), QStringLiteral("and"), QStringLiteral("left")};
    static const QStringList cities{QStringLiteral("Paris"), QStringLiteral("Lagos"), QStringLiteral("Lima"),
                                    QStringLiteral("Oslo"), QStringLiteral("Quito")};
    std::mt19937 rng(seed);
    QVector<marginalia::io::TaggedSentence> out;
    for (int i = 0; i < count; ++i) {
        marginalia::io::TaggedSentence s;
        const int words = 5 + static_cast<int>(rng() % 5);
        for (int w = 0; w < words; ++w) {
            const unsigned pick = rng() % 10;
            if (pick < 2) {
                s.tokens << madeUpName(rng);
                s.tags << QStringLiteral("B-PER");
                if (rng() % 3 == 0) {
                    s.tokens << madeUpName(rng);
                    s.tags << QStringLiteral("I-PER");
                }
                // A lowercase word after every name, so that two capitalized words are always one name.
                s.tokens << filler[static_cast<int>(rng() % filler.size())];
                s.tags << QStringLiteral("O");
            } else if (withLocations && pick == 2) {
                s.tokens << QStringLiteral("in") << cities[static_cast<int>(rng() % cities.size())];
                s.tags << QStringLiteral("O") << QStringLiteral("B-LOC");
            } else {
                s.tokens << filler[static_cast<int>(rng() % filler.size())];
                s.tags << QStringLiteral("O");
            }
        }
        out.push_back(s);
    }
    return out;
}

} // namespace seqtest
