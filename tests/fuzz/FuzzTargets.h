#pragma once
#include <QByteArray>
#include <QString>
#include <QStringList>

namespace marginalia::ml {
struct ModelShape;
}

// The code under fuzzing, one function per target, shared by the libFuzzer executables (MARGINALIA_FUZZ=ON)
// and by tst_fuzzregressions, which replays the seed corpora and every input that once crashed.
namespace marginalia::fuzz {

// Targets that need only marginalia_core: every reader format that RecordReader::create knows by name,
// "detect" (FormatDetector, then the reader it picks) and "project" (opening a project file made of the
// input, then reading everything a studio would show). False for a name that is none of these.
bool runCoreTarget(const QString &target, const QByteArray &input);

// "checkpoint": reading a model checkpoint made of the input (ml/TensorBundle.h) and checking it as
// TextClassifier::loadCheckpoint does before it copies anything, against the fixed layout of a small classifier
// (checkpointTargetShape()). Plain C++, no torch. True when a classifier of that shape would load it.
bool runCheckpointTarget(const QByteArray &input);
// 64 buckets, 3 classes, 4 dimensions, no hidden layer.
ml::ModelShape checkpointTargetShape();

// "image": reading an image file made of the input (io/ImageReader.h) within tight limits, at a grey and an RGB
// input size. True when it was read as an image.
bool runImageTarget(const QByteArray &input);

// Aborts (so that libFuzzer and the test both see it) when an invariant the importer relies on breaks.
void check(bool condition, const char *what);

} // namespace marginalia::fuzz
