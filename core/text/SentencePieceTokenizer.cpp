#include "text/SentencePieceTokenizer.h"
#include "store/ProjectFiles.h"
#include "text/SentencePieceModule.h"
#include "text/WordPieceTokenizer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <dlfcn.h>
#include <type_traits>

namespace marginalia::text {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Text)
};

constexpr qint64 kMaxModelBytes = 64 << 20; // published SentencePiece models are a few MB
constexpr char kModuleName[] = "marginalia_sentencepiece.so";

// The module's functions, looked up once (SentencePieceModule.h says why it is loaded apart).
struct Module
{
    decltype(&marginalia_spm_open) open = nullptr;
    decltype(&marginalia_spm_close) close = nullptr;
    decltype(&marginalia_spm_piece_size) pieceSize = nullptr;
    decltype(&marginalia_spm_piece_id) pieceId = nullptr;
    decltype(&marginalia_spm_special_id) specialId = nullptr;
    decltype(&marginalia_spm_encode) encode = nullptr;
    decltype(&marginalia_spm_pieces) pieces = nullptr;
    QString error;
};

// Next to the executable in a build tree (as the model engine is); in ../lib/marginalia when installed.
const Module &module()
{
    static const Module loaded = [] {
        Module m;
        const QString dir = QFileInfo(QStringLiteral("/proc/self/exe")).canonicalPath();
        const QStringList candidates{dir + QLatin1Char('/') + QLatin1String(kModuleName),
                                     QDir::cleanPath(dir + QStringLiteral("/../lib/marginalia/")) + QLatin1Char('/')
                                         + QLatin1String(kModuleName)};
        void *handle = nullptr;
        QStringList reasons;
        for (const QString &path : candidates) {
            handle = ::dlopen(QFile::encodeName(path).constData(), RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
            if (handle)
                break;
            reasons << QString::fromLocal8Bit(::dlerror());
        }
        if (!handle) {
            m.error = Tr::tr("The SentencePiece module cannot be loaded: %1").arg(reasons.join(QStringLiteral("; ")));
            return m;
        }
        const auto find = [&](auto &function, const char *name) {
            function = reinterpret_cast<std::remove_reference_t<decltype(function)>>(::dlsym(handle, name));
            if (!function && m.error.isEmpty())
                m.error = Tr::tr("The SentencePiece module lacks %1.").arg(QLatin1String(name));
        };
        find(m.open, "marginalia_spm_open");
        find(m.close, "marginalia_spm_close");
        find(m.pieceSize, "marginalia_spm_piece_size");
        find(m.pieceId, "marginalia_spm_piece_id");
        find(m.specialId, "marginalia_spm_special_id");
        find(m.encode, "marginalia_spm_encode");
        find(m.pieces, "marginalia_spm_pieces");
        return m; // never unloaded: models opened from it live until their tokenizers go
    }();
    return loaded;
}
} // namespace

SentencePieceTokenizer::~SentencePieceTokenizer()
{
    if (m_model)
        module().close(m_model);
}

Result<std::unique_ptr<SentencePieceTokenizer>> SentencePieceTokenizer::read(const QString &path)
{
    if (auto s = refuseOpenProject(path); !s)
        return s;
    const QFileInfo info(path);
    if (!info.exists())
        return fail(Tr::tr("The SentencePiece model %1 does not exist.").arg(path));
    if (!info.isFile() || info.size() > kMaxModelBytes)
        return fail(Tr::tr("%1 is not a SentencePiece model file (a regular file of at most %2 MB).")
                        .arg(path)
                        .arg(kMaxModelBytes >> 20));
    // Read here, within the limit, and parsed from memory: the library never opens the path itself.
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.isSequential())
        return fail(Tr::tr("The SentencePiece model %1 cannot be read: %2").arg(path, file.errorString()));
    const QByteArray bytes = file.read(kMaxModelBytes + 1);
    if (bytes.size() > kMaxModelBytes)
        return fail(Tr::tr("%1 is not a SentencePiece model file (a regular file of at most %2 MB).")
                        .arg(path)
                        .arg(kMaxModelBytes >> 20));
    const Module &m = module();
    if (!m.error.isEmpty())
        return fail(m.error);
    char error[512] = {};
    std::unique_ptr<SentencePieceTokenizer> t(new SentencePieceTokenizer);
    t->m_model = m.open(bytes.constData(), std::size_t(bytes.size()), error, sizeof error);
    if (!t->m_model)
        return fail(Tr::tr("%1 is not a SentencePiece model: %2").arg(path, QString::fromUtf8(error)));
    t->m_start = m.pieceId(t->m_model, "[CLS]");
    t->m_end = m.pieceId(t->m_model, "[SEP]");
    if (t->m_start < 0 || t->m_end < 0) {
        t->m_start = m.specialId(t->m_model, 0);
        t->m_end = m.specialId(t->m_model, 1);
    }
    const std::int64_t pad = m.pieceId(t->m_model, "[PAD]");
    const std::int64_t modelPad = m.specialId(t->m_model, 2);
    t->m_pad = pad >= 0 ? pad : modelPad >= 0 ? modelPad : 0;
    return t;
}

QStringList SentencePieceTokenizer::pieces(const QString &text) const
{
    const QByteArray utf8 = text.toUtf8();
    QByteArray out(std::max<qsizetype>(64, utf8.size() * 4), Qt::Uninitialized);
    std::size_t n = module().pieces(m_model, utf8.constData(), out.data(), std::size_t(out.size()));
    if (n > std::size_t(out.size())) {
        out.resize(qsizetype(n));
        n = module().pieces(m_model, utf8.constData(), out.data(), std::size_t(out.size()));
    }
    out.truncate(qsizetype(n));
    return QString::fromUtf8(out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

std::vector<std::int64_t> SentencePieceTokenizer::encode(const QString &text, int maxLength) const
{
    const std::size_t limit = std::size_t(std::max(maxLength, 2));
    const QByteArray utf8 = text.toUtf8();
    std::vector<int> ids(limit);
    const int all = module().encode(m_model, utf8.constData(), ids.data(), int(ids.size()));
    ids.resize(std::min<std::size_t>(std::size_t(std::max(all, 0)), ids.size()));
    std::vector<std::int64_t> out;
    if (m_start >= 0)
        out.push_back(m_start);
    out.insert(out.end(), ids.begin(), ids.end());
    const std::size_t room = limit - (m_end >= 0 ? 1 : 0);
    if (out.size() > room)
        out.resize(room);
    if (m_end >= 0)
        out.push_back(m_end);
    return out;
}

int SentencePieceTokenizer::size() const { return module().pieceSize(m_model); }

Result<std::unique_ptr<SubwordTokenizer>> readSubwordTokenizer(const QString &path)
{
    if (path.endsWith(QLatin1String(".model"), Qt::CaseInsensitive)) {
        auto sentencePiece = SentencePieceTokenizer::read(path);
        if (!sentencePiece)
            return Error{sentencePiece.error()};
        return std::unique_ptr<SubwordTokenizer>(std::move(*sentencePiece));
    }
    auto wordPiece = WordPieceTokenizer::read(path);
    if (!wordPiece)
        return Error{wordPiece.error()};
    return std::unique_ptr<SubwordTokenizer>(std::make_unique<WordPieceTokenizer>(std::move(*wordPiece)));
}

} // namespace marginalia::text
