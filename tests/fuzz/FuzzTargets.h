#pragma once
#include <QByteArray>
#include <QString>
#include <QStringList>

// The code under fuzzing, one function per target, shared by the libFuzzer executables (MARGINALIA_FUZZ=ON)
// and by tst_fuzzregressions, which replays the seed corpora and every input that once crashed.
namespace marginalia::fuzz {

// Targets that need only marginalia_core: every reader format that RecordReader::create knows by name,
// "detect" (FormatDetector, then the reader it picks) and "project" (opening a project file made of the
// input, then reading everything a studio would show). False for a name that is none of these.
bool runCoreTarget(const QString &target, const QByteArray &input);

// "checkpoint": loading a model checkpoint made of the input into a small classifier (needs marginalia_ml).
void runCheckpointTarget(const QByteArray &input);
// A real checkpoint of the shape the checkpoint target loads (the seed of its corpus).
QByteArray sampleCheckpoint();

// Aborts (so that libFuzzer and the test both see it) when an invariant the importer relies on breaks.
void check(bool condition, const char *what);

} // namespace marginalia::fuzz
