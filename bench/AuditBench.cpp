// Finding label errors: labels of real data sets are flipped at random (5% and 20% of the samples, each to another
// label), and the audit (5-fold out-of-fold probabilities + confident learning, task/LabelAudit.h) ranks the
// samples. Printed per data set and noise rate: precision and recall of the samples confident learning flags, and
// precision of the top K (K = the number of flips) for it and for the simple baseline measured on the same
// probabilities in the same run: the lowest probability of the given label first. Usage:
//   marginalia_audit_bench FILE.jsonl [FILE.jsonl ...] [--limit N] [--seed K]
#include "ml/TextData.h"
#include "ml/Device.h"
#include "task/LabelAudit.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSet>
#include <QTextStream>
#include <algorithm>
#include <random>

using namespace marginalia;

namespace {
QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

double share(double part, double whole) { return whole > 0 ? part / whole : 0.0; }
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList files;
    int limit = 3000;
    std::uint64_t seed = 11;
    const QStringList args = app.arguments().mid(1);
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--limit") && i + 1 < args.size())
            limit = args[++i].toInt();
        else if (args[i] == QLatin1String("--seed") && i + 1 < args.size())
            seed = args[++i].toULongLong();
        else
            files << args[i];
    }
    if (files.isEmpty()) {
        out() << "usage: marginalia_audit_bench FILE.jsonl [FILE.jsonl ...] [--limit N] [--seed K]\n";
        return 2;
    }
    ml::configureTorchThreads(1);
    out() << "data set          noise  flips  flagged  CL precision  CL recall  CL P@K  baseline P@K  seconds\n";
    for (const QString &file : files) {
        const auto rows = ml::readTextFile(file);
        if (!rows) {
            out() << rows.error() << '\n';
            return 1;
        }
        QVector<ml::LabeledText> data;
        for (const ml::LabeledText &row : *rows)
            if (row.labels.size() == 1)
                data << row;
        std::mt19937_64 shuffle(seed);
        std::shuffle(data.begin(), data.end(), shuffle);
        if (data.size() > limit)
            data.resize(limit);
        QStringList labels;
        for (const ml::LabeledText &row : data)
            if (!labels.contains(row.labels.first()))
                labels << row.labels.first();
        labels.sort();
        for (const double noise : {0.05, 0.20}) {
            std::mt19937_64 rng(seed + static_cast<std::uint64_t>(noise * 100));
            QVector<AnnotatedSample> samples;
            QSet<qint64> flipped;
            std::uniform_real_distribution<double> unit(0, 1);
            std::uniform_int_distribution<int> other(1, static_cast<int>(labels.size()) - 1);
            for (int i = 0; i < data.size(); ++i) {
                AnnotatedSample a;
                a.sample.id = i + 1;
                a.sample.text = data[i].text;
                QString label = data[i].labels.first();
                if (unit(rng) < noise) { // another label, uniformly
                    label = labels[(labels.indexOf(label) + other(rng)) % labels.size()];
                    flipped.insert(a.sample.id);
                }
                a.annotation = Annotation{};
                a.annotation->labels = QStringList{label};
                samples << a;
            }
            ml::FeatureCache cache;
            const auto makeModel = [&] { return task::makeTaskModel(TaskType::TextCat, ml::TrainingOptions{}, &cache); };
            const std::atomic_bool cancel{false};
            QElapsedTimer timer;
            timer.start();
            const auto audit = task::auditSamples(samples, labels, makeModel, task::AuditOptions{}, cancel);
            if (!audit) {
                out() << audit.error() << '\n';
                return 1;
            }
            const double seconds = timer.nsecsElapsed() / 1e9;
            const int k = static_cast<int>(flipped.size());
            int flaggedRight = 0, topRight = 0;
            for (const task::Suspect &s : audit->ranked)
                flaggedRight += s.flagged && flipped.contains(s.sampleId) ? 1 : 0;
            for (int i = 0; i < k && i < audit->ranked.size(); ++i)
                topRight += flipped.contains(audit->ranked[i].sampleId) ? 1 : 0;
            // The baseline on the same out-of-fold probabilities: lowest probability of the given label first.
            QVector<task::Suspect> byConfidence = audit->ranked;
            std::sort(byConfidence.begin(), byConfidence.end(),
                      [](const task::Suspect &a, const task::Suspect &b) { return a.selfConfidence < b.selfConfidence; });
            int baselineRight = 0;
            for (int i = 0; i < k && i < byConfidence.size(); ++i)
                baselineRight += flipped.contains(byConfidence[i].sampleId) ? 1 : 0;
            out() << QStringLiteral("%1 %2  %3  %4  %5  %6  %7  %8  %9\n")
                         .arg(QFileInfo(file).completeBaseName().left(16), -16)
                         .arg(noise, 5, 'f', 2)
                         .arg(k, 5)
                         .arg(audit->flagged, 7)
                         .arg(share(flaggedRight, audit->flagged), 12, 'f', 3)
                         .arg(share(flaggedRight, k), 9, 'f', 3)
                         .arg(share(topRight, k), 6, 'f', 3)
                         .arg(share(baselineRight, k), 12, 'f', 3)
                         .arg(seconds, 7, 'f', 1);
            out().flush();
        }
    }
    return 0;
}
