#include "text/WordPieceTokenizer.h"
#include "store/ProjectFiles.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

namespace marginalia::text {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};

constexpr qint64 kMaxVocabularyBytes = 64 << 20; // BERT's are under 1 MB; multilingual ones a few MB
constexpr int kMaxVocabularyTokens = 2'000'000;
constexpr int kMaxWordChars = 100; // longer words become [UNK], as in BERT

// The ideograph blocks BERT splits into single characters (not Hiragana, Katakana or Hangul, which it keeps as words).
bool isCjk(char32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
        || (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF)
        || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

bool isPunctuation(char32_t c)
{
    if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126))
        return true; // ASCII symbols count as punctuation too
    switch (QChar::category(c)) {
    case QChar::Punctuation_Connector:
    case QChar::Punctuation_Dash:
    case QChar::Punctuation_Open:
    case QChar::Punctuation_Close:
    case QChar::Punctuation_InitialQuote:
    case QChar::Punctuation_FinalQuote:
    case QChar::Punctuation_Other:
        return true;
    default:
        return false;
    }
}

bool isWhitespace(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || QChar::isSpace(c); }

bool isControl(char32_t c)
{
    if (c == '\t' || c == '\n' || c == '\r')
        return false;
    const QChar::Category cat = QChar::category(c);
    return cat == QChar::Other_Control || cat == QChar::Other_Format;
}

QString fromUcs4(const std::u32string &s) { return QString::fromUcs4(s.data(), static_cast<qsizetype>(s.size())); }

// Lower case, then the accents of the decomposed form dropped (BERT's uncased models).
std::u32string uncased(const std::u32string &word)
{
    const QString decomposed = fromUcs4(word).toLower().normalized(QString::NormalizationForm_D);
    std::u32string out;
    for (char32_t c : decomposed.toStdU32String())
        if (QChar::category(c) != QChar::Mark_NonSpacing)
            out.push_back(c);
    return out;
}
} // namespace

Result<WordPieceTokenizer> WordPieceTokenizer::read(const QString &path)
{
    if (auto s = refuseOpenProject(path); !s)
        return s;
    const QFileInfo info(path);
    if (!info.exists())
        return fail(Tr::tr("The vocabulary %1 does not exist.").arg(path));
    if (!info.isFile() || info.size() > kMaxVocabularyBytes)
        return fail(Tr::tr("The vocabulary %1 is not a vocabulary file (one token a line, at most %2 MB).")
                        .arg(path)
                        .arg(kMaxVocabularyBytes >> 20));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(Tr::tr("The vocabulary %1 cannot be read: %2").arg(path, file.errorString()));
    const QByteArray bytes = file.readAll();
    QStringList tokens;
    qsizetype start = 0;
    while (start < bytes.size()) {
        qsizetype end = bytes.indexOf('\n', start);
        if (end < 0)
            end = bytes.size();
        QByteArray line = bytes.mid(start, end - start);
        if (line.endsWith('\r'))
            line.chop(1);
        const QString token = QString::fromUtf8(line);
        if (token.contains(QChar::ReplacementCharacter))
            return fail(Tr::tr("%1, line %2: the vocabulary is not UTF-8.").arg(path).arg(tokens.size() + 1));
        tokens << token;
        if (tokens.size() > kMaxVocabularyTokens)
            return fail(Tr::tr("The vocabulary %1 has more than %2 tokens.").arg(path).arg(kMaxVocabularyTokens));
        start = end + 1;
    }
    auto tokenizer = fromTokens(tokens);
    if (!tokenizer)
        return fail(Tr::tr("The vocabulary %1 cannot be used: %2").arg(path, tokenizer.error()));
    return tokenizer;
}

Result<WordPieceTokenizer> WordPieceTokenizer::fromTokens(const QStringList &tokens)
{
    WordPieceTokenizer t;
    t.m_ids.reserve(tokens.size());
    bool cased = false;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const QString &token = tokens[i];
        if (!t.m_ids.contains(token)) // the first of repeated lines keeps the id, as in BERT's loader
            t.m_ids.insert(token, i);
        const bool special = token.startsWith(QLatin1Char('[')) && token.endsWith(QLatin1Char(']'));
        if (!special && !cased)
            for (QChar c : token)
                cased = cased || c.isUpper();
    }
    t.m_lowercase = !cased;
    for (const auto &[name, slot] : {std::pair{"[CLS]", &t.m_cls}, {"[SEP]", &t.m_sep}, {"[UNK]", &t.m_unk}}) {
        const auto it = t.m_ids.constFind(QLatin1String(name));
        if (it == t.m_ids.constEnd())
            return fail(Tr::tr("it has no %1 token.").arg(QLatin1String(name)));
        *slot = *it;
    }
    t.m_pad = t.m_ids.value(QStringLiteral("[PAD]"), 0);
    return t;
}

std::vector<std::u32string> WordPieceTokenizer::basicWords(const QString &text) const
{
    std::vector<std::u32string> words;
    std::u32string word;
    const auto flush = [&] {
        if (word.empty())
            return;
        if (m_lowercase)
            word = uncased(word);
        // Punctuation splits a word, each mark a word of its own.
        std::u32string part;
        for (char32_t c : word) {
            if (isPunctuation(c)) {
                if (!part.empty())
                    words.push_back(std::move(part));
                part.clear();
                words.push_back(std::u32string(1, c));
            } else {
                part.push_back(c);
            }
        }
        if (!part.empty())
            words.push_back(std::move(part));
        word.clear();
    };
    for (char32_t c : text.toStdU32String()) {
        if (c == 0 || c == 0xFFFD || isControl(c))
            continue;
        if (isWhitespace(c)) {
            flush();
        } else if (isCjk(c)) {
            flush();
            word.push_back(c);
            flush();
        } else {
            word.push_back(c);
        }
    }
    flush();
    return words;
}

void WordPieceTokenizer::appendPieces(const std::u32string &word, std::vector<std::int64_t> &out, QStringList *names) const
{
    if (word.size() > std::size_t(kMaxWordChars)) {
        out.push_back(m_unk);
        if (names)
            names->append(QStringLiteral("[UNK]"));
        return;
    }
    const std::size_t before = out.size();
    const qsizetype namesBefore = names ? names->size() : 0;
    std::size_t start = 0;
    while (start < word.size()) {
        std::size_t end = word.size();
        bool found = false;
        while (end > start) {
            QString piece = fromUcs4(word.substr(start, end - start));
            if (start > 0)
                piece.prepend(QStringLiteral("##"));
            if (const auto it = m_ids.constFind(piece); it != m_ids.constEnd()) {
                out.push_back(*it);
                if (names)
                    names->append(piece);
                found = true;
                break;
            }
            --end;
        }
        if (!found) { // a word that cannot be spelled in pieces is unknown as a whole
            out.resize(before);
            out.push_back(m_unk);
            if (names) {
                names->erase(names->begin() + namesBefore, names->end());
                names->append(QStringLiteral("[UNK]"));
            }
            return;
        }
        start = end;
    }
}

QStringList WordPieceTokenizer::pieces(const QString &text) const
{
    QStringList names;
    std::vector<std::int64_t> ids;
    for (const std::u32string &word : basicWords(text))
        appendPieces(word, ids, &names);
    return names;
}

std::vector<std::int64_t> WordPieceTokenizer::encode(const QString &text, int maxLength) const
{
    const std::size_t room = static_cast<std::size_t>(std::max(2, maxLength)) - 2;
    std::vector<std::int64_t> ids{m_cls};
    for (const std::u32string &word : basicWords(text)) {
        if (ids.size() - 1 >= room)
            break;
        appendPieces(word, ids, nullptr);
    }
    if (ids.size() - 1 > room)
        ids.resize(room + 1);
    ids.push_back(m_sep);
    return ids;
}

} // namespace marginalia::text
