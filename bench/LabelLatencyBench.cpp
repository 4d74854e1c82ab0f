// Label latency while the model trains: the time from a label key press to the next sample being on screen,
// and the longest stall of the GUI event loop, with a training round running on the worker thread the whole
// time, next to the same figures with no training (the baseline) in the same run. Teach mode is measured the
// same way, its yes (A) and no (X) alternating: a no writes a rejection instead of a label.
//
// Needs the SpamAssassin set fetched by the shared datasets script (fetch.sh); pass its path or use the default cache.
// Run with QT_QPA_PLATFORM=offscreen (or on a desktop).
#include "io/Importer.h"
#include "store/ProjectStore.h"
#include "ui/LabelingView.h"
#include "ui/MainWindow.h"
#include "ui/TrainingModelClient.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <algorithm>
#include <cstdio>

using namespace marginalia;

namespace {

struct Phase
{
    std::vector<double> latencyMs;
    double maxStallMs = 0;
    int roundsFinished = 0;
};

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5))];
}

// Labels `count` samples at an annotator's fast pace (one every `paceMs`), measuring each key press until the
// next sample is painted, while a probe timer watches for gaps in the event loop.
Phase runPhase(ui::MainWindow &window, ui::LabelingView *view, int count, int paceMs, bool train,
               const char keys[2] = "21")
{
    Phase phase;
    QEventLoop loop;
    QElapsedTimer clock;
    clock.start();
    qint64 lastTick = clock.nsecsElapsed();
    QTimer probe;
    probe.setInterval(1);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        phase.maxStallMs = std::max(phase.maxStallMs, (now - lastTick) / 1e6);
        lastTick = now;
    });
    QMetaObject::Connection keepTraining;
    if (train) {
        keepTraining = QObject::connect(window.model(), &ui::ModelClient::roundFinished, [&] {
            ++phase.roundsFinished;
            window.trainNow();
        });
        window.trainNow();
    }
    int done = 0;
    QTimer pace;
    pace.setInterval(paceMs);
    QObject::connect(&pace, &QTimer::timeout, [&] {
        const qint64 before = view->currentSampleId();
        QElapsedTimer t;
        t.start();
        QTest::keyClick(view, keys[done % 2]);
        view->repaint(); // the next sample is on screen, not just queued for painting
        phase.latencyMs.push_back(t.nsecsElapsed() / 1e6);
        if (view->currentSampleId() == before)
            std::fprintf(stderr, "warning: the key press did not advance\n");
        lastTick = clock.nsecsElapsed(); // the measured press is reported above, not as a stall
        if (++done >= count)
            loop.quit();
    });
    probe.start();
    pace.start();
    loop.exec();
    QObject::disconnect(keepTraining);
    return phase;
}

void print(const char *name, const Phase &p)
{
    std::printf("%-22s labels %4zu  p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms  longest stall %6.2f ms  rounds %d\n",
                name, p.latencyMs.size(), percentile(p.latencyMs, 0.5), percentile(p.latencyMs, 0.99),
                percentile(p.latencyMs, 1.0), p.maxStallMs, p.roundsFinished);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const QString data = argc > 1 ? QString::fromLocal8Bit(argv[1])
                                  : QDir::homePath() + QStringLiteral("/.cache/marginalia-datasets/spam_assassin.jsonl");
    if (!QFileInfo::exists(data)) {
        std::fprintf(stderr, "missing %s: run the shared datasets fetch.sh first\n", qPrintable(data));
        return 2;
    }
    const int count = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 300;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench.marginalia"));
    {
        auto store = ProjectStore::create(path, TaskType::TextCat);
        if (!store)
            return std::fprintf(stderr, "%s\n", qPrintable(store.error())), 2;
        ImportOptions options;
        options.evalFraction = 0.2;
        auto imported = importFile(**store, data, options);
        if (!imported)
            return std::fprintf(stderr, "%s\n", qPrintable(imported.error())), 2;
        // Keep the eval labels and 400 pool labels; the rest of the pool is for the annotator.
        SampleFilter pool = SampleFilter::labeled(Split::Pool);
        pool.offset = 400;
        const QVector<qint64> ids = (*store)->sampleIds(pool).value();
        const Status cleared = (*store)->inTransaction([&]() -> Status {
            for (qint64 id : ids) {
                AnnotationInput clear;
                clear.cleared = true;
                if (auto a = (*store)->annotate(id, clear); !a)
                    return Error{a.error()};
            }
            return {};
        });
        if (!cleared)
            return std::fprintf(stderr, "%s\n", qPrintable(cleared.error())), 2;
        std::printf("project: %lld samples, %lld pool labels, %lld eval labels\n",
                    (*store)->countSamples().value(), (*store)->countSamples(SampleFilter::labeled(Split::Pool)).value(),
                    (*store)->countSamples(SampleFilter::labeled(Split::Eval)).value());
    }

    ui::MainWindow window(ui::TrainingModelClient::factory());
    window.resize(1200, 800);
    window.show();
    if (!window.openProject(path))
        return 2;
    window.findChild<QSpinBox *>(QStringLiteral("intervalBox"))->setValue(100000); // rounds only when asked
    auto *view = window.findChild<ui::LabelingView *>(QStringLiteral("labelingView"));
    QTest::qWait(500);

    const Phase idle = runPhase(window, view, count, 40, false);
    const Phase training = runPhase(window, view, count, 40, true);
    view->setTeachMode(true);
    QTest::qWait(200);
    const Phase teachIdle = runPhase(window, view, count, 40, false, "ax");
    const Phase teachTraining = runPhase(window, view, count, 40, true, "ax");
    print("no training (baseline)", idle);
    print("training running", training);
    print("teach, no training", teachIdle);
    print("teach, training", teachTraining);
    std::printf("ratio training/baseline: p99 %.2fx, longest stall %.2fx   (targets: p99 <= 16 ms, stall <= 50 ms)\n",
                percentile(training.latencyMs, 0.99) / std::max(1e-9, percentile(idle.latencyMs, 0.99)),
                training.maxStallMs / std::max(1e-9, idle.maxStallMs));
    std::printf("teach mode while training: p99 %.2f ms, longest stall %.2f ms   (targets: p99 <= 16 ms, stall <= 50 ms)\n",
                percentile(teachTraining.latencyMs, 0.99), teachTraining.maxStallMs);
    window.close();
    return 0;
}
