#include "ml/WordVectors.h"
#include "store/ProjectFiles.h"
#include "text/FeatureHasher.h"
#include "text/Tokenizer.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <algorithm>
#include <cmath>
#include <fasttext/fasttext.h>
#include <fstream>

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

// Keeps `values` (out.dim floats) as the vector of embedding row `row`; a later word on the same row replaces it.
void keep(WordVectors &out, QHash<std::int64_t, std::size_t> &slotOfRow, std::int64_t row, const float *values)
{
    const std::size_t dim = std::size_t(out.dim);
    auto slot = slotOfRow.find(row);
    if (slot == slotOfRow.end()) {
        slot = slotOfRow.insert(row, out.rows.size());
        out.rows.push_back(row);
        out.values.resize(out.values.size() + dim);
    }
    std::copy(values, values + dim, out.values.begin() + static_cast<long>(*slot * dim));
}

// fastText's binary model (.bin), as libfasttext 0.9 writes it: magic and version, the training arguments, the
// dictionary, then the input and output matrices. Each field is checked against what the file can hold before
// libfasttext reads it, since the library trusts the file: a damaged or hostile one would make it allocate what a
// header claims (a matrix of 2^60 floats) or read past the end.
constexpr std::int32_t kFastTextMagic = 793712314;
constexpr qint64 kMaxWordBytes = 1 << 16;
constexpr qint64 kMaxWords = 100'000'000;

template <typename T>
bool readValue(QFile &file, T &value)
{
    return file.read(reinterpret_cast<char *>(&value), sizeof value) == qint64(sizeof value);
}

bool isFastTextBinary(QFile &file)
{
    std::int32_t magic = 0;
    const bool binary = file.seek(0) && readValue(file, magic) && magic == kFastTextMagic;
    file.seek(0);
    return binary;
}

// The dimension of a checked .bin file, positioned nowhere in particular afterwards.
Result<int> checkFastTextBinary(QFile &file)
{
    const QString path = file.fileName();
    const auto damaged = [&](const QString &why) {
        return fail(Tr::tr("%1 is not a fastText model this version reads (%2).").arg(path, why));
    };
    std::int32_t magic = 0, version = 0;
    if (!file.seek(0) || !readValue(file, magic) || !readValue(file, version) || magic != kFastTextMagic)
        return damaged(Tr::tr("no fastText header"));
    if (version != 12) // what fastText 0.9 writes, and the published models are
        return damaged(Tr::tr("format version %1").arg(version));
    std::int32_t args[12] = {}; // dim, ws, epoch, minCount, neg, wordNgrams, loss, model, bucket, minn, maxn, lrUpdateRate
    double sampling = 0;
    for (std::int32_t &a : args)
        if (!readValue(file, a))
            return damaged(Tr::tr("the file ends in its header"));
    if (!readValue(file, sampling))
        return damaged(Tr::tr("the file ends in its header"));
    const int dim = args[0];
    if (dim <= 0 || dim > kMaxDimension)
        return damaged(Tr::tr("%1 dimensions").arg(dim));
    std::int32_t size = 0, nwords = 0, nlabels = 0;
    std::int64_t ntokens = 0, pruned = 0;
    if (!readValue(file, size) || !readValue(file, nwords) || !readValue(file, nlabels) || !readValue(file, ntokens)
        || !readValue(file, pruned))
        return damaged(Tr::tr("the file ends in its dictionary"));
    if (size < 0 || size > kMaxWords || nwords < 0 || nlabels < 0 || qint64(nwords) + nlabels != size || pruned < -1
        || pruned > kMaxWords)
        return damaged(Tr::tr("its dictionary's counts do not add up"));
    for (std::int32_t i = 0; i < size; ++i) {
        qint64 length = 0;
        char c = 1;
        while (file.getChar(&c) && c != '\0')
            if (++length > kMaxWordBytes)
                return damaged(Tr::tr("a word longer than %1 bytes").arg(kMaxWordBytes));
        std::int64_t count = 0;
        std::int8_t type = 0;
        if (c != '\0' || !readValue(file, count) || !readValue(file, type))
            return damaged(Tr::tr("the file ends in its dictionary"));
    }
    if (pruned > 0 && !file.seek(file.pos() + pruned * 8))
        return damaged(Tr::tr("the file ends in its dictionary"));
    for (const QString &matrix : {Tr::tr("input"), Tr::tr("output")}) {
        bool quantized = false;
        std::int64_t m = 0, n = 0;
        if (!readValue(file, quantized))
            return damaged(Tr::tr("the file ends before its %1 matrix").arg(matrix));
        if (quantized)
            return damaged(Tr::tr("a compressed .ftz model; use the .bin or .vec file"));
        if (!readValue(file, m) || !readValue(file, n) || m < 0 || n != dim
            || m > (file.size() - file.pos()) / qint64(sizeof(float)) / n)
            return damaged(Tr::tr("its %1 matrix is larger than the file").arg(matrix));
        if (!file.seek(file.pos() + m * n * qint64(sizeof(float))))
            return damaged(Tr::tr("the file ends in its %1 matrix").arg(matrix));
    }
    return dim;
}

// Every dictionary word's vector as libfasttext computes it (the word's own row and its character n-grams'), read
// from `file` just checked: through its own descriptor, so that the bytes read are those checked even if the path
// was replaced meanwhile.
Result<WordVectors> readFastTextBinary(QFile &file, int dim, const text::FeatureHasher &hasher)
{
    WordVectors out;
    out.dim = dim;
    try {
        std::ifstream in(QStringLiteral("/proc/self/fd/%1").arg(file.handle()).toStdString(), std::ios::binary);
        in.seekg(8); // past the magic and the version, which loadModel(istream) expects read
        if (!in)
            return fail(Tr::tr("The fastText model %1 cannot be read.").arg(file.fileName()));
        fasttext::FastText model;
        model.loadModel(in);
        const auto dictionary = model.getDictionary();
        fasttext::Vector vector(dim);
        QHash<std::int64_t, std::size_t> slotOfRow;
        for (std::int32_t i = 0; i < dictionary->nwords(); ++i) {
            const std::string word = dictionary->getWord(i);
            if (word == "</s>") // fastText's end-of-line token
                continue;
            model.getWordVector(vector, word);
            if (!std::all_of(vector.data(), vector.data() + dim, [](float x) { return std::isfinite(x); }))
                continue;
            keep(out, slotOfRow, hasher.bucketOf(text::normalizeToken(QString::fromStdString(word))), vector.data());
        }
    } catch (const std::exception &e) {
        return fail(Tr::tr("The fastText model %1 cannot be read: %2").arg(file.fileName(), QString::fromUtf8(e.what())));
    }
    return out;
}
} // namespace

Result<int> wordVectorDimension(const QString &path)
{
    QFile file;
    if (auto s = openVectors(path, file); !s)
        return s;
    if (isFastTextBinary(file))
        return checkFastTextBinary(file);
    return readHeader(file);
}

Result<WordVectors> readWordVectors(const QString &path, int dim, const text::FeatureHasher &hasher)
{
    QFile file;
    if (auto s = openVectors(path, file); !s)
        return s;
    if (isFastTextBinary(file)) {
        const auto checked = checkFastTextBinary(file);
        if (!checked)
            return Error{checked.error()};
        if (*checked != dim)
            return fail(Tr::tr("The word vectors have %1 dimensions but the model uses %2.").arg(*checked).arg(dim));
        return readFastTextBinary(file, dim, hasher);
    }
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
        keep(out, slotOfRow, hasher.bucketOf(text::normalizeToken(QString::fromUtf8(parts[0]))), v.data());
    }
    if (!error.isEmpty())
        return fail(error);
    return out;
}

} // namespace marginalia::ml
