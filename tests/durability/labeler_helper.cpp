// A studio's labeling queue in a process of its own, for the team tests: leases samples under NAME as the studio
// does (ui/SampleQueue, store/Assignments.h), labels each with the first label and acknowledges it on stdout
// ("labeled ID") once it is committed. Waits up to PATIENCE_MS for samples others hold to come free, then gives
// its leases back and prints "done".
//   labeler_helper PROJECT NAME LEASE_MS PACE_MS PATIENCE_MS
#include "HelperLine.h"
#include "settings/ProjectSettings.h"
#include "store/ProjectStore.h"
#include "ui/SampleQueue.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>
#include <cstdio>

using namespace marginalia;

using testing::say;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 6)
        return 1;
    auto opened = ProjectStore::open(args[1]);
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error()));
        return 2;
    }
    ProjectStore &store = **opened;
    const QString name = args[2];
    AssignmentPolicy policy;
    policy.overlap = settings::value(store, settings::kOverlapShare).toDouble();
    policy.overlapAnnotators = settings::value(store, settings::kOverlapAnnotators).toInt();
    policy.leaseMs = args[3].toLongLong();
    const int paceMs = args[4].toInt();
    const int patienceMs = args[5].toInt();
    const QString label = store.labels().value().value(0).name;

    ui::SampleQueue queue(&store);
    queue.setAssignment(name, policy);
    QSet<qint64> shown;
    QElapsedTimer idle;
    idle.start();
    say("ready");
    for (;;) {
        const auto item = queue.next(shown);
        if (!item) {
            if (idle.elapsed() > patienceMs)
                break;
            QThread::msleep(100);
            queue.setAssignment(name, policy); // overlap samples others labeled since
            continue;
        }
        idle.restart();
        shown.insert(item->sampleId);
        AnnotationInput input;
        input.labels = {label};
        input.annotator = name;
        if (!store.annotate(item->sampleId, input)) {
            std::fprintf(stderr, "not saved: %lld\n", static_cast<long long>(item->sampleId));
            return 3;
        }
        say("labeled " + QByteArray::number(item->sampleId));
        QThread::msleep(static_cast<unsigned long>(paceMs));
    }
    queue.releaseAll();
    say("done");
    return 0;
}
