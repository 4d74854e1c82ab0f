// What team labeling costs the annotator and the round, next to the same run's baselines:
// - serving and labeling samples through the studio's queue with leases (store/Assignments.h) against the same
//   queue without them (no annotator name), each label committed as the studio commits it;
// - reading every sample for a round with label resolution (store/LabelResolution.h) against reading them plainly,
//   on a project where a share of the samples has two or three annotators.
//
// Usage: marginalia_team_bench [--samples N] [--labels K] [--overlap SHARE]
// Figures are medians of three, in milliseconds; the ratio is leases (or resolution) over the baseline.
#include "store/Assignments.h"
#include "store/LabelResolution.h"
#include "store/ProjectStore.h"
#include "ui/SampleQueue.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <vector>

using namespace marginalia;

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

QString makeProject(const QString &path, int samples)
{
    auto store = std::move(ProjectStore::create(path, TaskType::TextCat, {QStringLiteral("a"), QStringLiteral("b")})).value();
    const Status s = store->inTransaction([&]() -> Status {
        for (int i = 0; i < samples; ++i) {
            Sample sample;
            sample.text = QStringLiteral("A message of some length, number %1, about a delivery or a refund.").arg(i);
            if (auto id = store->addSample(sample); !id)
                return Error{id.error()};
        }
        return {};
    });
    if (!s)
        qFatal("%s", qPrintable(s.error()));
    return path;
}

// Serves and labels `count` samples through a queue; returns the milliseconds it took.
double labelThroughQueue(const QString &path, const QString &annotator, int count, const AssignmentPolicy &policy)
{
    auto store = std::move(ProjectStore::open(path)).value();
    ui::SampleQueue queue(store.get());
    queue.setAssignment(annotator, policy);
    QSet<qint64> shown;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < count; ++i) {
        const auto item = queue.next(shown);
        if (!item)
            break;
        shown.insert(item->sampleId);
        AnnotationInput input;
        input.labels = {i % 2 ? QStringLiteral("a") : QStringLiteral("b")};
        input.annotator = annotator;
        if (!store->annotate(item->sampleId, input))
            qFatal("label not saved");
    }
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    queue.releaseAll();
    return ms;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const auto option = [&](const QString &name, const QString &fallback) {
        const qsizetype at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? args.at(at + 1) : fallback;
    };
    const int samples = option(QStringLiteral("--samples"), QStringLiteral("200000")).toInt();
    const int labels = option(QStringLiteral("--labels"), QStringLiteral("300")).toInt();
    const double overlap = option(QStringLiteral("--overlap"), QStringLiteral("0.1")).toDouble();
    QTemporaryDir dir;

    std::printf("Labeling %d samples through the queue (each label committed), %d samples in the pool\n", labels, samples);
    std::vector<double> with, without;
    for (int run = 0; run < 3; ++run) {
        const QString a = makeProject(dir.filePath(QStringLiteral("plain%1.marginalia").arg(run)), samples / 10);
        const QString b = makeProject(dir.filePath(QStringLiteral("leased%1.marginalia").arg(run)), samples / 10);
        without.push_back(labelThroughQueue(a, QString(), labels, {}));
        with.push_back(labelThroughQueue(b, QStringLiteral("ann"), labels, {}));
    }
    std::printf("  %-34s %10.1f ms  (%.2f ms a label)\n", "without leases (baseline)", median(without), median(without) / labels);
    std::printf("  %-34s %10.1f ms  (%.2f ms a label)  x%.2f\n", "with leases, 8 per transaction", median(with),
                median(with) / labels, median(with) / median(without));

    // A round's read of every sample, with a share labeled by two or three people.
    const QString team = makeProject(dir.filePath(QStringLiteral("team.marginalia")), samples);
    {
        auto store = std::move(ProjectStore::open(team)).value();
        const Status s = store->inTransaction([&]() -> Status {
            for (qint64 id = 1; id <= samples / 5; ++id) { // a fifth labeled
                AnnotationInput in;
                in.labels = {id % 3 ? QStringLiteral("a") : QStringLiteral("b")};
                in.annotator = QStringLiteral("ann");
                if (auto r = store->annotate(id, in); !r)
                    return Error{r.error()};
                if (isOverlapSample(id, overlap)) {
                    in.annotator = QStringLiteral("bob");
                    in.labels = {id % 2 ? QStringLiteral("a") : QStringLiteral("b")};
                    if (auto r = store->annotate(id, in); !r)
                        return Error{r.error()};
                }
            }
            return {};
        });
        if (!s)
            qFatal("%s", qPrintable(s.error()));
    }
    auto store = std::move(ProjectStore::open(team)).value();
    std::vector<double> plain, resolved;
    qint64 candidates = 0;
    for (int run = 0; run < 3; ++run) {
        QElapsedTimer t;
        t.start();
        qint64 labeled = 0;
        (void)store->forEachSample({}, [&](const AnnotatedSample &a) {
            labeled += a.isLabeled();
            return true;
        });
        plain.push_back(double(t.nsecsElapsed()) / 1e6);
        t.restart();
        const auto resolution = resolveProjectLabels(*store);
        candidates = resolution ? resolution->size() : -1;
        (void)store->forEachSample({}, [&](const AnnotatedSample &read) {
            AnnotatedSample scratch;
            labeled += resolvedSample(read, *resolution, scratch).isLabeled();
            return true;
        });
        resolved.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::printf("\nA round's read of %d samples, %d labeled, %lld labeled by two people (overlap %.0f%%)\n", samples,
                samples / 5, static_cast<long long>(candidates), overlap * 100);
    std::printf("  %-34s %10.1f ms\n", "plain read (baseline)", median(plain));
    std::printf("  %-34s %10.1f ms  x%.2f\n", "with label resolution", median(resolved), median(resolved) / median(plain));
    return 0;
}
