// A small SentencePiece model trained for the test itself (Debian's libsentencepiece trainer, in the helper process
// SPM_TRAIN_HELPER names; no downloads), for the tests of the SentencePiece tokenizer and of text encoders using one.
#pragma once

#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>
#include <QProcess>

namespace marginalia::testing {

// Writes PREFIX.model (and PREFIX.vocab) from `sentences`. `bertMarks`: [CLS], [SEP] and [PAD] are pieces of their
// own, as in an ALBERT-style model; otherwise the model marks texts with its BOS and EOS ids.
inline bool trainTinySentencePiece(const QString &prefix, const QStringList &sentences, int vocabularySize, bool bertMarks)
{
    const QString corpus = prefix + QStringLiteral(".corpus.txt");
    QFile file(corpus);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write((sentences.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8());
    file.close();
    QString args = QStringLiteral("--input=%1 --model_prefix=%2 --vocab_size=%3 --character_coverage=1.0"
                                  " --model_type=unigram --minloglevel=2 --hard_vocab_limit=false")
                       .arg(corpus, prefix)
                       .arg(vocabularySize);
    if (bertMarks)
        args += QStringLiteral(" --user_defined_symbols=[CLS],[SEP],[PAD]");
    QProcess trainer;
    trainer.start(QStringLiteral(SPM_TRAIN_HELPER), {args});
    if (!trainer.waitForFinished(120000) || trainer.exitStatus() != QProcess::NormalExit || trainer.exitCode() != 0) {
        qWarning("%s", trainer.readAllStandardError().constData());
        return false;
    }
    return QFile::exists(prefix + QStringLiteral(".model"));
}

} // namespace marginalia::testing
