// Checkpoint fuzz target: the bytes of a model run's checkpoint, which a project file from someone else can fill
// with anything. They go through what TextClassifier::loadCheckpoint runs before it copies a byte into the model:
// the reader (ml/TensorBundle.h), the kind and shape the checkpoint describes, and the tensors against the model's
// layout, here the fixed layout of a small classifier. All of it is plain C++, so the target needs no torch; what
// the load does next (copy each view, index_copy_ the rows) is stood in for by reading every byte of each view
// and checking each row number against the table.
#include "FuzzTargets.h"
#include "ml/TensorBundle.h"
#include "ml/TextClassifier.h"

#include <QJsonObject>
#include <QtEndian>

namespace marginalia::fuzz {

ml::ModelShape checkpointTargetShape()
{
    ml::ModelShape shape;
    shape.buckets = 64;
    shape.classes = 3;
    shape.embeddingDim = 4;
    shape.hiddenDim = 0;
    // Pooling by the mean, as the classifier pooled when the corpus's seeds were written. Pooling by a power of the
    // length adds only a number to the description and a one-number tensor (typical_length) to what is checked.
    shape.lengthPower = 1.0f;
    return shape;
}

namespace {
// Where the sum of the bytes read goes, so that the reads are not optimized away.
volatile unsigned g_sink = 0;

// What TextClassifier expects of a checkpoint of checkpointTargetShape() (its Private::layout()).
ml::ExpectedLayout targetLayout()
{
    ml::ExpectedLayout layout;
    layout.rowIndex = QStringLiteral("bag.weight.rows");
    layout.tableRows = 64;
    layout.tensors = {{QStringLiteral("bag.weight.rows"), ml::DType::Int64, {ml::kStoredRows}},
                      {QStringLiteral("bag.weight.values"), ml::DType::Float32, {ml::kStoredRows, 4}},
                      {QStringLiteral("out.weight"), ml::DType::Float32, {3, 4}},
                      {QStringLiteral("out.bias"), ml::DType::Float32, {3}}};
    return layout;
}

bool describesTargetShape(const QJsonObject &meta)
{
    const auto is = [&](const char *key, qint64 value) {
        const QJsonValue v = meta.value(QLatin1String(key));
        return v.isDouble() && v.toInteger(-1) == value;
    };
    return meta.size() == 5 && is("buckets", 64) && is("classes", 3) && is("embedding_dim", 4) && is("hidden_dim", 0)
        && meta.value(QStringLiteral("multilabel")).isBool() && !meta.value(QStringLiteral("multilabel")).toBool();
}
} // namespace

bool runCheckpointTarget(const QByteArray &input)
{
    const auto bundle = ml::readTensorBundle(input);
    if (!bundle) {
        check(!bundle.error().isEmpty(), "a refused checkpoint says why");
        return false;
    }
    // Every view lies inside the input, after the one before it, as long as its shape says; reading all of it
    // lets ASan see a byte outside the input.
    const char *const begin = input.constData();
    const char *const end = begin + input.size();
    const char *previous = begin;
    unsigned sum = 0;
    for (const ml::TensorView &t : bundle->tensors) {
        check(t.data >= previous && t.bytes >= 0 && t.bytes <= end - t.data, "a view lies inside the input, in order");
        check(t.bytes == t.elements() * ml::itemSize(t.dtype), "a view is as long as its shape says");
        check(bundle->find(t.name) == &t, "tensor names are unique");
        for (qint64 i = 0; i < t.bytes; ++i)
            sum += static_cast<unsigned char>(t.data[i]);
        previous = t.data + t.bytes;
    }
    g_sink = sum;
    if (bundle->kind != QLatin1String("embedding-bag") || !describesTargetShape(bundle->meta))
        return false;
    const Status layout = ml::checkLayout(*bundle, targetLayout());
    if (!layout) {
        check(!layout.error().isEmpty(), "a refused layout says why");
        return false;
    }
    // What the load copies next: the rows into a table of 64, the values beside them, the dense layers whole.
    const ml::TensorView *rows = bundle->find(QStringLiteral("bag.weight.rows"));
    const ml::TensorView *values = bundle->find(QStringLiteral("bag.weight.values"));
    check(rows && values && rows->shape.size() == 1 && values->shape == (QVector<qint64>{rows->shape[0], 4}),
          "the table's rows and values agree");
    for (qint64 i = 0; i < rows->shape[0]; ++i) {
        const qint64 row = qFromLittleEndian<qint64>(rows->data + 8 * i);
        check(row >= 0 && row < 64, "every stored row lands in the table");
    }
    check(bundle->find(QStringLiteral("out.weight"))->bytes == 48 && bundle->find(QStringLiteral("out.bias"))->bytes == 12,
          "the dense layers are the model's size");
    return true;
}

} // namespace marginalia::fuzz
