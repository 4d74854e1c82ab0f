#include "ml/WordVectors.h"
#include "store/ProjectFiles.h"
#include "text/FeatureHasher.h"
#include "text/Tokenizer.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <cmath>

namespace marginalia::ml {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Model)
};

// fastText's published .vec files are up to about 7 GB; reading more, as a seed, would stall the round for long.
constexpr qint64 kMaxFileBytes = qint64(8) << 30;
constexpr qint64 kMaxLineBytes = qint64(1) << 20;
constexpr int kMaxDimension = 4096;

// Opens `path` for reading if it is a regular file within the cap. The type is checked before the open, since
// opening a FIFO waits for a writer; and again after, through the open file, in case the path changed between.
Status openVectors(const QString &path, QFile &file)
{
    const QFileInfo info(path);
    if (!info.exists())
        return fail(Tr::tr("The word vectors %1 do not exist.").arg(path));
    if (!info.isFile())
        return fail(Tr::tr("The word vectors %1 are not a regular file (a folder, a device or a pipe is not read).")
                        .arg(path));
    if (info.size() > kMaxFileBytes)
        return fail(Tr::tr("The word vectors %1 are larger than %2 GB.").arg(path).arg(kMaxFileBytes >> 30));
    if (auto s = refuseOpenProject(path); !s)
        return s; // a project file named as its own vectors (the setting is data from the file)
    file.setFileName(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(Tr::tr("Cannot open the word vectors %1: %2").arg(path, file.errorString()));
    if (file.isSequential() || file.size() > kMaxFileBytes)
        return fail(Tr::tr("The word vectors %1 are not a regular file (a folder, a device or a pipe is not read).")
                        .arg(path));
    return {};
}

// The next line without its line break; false at the end, or with `error` set when the line is too long or the
// file has grown past the cap since it was opened.
bool nextLine(QFile &file, qint64 number, QByteArray &line, QString &error)
{
    if (file.atEnd())
        return false;
    if (file.pos() > kMaxFileBytes) {
        error = Tr::tr("The word vectors %1 grew past %2 GB while being read.").arg(file.fileName()).arg(kMaxFileBytes >> 30);
        return false;
    }
    line = file.readLine(kMaxLineBytes);
    if (!line.endsWith('\n') && !file.atEnd()) {
        error = Tr::tr("%1 is not a fastText .vec file: line %2 is longer than %3 MB.")
                    .arg(file.fileName())
                    .arg(number)
                    .arg(kMaxLineBytes >> 20);
        return false;
    }
    line = line.trimmed();
    return true;
}

Result<int> readHeader(QFile &file)
{
    QByteArray line;
    QString error;
    if (!nextLine(file, 1, line, error))
        return fail(error.isEmpty() ? Tr::tr("The word vectors %1 are empty.").arg(file.fileName()) : error);
    const QList<QByteArray> header = line.split(' ');
    bool ok = false;
    const int dim = header.size() == 2 ? header[1].toInt(&ok) : 0;
    if (!ok || dim <= 0)
        return fail(Tr::tr("%1 is not a fastText .vec file (its first line should be \"COUNT DIMENSION\").")
                        .arg(file.fileName()));
    if (dim > kMaxDimension)
        return fail(Tr::tr("The word vectors %1 have %2 dimensions; at most %3 are used.")
                        .arg(file.fileName())
                        .arg(dim)
                        .arg(kMaxDimension));
    return dim;
}
} // namespace

Result<int> wordVectorDimension(const QString &path)
{
    QFile file;
    if (auto s = openVectors(path, file); !s)
        return s;
    return readHeader(file);
}

Result<WordVectors> readWordVectors(const QString &path, int dim, const text::FeatureHasher &hasher)
{
    QFile file;
    if (auto s = openVectors(path, file); !s)
        return s;
    const auto header = readHeader(file);
    if (!header)
        return Error{header.error()};
    if (*header != dim)
        return fail(Tr::tr("The word vectors have %1 dimensions but the model uses %2.").arg(*header).arg(dim));
    WordVectors out;
    out.dim = dim;
    QHash<std::int64_t, std::size_t> slotOfRow;
    std::vector<float> v(static_cast<std::size_t>(dim));
    QByteArray line;
    QString error;
    for (qint64 number = 2; nextLine(file, number, line, error); ++number) {
        const QList<QByteArray> parts = line.split(' ');
        if (parts.size() != dim + 1)
            continue;
        bool good = true;
        for (int j = 0; j < dim && good; ++j) {
            v[static_cast<std::size_t>(j)] = parts[j + 1].toFloat(&good);
            good = good && std::isfinite(v[static_cast<std::size_t>(j)]); // "nan" parses, and would poison training
        }
        if (!good)
            continue;
        const std::int64_t row = hasher.bucketOf(text::normalizeToken(QString::fromUtf8(parts[0])));
        auto slot = slotOfRow.find(row);
        if (slot == slotOfRow.end()) {
            slot = slotOfRow.insert(row, out.rows.size());
            out.rows.push_back(row);
            out.values.resize(out.values.size() + v.size());
        }
        std::copy(v.begin(), v.end(), out.values.begin() + static_cast<long>(*slot * v.size()));
    }
    if (!error.isEmpty())
        return fail(error);
    return out;
}

} // namespace marginalia::ml
