// The image views under load. Labeling: the time from a label key press until the next image is decoded and
// painted, and the longest stall of the GUI event loop, with the image model training on the worker thread the
// whole time, next to the same figures with no training (the baseline) in the same run. Grid: a 100 k image pool
// scrolled smoothly and then swept end to end, with the time of each scroll step (scroll + paint), the longest
// event-loop stall and how many of the cells on screen had their thumbnail a moment after each step, next to the
// same scroll over a text-only list of as many rows (Qt's own floor) and the idle event loop.
//
// Uses the digits images (a folder per label, ~/.cache/marginalia-datasets/digits by default). Run with
// QT_QPA_PLATFORM=offscreen (or on a desktop):
//   marginalia_image_view_bench [DIGITS_DIR] [--labels N] [--grid N]
#include "store/ContentHash.h"
#include "store/ProjectStore.h"
#include "ui/ImageEditor.h"
#include "ui/ImageGridModel.h"
#include "ui/ImageGridView.h"
#include "ui/LabelingView.h"
#include "ui/MainWindow.h"
#include "ui/ThumbnailCache.h"
#include "ui/TrainingModelClient.h"

#include <QApplication>
#include <QBuffer>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QImage>
#include <QListView>
#include <QScrollBar>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStringListModel>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <algorithm>
#include <cstdio>

using namespace marginalia;

namespace {

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5))];
}

// Watches the event loop with a 1 ms timer: the longest gap between two ticks is the longest stall.
struct StallProbe
{
    QElapsedTimer clock;
    qint64 last = 0;
    double maxMs = 0;
    QTimer timer;
    StallProbe()
    {
        clock.start();
        last = clock.nsecsElapsed();
        timer.setInterval(1);
        QObject::connect(&timer, &QTimer::timeout, [this] { tick(); });
        timer.start();
    }
    void tick()
    {
        const qint64 now = clock.nsecsElapsed();
        maxMs = std::max(maxMs, (now - last) / 1e6);
        last = now;
    }
    void forgive() { last = clock.nsecsElapsed(); } // a measured step is reported as itself, not as a stall
};

struct Digit
{
    QString path;
    QString label;
};

QVector<Digit> readDigits(const QString &dir)
{
    QVector<Digit> digits;
    QDirIterator it(dir, {QStringLiteral("*.png")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        digits.push_back({path, QFileInfo(path).dir().dirName()});
    }
    std::sort(digits.begin(), digits.end(), [](const Digit &a, const Digit &b) { return a.path < b.path; });
    return digits;
}

Status addLabels(ProjectStore &store, const QVector<Digit> &digits)
{
    QStringList names;
    for (const Digit &d : digits)
        if (!names.contains(d.label))
            names << d.label;
    names.sort();
    for (const QString &name : names) // each digit's key is the digit itself
        if (auto added = store.addLabel(name, {}, name.size() == 1 ? name : QString()); !added)
            return Error{added.error()};
    return {};
}

// The digits as they are on disk (paths relative to the project), a fifth for evaluation, labeled, and
// `poolLabels` pool images labeled, so that a round has something to learn; the rest is for the annotator.
Result<QString> makeLabelingProject(const QTemporaryDir &dir, const QVector<Digit> &digits, int poolLabels,
                                    QHash<qint64, QString> *truth)
{
    const QString path = dir.filePath(QStringLiteral("digits.marginalia"));
    auto store = ProjectStore::create(path, TaskType::Image);
    if (!store)
        return Error{store.error()};
    if (auto s = addLabels(**store, digits); !s)
        return Error{s.error()};
    const QDir projectDir(dir.path());
    int pooled = 0;
    const Status added = (*store)->inTransaction([&]() -> Status {
        for (int i = 0; i < digits.size(); ++i) {
            QFile file(digits.at(i).path);
            if (!file.open(QIODevice::ReadOnly))
                return Error{file.errorString()};
            Sample sample;
            sample.text = projectDir.relativeFilePath(digits.at(i).path);
            sample.contentHash = sha256(file.readAll());
            sample.split = i % 5 == 0 ? Split::Eval : Split::Pool;
            auto id = (*store)->addSample(sample);
            if (!id)
                return Error{id.error()};
            if (!id->has_value())
                continue;
            truth->insert(**id, digits.at(i).label);
            if (sample.split == Split::Eval || pooled++ < poolLabels) {
                AnnotationInput input;
                input.labels = {digits.at(i).label};
                input.source = AnnotationSource::Imported;
                if (auto a = (*store)->annotate(**id, input); !a)
                    return Error{a.error()};
            }
        }
        return {};
    });
    if (!added)
        return Error{added.error()};
    return path;
}

// `count` images made from the digits, each with its number written into three corner pixels (so that every one
// has its own bytes), embedded in the project: a 100 k pool without 100 k files.
Result<QString> makeGridProject(const QTemporaryDir &dir, const QVector<Digit> &digits, int count)
{
    const QString path = dir.filePath(QStringLiteral("grid.marginalia"));
    auto store = ProjectStore::create(path, TaskType::Image);
    if (!store)
        return Error{store.error()};
    if (auto s = addLabels(**store, digits); !s)
        return Error{s.error()};
    QVector<QImage> images;
    for (const Digit &d : digits)
        images.push_back(QImage(d.path).convertToFormat(QImage::Format_Grayscale8));
    const Status added = (*store)->inTransaction([&]() -> Status {
        for (int k = 0; k < count; ++k) {
            QImage image = images.at(k % images.size());
            for (int b = 0; b < 3; ++b)
                image.setPixel(b, 0, qRgb((k >> (8 * b)) & 0xff, (k >> (8 * b)) & 0xff, (k >> (8 * b)) & 0xff));
            QByteArray bytes;
            QBuffer buffer(&bytes);
            buffer.open(QIODevice::WriteOnly);
            image.save(&buffer, "PNG");
            Sample sample;
            sample.text = QStringLiteral("grid/%1/%2.png").arg(digits.at(k % digits.size()).label).arg(k);
            sample.contentHash = sha256(bytes);
            auto id = (*store)->addSample(sample);
            if (!id)
                return Error{id.error()};
            if (id->has_value())
                if (auto s = (*store)->embedImage(**id, bytes); !s)
                    return s;
        }
        return {};
    });
    if (!added)
        return Error{added.error()};
    return path;
}

struct LabelPhase
{
    std::vector<double> latencyMs;
    double maxStallMs = 0;
    int roundsFinished = 0;
};

// Labels `count` images with their true labels at a fast annotator's pace, each key press timed until the next
// image is decoded and painted.
LabelPhase runLabeling(ui::MainWindow &window, ui::LabelingView *view, const QHash<qint64, QString> &truth, int count,
                       bool train)
{
    auto *editor = qobject_cast<ui::ImageEditor *>(view->editor());
    LabelPhase phase;
    QEventLoop loop;
    StallProbe probe;
    QMetaObject::Connection keepTraining;
    if (train) {
        keepTraining = QObject::connect(window.model(), &ui::ModelClient::roundFinished, [&] {
            ++phase.roundsFinished;
            window.trainNow();
        });
        window.trainNow();
    }
    QElapsedTimer pressed;
    bool waiting = false;
    int done = 0;
    const auto shown = QObject::connect(editor, &ui::ImageEditor::imageShown, [&](qint64 id) {
        if (!waiting || id != view->currentSampleId())
            return;
        view->repaint(); // on screen, not just queued for painting
        phase.latencyMs.push_back(pressed.nsecsElapsed() / 1e6);
        probe.forgive();
        waiting = false;
        if (++done >= count)
            loop.quit();
    });
    QTimer pace;
    pace.setInterval(40);
    QObject::connect(&pace, &QTimer::timeout, [&] {
        if (waiting || editor->shownImageId() != view->currentSampleId() || view->currentSampleId() == 0)
            return;
        const QString label = truth.value(view->currentSampleId());
        pressed.start();
        waiting = true;
        QTest::keyClick(view, label.isEmpty() ? 's' : label.at(0).toLatin1());
        probe.forgive();
    });
    pace.start();
    loop.exec();
    QObject::disconnect(shown);
    QObject::disconnect(keepTraining);
    phase.maxStallMs = probe.maxMs;
    return phase;
}

struct ScrollPhase
{
    std::vector<double> stepMs;
    double maxStallMs = 0;
    double visibleReady = -1; // share of the cells on screen with their thumbnail a little after each step
    int steps = 0;
};

// Scrolls `list` by `stepPixels` per tick (one tick every `paceMs`), `steps` times, timing each scroll and paint.
ScrollPhase runScroll(QListView *list, int stepPixels, int steps, int paceMs, ui::ImageGridModel *grid)
{
    ScrollPhase phase;
    QEventLoop loop;
    QObject scope; // the checks still pending when the phase ends go with it
    StallProbe probe;
    QScrollBar *bar = list->verticalScrollBar();
    int done = 0;
    double readySum = 0;
    int readyCount = 0;
    QTimer pace;
    pace.setInterval(paceMs);
    auto countReady = [&] {
        if (!grid)
            return;
        int cells = 0, ready = 0;
        const QRect area = list->viewport()->rect();
        const QSize cell = list->gridSize();
        for (int y = cell.height() / 2; y < area.height(); y += cell.height())
            for (int x = cell.width() / 2; x < area.width(); x += cell.width()) {
                const QModelIndex index = list->indexAt(QPoint(x, y));
                if (!index.isValid())
                    continue;
                ++cells;
                ready += grid->thumbnails()->contains(grid->sampleId(index.row()));
            }
        if (cells > 0) {
            readySum += double(ready) / cells;
            ++readyCount;
        }
    };
    QObject::connect(&pace, &QTimer::timeout, [&] {
        QElapsedTimer t;
        t.start();
        bar->setValue(std::min(bar->maximum(), bar->value() + stepPixels));
        list->viewport()->repaint();
        phase.stepMs.push_back(t.nsecsElapsed() / 1e6);
        probe.forgive();
        QTimer::singleShot(std::max(1, paceMs - 10), &scope, countReady);
        if (++done >= steps || bar->value() >= bar->maximum())
            QTimer::singleShot(paceMs, &loop, &QEventLoop::quit);
    });
    pace.start();
    loop.exec();
    phase.maxStallMs = probe.maxMs;
    phase.steps = done;
    if (readyCount > 0)
        phase.visibleReady = readySum / readyCount;
    return phase;
}

double idleStall(int ms)
{
    StallProbe probe;
    QTest::qWait(ms);
    return probe.maxMs;
}

void printLabel(const char *name, const LabelPhase &p)
{
    std::printf("%-26s images %4zu  p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms  longest stall %6.2f ms  rounds %d\n",
                name, p.latencyMs.size(), percentile(p.latencyMs, 0.5), percentile(p.latencyMs, 0.99),
                percentile(p.latencyMs, 1.0), p.maxStallMs, p.roundsFinished);
}

void printScroll(const char *name, const ScrollPhase &p)
{
    std::printf("%-26s steps %5d  step p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms  longest stall %6.2f ms", name,
                p.steps, percentile(p.stepMs, 0.5), percentile(p.stepMs, 0.99), percentile(p.stepMs, 1.0), p.maxStallMs);
    if (p.visibleReady >= 0)
        std::printf("  thumbnails on screen %3.0f%%", p.visibleReady * 100);
    std::printf("\n");
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QString digitsDir = QDir::homePath() + QStringLiteral("/.cache/marginalia-datasets/digits");
    int labels = 200;
    int gridCount = 100000;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--labels") && i + 1 < args.size())
            labels = args.at(++i).toInt();
        else if (args.at(i) == QLatin1String("--grid") && i + 1 < args.size())
            gridCount = args.at(++i).toInt();
        else
            digitsDir = args.at(i);
    }
    const QVector<Digit> digits = readDigits(digitsDir);
    if (digits.isEmpty()) {
        std::fprintf(stderr, "no images under %s: a folder with a subfolder of PNGs per label\n", qPrintable(digitsDir));
        return 2;
    }
    QTemporaryDir dir;
    QHash<qint64, QString> truth;
    const auto labeling = makeLabelingProject(dir, digits, 200, &truth);
    if (!labeling)
        return std::fprintf(stderr, "%s\n", qPrintable(labeling.error())), 2;
    QElapsedTimer made;
    made.start();
    const auto grid = makeGridProject(dir, digits, gridCount);
    if (!grid)
        return std::fprintf(stderr, "%s\n", qPrintable(grid.error())), 2;
    std::printf("projects: %lld digits (%d labeled in the pool, eval labeled); grid pool of %d embedded images "
                "made in %.1f s\n",
                qlonglong(truth.size()), 200, gridCount, made.elapsed() / 1000.0);

    ui::MainWindow window(ui::TrainingModelClient::factory());
    window.resize(1200, 800);
    window.show();
    if (!window.openProject(*labeling))
        return 2;
    window.findChild<QSpinBox *>(QStringLiteral("intervalBox"))->setValue(100000); // rounds only when asked
    QObject::connect(window.model(), &ui::ModelClient::roundFailed,
                     [](const QString &m) { std::fprintf(stderr, "round failed: %s\n", qPrintable(m)); });
    auto *view = window.findChild<ui::LabelingView *>(QStringLiteral("labelingView"));
    QTest::qWait(500);
    const LabelPhase idle = runLabeling(window, view, truth, labels, false);
    const LabelPhase training = runLabeling(window, view, truth, labels, true);
    window.model()->cancel();
    QTest::qWait(300);

    // The grid: open the 100 k pool, wait for its list, then scroll.
    if (!window.openProject(*grid))
        return 2;
    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("projectTabs"));
    auto *gridView = window.findChild<ui::ImageGridView *>(QStringLiteral("imageGridView"));
    ui::ImageGridModel *model = gridView->model();
    QListView *list = gridView->listView();
    QElapsedTimer listed;
    listed.start();
    StallProbe openProbe;
    tabs->setCurrentWidget(gridView);
    QEventLoop wait;
    QObject::connect(model, &ui::ImageGridModel::reloaded, &wait, &QEventLoop::quit);
    wait.exec();
    const double listMs = listed.nsecsElapsed() / 1e6;
    QTest::qWait(300); // the view lays out and paints the first screen
    const double openStall = openProbe.maxMs;
    const int rows = model->rowCount();
    const double idleMs = idleStall(1500);
    const int page = list->viewport()->height();
    const int sweepSteps = 400;
    const ScrollPhase smooth = runScroll(list, 120, 600, 16, model); // a wheel's pace over the first images
    list->verticalScrollBar()->setValue(0);
    QTest::qWait(200);
    const ScrollPhase sweep =
        runScroll(list, std::max(page, list->verticalScrollBar()->maximum() / sweepSteps), sweepSteps, 16, model);
    const int thumbnails = model->thumbnails()->batchesDone();
    const qint64 cacheBytes = model->thumbnails()->cachedBytes();

    // Qt's floor: the same scrolls over a text-only list of as many rows, with the grid's cell size.
    QStringList texts;
    texts.reserve(rows);
    for (int i = 0; i < rows; ++i)
        texts << QString::number(i);
    QStringListModel plainModel(texts);
    QListView plain;
    plain.setViewMode(QListView::IconMode);
    plain.setMovement(QListView::Static);
    plain.setResizeMode(QListView::Adjust);
    plain.setUniformItemSizes(true);
    plain.setLayoutMode(QListView::Batched);
    plain.setBatchSize(4096);
    plain.setGridSize(list->gridSize());
    plain.setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    plain.setModel(&plainModel);
    plain.resize(list->size());
    plain.show();
    QTest::qWait(1000);
    const ScrollPhase plainSmooth = runScroll(&plain, 120, 600, 16, nullptr);
    plain.verticalScrollBar()->setValue(0);
    QTest::qWait(200);
    const ScrollPhase plainSweep =
        runScroll(&plain, std::max(page, plain.verticalScrollBar()->maximum() / sweepSteps), sweepSteps, 16, nullptr);

    std::printf("\nlabeling view, key press to the next image decoded and painted (%d per phase):\n", labels);
    printLabel("no training (baseline)", idle);
    printLabel("image model training", training);
    std::printf("ratio training/baseline: p99 %.2fx, longest stall %.2fx   (target: stall <= 50 ms; the latency holds "
                "the label's commit and the next image's read and decode on a pool thread)\n",
                percentile(training.latencyMs, 0.99) / std::max(1e-9, percentile(idle.latencyMs, 0.99)),
                training.maxStallMs / std::max(1e-9, idle.maxStallMs));
    std::printf("\ngrid of %d images: list read in %.0f ms (pool thread), longest stall while opening %.1f ms; "
                "idle event loop's longest stall %.2f ms (baseline)\n",
                rows, listMs, openStall, idleMs);
    printScroll("grid, wheel pace", smooth);
    printScroll("text list, wheel pace", plainSmooth);
    printScroll("grid, sweep to the end", sweep);
    printScroll("text list, sweep", plainSweep);
    std::printf("thumbnail batches made %d (up to %d images each), cache %.1f MB   (target: longest stall <= 50 ms)\n",
                thumbnails, ui::ThumbnailCache::kBatch, cacheBytes / 1048576.0);
    window.close();
    return 0;
}
