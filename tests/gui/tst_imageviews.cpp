// The studio on an image project: the labeling view shows the picture large (fit, zoom, 1:1), label keys save and
// undo as for text, a missing or changed file shows the store's reason instead of a picture and cannot be
// labeled; the grid lists the pool with thumbnails made off the GUI thread, labels a selection with one key in one
// undo step, and accepts the model's guesses filtered by label and confidence. The wizard, import and export offer
// what images need, and text-only commands are off.
#include "ScriptedModelClient.h"
#include "store/ContentHash.h"
#include "store/ProjectStore.h"
#include "ui/ExportDialog.h"
#include "ui/ImageCanvas.h"
#include "ui/ImageEditor.h"
#include "ui/ImageGridModel.h"
#include "ui/ImageGridView.h"
#include "ui/ImportPanel.h"
#include "ui/LabelingView.h"
#include "ui/MainWindow.h"
#include "ui/NewProjectWizard.h"
#include "ui/ThumbnailCache.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace marginalia;
using namespace marginalia::ui;

namespace {
const QStringList kLabels = {QStringLiteral("red"), QStringLiteral("green"), QStringLiteral("blue")};

// Image i: a flat colour with a dark square in its top left corner, sizes varying with i, and i itself in one
// pixel so that no two have the same bytes.
QImage makeImage(int i)
{
    QImage image(40 + (i % 5) * 8, 30 + (i % 3) * 6, QImage::Format_RGB32);
    image.fill(QColor::fromHsv((i * 37) % 360, 200, 220));
    for (int y = 0; y < 6; ++y)
        for (int x = 0; x < 6; ++x)
            image.setPixel(x, y, qRgb(10, 10, 10));
    image.setPixel(39, 29, qRgb(i & 0xff, (i >> 8) & 0xff, 0));
    return image;
}

// A project of `pool` + `eval` PNGs under img/ next to it; labels set their own keys 1, 2, 3.
QString makeImageProject(const QTemporaryDir &dir, const QString &name, int pool, int eval = 0)
{
    const QString path = dir.filePath(name);
    auto store = ProjectStore::create(path, TaskType::Image);
    if (!store)
        return QString();
    for (int i = 0; i < kLabels.size(); ++i)
        if (!(*store)->addLabel(kLabels.at(i), QStringLiteral("#%1").arg(0x336699 + i * 0x202000, 6, 16),
                                QString::number(i + 1)))
            return QString();
    QDir(dir.path()).mkpath(QStringLiteral("img"));
    const Status added = (*store)->inTransaction([&]() -> Status { // one commit, not one per image
        for (int i = 0; i < pool + eval; ++i) {
            const QString file = QStringLiteral("img/%1-%2.png").arg(name.section(QLatin1Char('.'), 0, 0)).arg(i, 4, 10, QLatin1Char('0'));
            if (!makeImage(i).save(dir.filePath(file)))
                return Error{file};
            QFile f(dir.filePath(file));
            if (!f.open(QIODevice::ReadOnly))
                return Error{file};
            Sample sample;
            sample.text = file;
            sample.contentHash = sha256(f.readAll());
            sample.split = i < pool ? Split::Pool : Split::Eval;
            if (auto id = (*store)->addSample(sample); !id || !id->has_value())
                return Error{file};
        }
        return {};
    });
    return added ? path : QString();
}

std::unique_ptr<MainWindow> makeWindow()
{
    auto window = std::make_unique<MainWindow>(
        [](const QString &path) { return std::make_unique<ScriptedModelClient>(path); });
    window->resize(1000, 700);
    window->show();
    return window;
}

QString currentLabel(const ProjectStore &store, qint64 sampleId)
{
    auto a = store.currentAnnotation(sampleId);
    return a && a->has_value() && !(*a)->cleared ? (*a)->labels.value(0) : QString();
}

std::optional<AnnotationSource> currentSource(const ProjectStore &store, qint64 sampleId)
{
    auto a = store.currentAnnotation(sampleId);
    if (a && a->has_value() && !(*a)->cleared)
        return (*a)->source;
    return std::nullopt;
}

// A finished run whose guesses are given per pool sample (label, confidence), as the engine stores them.
bool storeGuesses(ProjectStore &store, const QVector<PredictionRow> &rows)
{
    const auto run = store.beginRun(QStringLiteral("test"), QStringLiteral("{}"), QStringLiteral("CPU"),
                                    QStringLiteral("margin"));
    return run && store.storePredictions(*run, rows) && store.finishRun(*run, RunResult{});
}

// The colour the canvas paints at a point of its viewport.
QRgb canvasPixel(ImageCanvas *canvas, QPoint at)
{
    return canvas->viewport()->grab().toImage().pixel(at);
}
} // namespace

class TestImageViews : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static ImageEditor *imageEditor(MainWindow &window)
    {
        auto *view = window.findChild<LabelingView *>(QStringLiteral("labelingView"));
        return view ? qobject_cast<ImageEditor *>(view->editor()) : nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void editorShowsTheImageFittedToTheWindow()
    {
        const QString path = makeImageProject(m_dir, QStringLiteral("show.marginalia"), 6);
        QVERIFY(!path.isEmpty());
        auto window = makeWindow();
        QVERIFY(window->openProject(path));
        auto *view = window->findChild<LabelingView *>(QStringLiteral("labelingView"));
        ImageEditor *editor = imageEditor(*window);
        QVERIFY2(editor, "an image project labels in the image editor");
        const qint64 id = view->currentSampleId();
        QVERIFY(id != 0);
        QTRY_COMPARE(editor->shownImageId(), id);
        ImageCanvas *canvas = editor->canvas();
        QVERIFY(canvas->hasImage());
        const int index = window->store()->sample(id)->text.section(QLatin1Char('-'), -1).section(QLatin1Char('.'), 0, 0).toInt();
        const QImage expected = makeImage(index);
        QCOMPARE(canvas->imageSize(), expected.size());
        // Fitted: the image fills the window in one direction, and is far larger than its 40-odd pixels.
        QVERIFY(canvas->fitsWindow());
        const QSize area = canvas->viewport()->size();
        const double fit = std::min(double(area.width()) / expected.width(), double(area.height()) / expected.height());
        QCOMPARE(canvas->scale(), fit);
        QVERIFY(fit > 3);
        // The picture is on screen: its colour in the middle, its dark corner square at the top left of the image.
        const QPoint center = canvas->viewport()->rect().center();
        QCOMPARE(QColor(canvasPixel(canvas, center)).name(), QColor(expected.pixel(20, 20)).name());
        const QPoint topLeft((area.width() - int(expected.width() * fit)) / 2 + int(2 * fit),
                             (area.height() - int(expected.height() * fit)) / 2 + int(2 * fit));
        QCOMPARE(QColor(canvasPixel(canvas, topLeft)).name(), QColor(10, 10, 10).name());
        auto *info = editor->findChild<QLabel *>(QStringLiteral("imageInfo"));
        QVERIFY2(info->text().contains(window->store()->sample(id)->text), qPrintable(info->text()));
        QVERIFY(info->text().contains(QStringLiteral("%1 × %2").arg(expected.width()).arg(expected.height())));
    }

    void zoomKeysWheelAndOneToOne()
    {
        const QString path = makeImageProject(m_dir, QStringLiteral("zoom.marginalia"), 3);
        auto window = makeWindow();
        QVERIFY(window->openProject(path));
        auto *view = window->findChild<LabelingView *>(QStringLiteral("labelingView"));
        ImageEditor *editor = imageEditor(*window);
        QTRY_COMPARE(editor->shownImageId(), view->currentSampleId());
        ImageCanvas *canvas = editor->canvas();
        const double fit = canvas->scale();
        view->setFocus();
        QTest::keyClick(view, Qt::Key_Plus);
        QVERIFY(!canvas->fitsWindow());
        QCOMPARE(canvas->scale(), fit * 1.25);
        QTest::keyClick(view, Qt::Key_Minus);
        QTest::keyClick(view, Qt::Key_Minus);
        QCOMPARE(canvas->scale(), fit / 1.25);
        QTest::keyClick(view, Qt::Key_Asterisk);
        QCOMPARE(canvas->scale(), 1.0);
        // At 1:1 the image is its own size on screen: the dark square is 6 pixels wide.
        const QRect area = canvas->viewport()->rect();
        const QSize size = canvas->imageSize();
        const QPoint origin((area.width() - size.width()) / 2, (area.height() - size.height()) / 2);
        QCOMPARE(QColor(canvasPixel(canvas, origin + QPoint(5, 5))).name(), QColor(10, 10, 10).name());
        QVERIFY(QColor(canvasPixel(canvas, origin + QPoint(8, 8))).name() != QColor(10, 10, 10).name());
        QTest::keyClick(view, Qt::Key_Slash);
        QVERIFY(canvas->fitsWindow());
        QCOMPARE(canvas->scale(), fit);
        // Ctrl+wheel zooms in around the pointer; a plain wheel does not zoom.
        const QPointF at = QPointF(area.center());
        QWheelEvent plain(at, canvas->viewport()->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(canvas->viewport(), &plain);
        QVERIFY(canvas->fitsWindow());
        QWheelEvent wheel(at, canvas->viewport()->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton,
                          Qt::ControlModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(canvas->viewport(), &wheel);
        QCOMPARE(canvas->scale(), fit * 1.25);
        // Zoom keys never label.
        QCOMPARE(window->store()->countSamples(SampleFilter::labeled()).value(), qint64(0));
        // The next image opens fitted again.
        QTest::keyClick(view, 's');
        QTRY_COMPARE(editor->shownImageId(), view->currentSampleId());
        QVERIFY(canvas->fitsWindow());
    }

    void labelKeysSaveAndUndo()
    {
        const QString path = makeImageProject(m_dir, QStringLiteral("keys.marginalia"), 5);
        auto window = makeWindow();
        QVERIFY(window->openProject(path));
        auto *view = window->findChild<LabelingView *>(QStringLiteral("labelingView"));
        ImageEditor *editor = imageEditor(*window);
        QTRY_COMPARE(editor->shownImageId(), view->currentSampleId());
        const qint64 first = view->currentSampleId();
        view->setFocus();
        QTest::keyClick(view, '2');
        QCOMPARE(currentLabel(*window->store(), first), QStringLiteral("green"));
        const qint64 second = view->currentSampleId();
        QVERIFY(second != first);
        // The next image is not on screen yet (it is read on a pool thread): a key now must not label it unseen.
        QVERIFY(editor->shownImageId() != second);
        QTest::keyClick(view, '3');
        QCOMPARE(currentLabel(*window->store(), second), QString());
        QCOMPARE(view->currentSampleId(), second);
        QTRY_COMPARE(editor->shownImageId(), second);
        QTest::keyClick(view, '3');
        QCOMPARE(currentLabel(*window->store(), second), QStringLiteral("blue"));
        // Undo takes the last label back and brings its image in front again.
        window->undoStack()->undo();
        QCOMPARE(currentLabel(*window->store(), second), QString());
        QCOMPARE(view->currentSampleId(), second);
        QTRY_COMPARE(editor->shownImageId(), second);
        QVERIFY(editor->canvas()->hasImage());
        window->undoStack()->undo();
        QCOMPARE(currentLabel(*window->store(), first), QString());
        QCOMPARE(view->currentSampleId(), first);
        QTRY_COMPARE(editor->shownImageId(), first);
        window->undoStack()->redo();
        QCOMPARE(currentLabel(*window->store(), first), QStringLiteral("green"));
    }

    void missingOrChangedImageShowsWhy()
    {
        const QString path = makeImageProject(m_dir, QStringLiteral("broken.marginalia"), 4);
        const QVector<qint64> ids = ProjectStore::open(path).value()->sampleIds().value();
        const QString missing = ProjectStore::open(path).value()->sample(ids.at(1))->text;
        const QString changed = ProjectStore::open(path).value()->sample(ids.at(2))->text;
        QVERIFY(QFile::remove(m_dir.filePath(missing)));
        QVERIFY(makeImage(99).save(m_dir.filePath(changed)));
        auto window = makeWindow();
        QVERIFY(window->openProject(path));
        auto *view = window->findChild<LabelingView *>(QStringLiteral("labelingView"));
        ImageEditor *editor = imageEditor(*window);
        for (const auto &[id, file, why] : {std::tuple{ids.at(1), missing, QStringLiteral("missing")},
                                            std::tuple{ids.at(2), changed, QStringLiteral("changed")}}) {
            view->openSample(id);
            QTRY_COMPARE(editor->shownImageId(), id);
            ImageCanvas *canvas = editor->canvas();
            QVERIFY(!canvas->hasImage());
            QVERIFY2(canvas->message().contains(file) && canvas->message().contains(why), qPrintable(canvas->message()));
            // What cannot be seen cannot be labeled, by key or by accepting a guess; skipping still works.
            QTest::keyClick(view, '1');
            QTest::keyClick(view, Qt::Key_Return);
            QCOMPARE(currentLabel(*window->store(), id), QString());
            QCOMPARE(view->currentSampleId(), id);
        }
        QTest::keyClick(view, 's');
        QVERIFY(view->currentSampleId() != ids.at(2));
    }

    void gridModelListsThePoolWithThumbnailsMadeOffThread()
    {
        const QString path = makeImageProject(m_dir, QStringLiteral("grid.marginalia"), 300, 20);
        auto store = ProjectStore::open(path).value();
        ImageGridModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(store.get());
        QSignalSpy reloaded(&model, &ImageGridModel::reloaded);
        model.reload(ImageGridModel::Query{});
        QVERIFY(reloaded.wait(10000));
        QCOMPARE(model.rowCount(), 300); // the pool; evaluation images are labeled blind, not here
        const QVector<qint64> pool = store->sampleIds(SampleFilter::unlabeled(Split::Pool)).value();
        QCOMPARE(model.sampleId(0), pool.first());
        QCOMPARE(model.sampleId(299), pool.last());
        QCOMPARE(model.rowOf(pool.at(150)), 150);
        // Rows are read a page at a time: showing 300 rows' captions takes three queries, not 300.
        for (int r = 0; r < model.rowCount(); ++r)
            QCOMPARE(model.data(model.index(r), ImageGridModel::FileRole).toString(), store->sample(pool.at(r))->text);
        QCOMPARE(model.pageQueries(), (300 + ImageGridModel::kPageRows - 1) / ImageGridModel::kPageRows);
        // No thumbnail until asked; asked, it comes from a pool thread, at most the cache's side.
        ThumbnailCache *cache = model.thumbnails();
        QVERIFY(!cache->contains(pool.at(7)));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(model.data(model.index(7), Qt::DecorationRole).isNull());
        QTRY_VERIFY(cache->contains(pool.at(7)));
        QTRY_VERIFY(!changed.isEmpty());
        const QImage thumb = model.data(model.index(7), Qt::DecorationRole).value<QImage>();
        QCOMPARE(thumb.size(), makeImage(7).size()); // small images are not enlarged: the delegate draws them
        QCOMPARE(QColor(thumb.pixel(20, 20)).name(), QColor(makeImage(7).pixel(20, 20)).name());
        // Only what is asked for is made: one request, one batch, not 300 thumbnails.
        QVERIFY(cache->cachedCount() < ThumbnailCache::kBatch + 1);
        // Many asked at once come in batches, the latest asked first; a bounded cache holds them.
        for (int r = 0; r < 200; ++r)
            (void)model.data(model.index(r), Qt::DecorationRole);
        QTRY_COMPARE_WITH_TIMEOUT(cache->cachedCount(), 200, 30000);
        QVERIFY(cache->batchesDone() >= 200 / ThumbnailCache::kBatch);
        QVERIFY(cache->cachedBytes() < qint64(96) << 20);
        cache->setMaxMegabytes(1); // a smaller bound drops the least recently used rather than grow
        QVERIFY(cache->cachedBytes() <= qint64(1) << 20);
        QVERIFY(cache->cachedCount() < 200);
        cache->setMaxMegabytes(96);

        // A missing file: the thumbnail's reason instead.
        QVERIFY(QFile::remove(m_dir.filePath(store->sample(pool.at(250))->text)));
        QVERIFY(model.data(model.index(250), Qt::DecorationRole).isNull());
        QTRY_VERIFY(model.data(model.index(250), ImageGridModel::ThumbnailErrorRole).toString().contains(QStringLiteral("missing")));

        // Filters: labeled state, the latest run's guess and its confidence.
        AnnotationInput red;
        red.labels = {QStringLiteral("red")};
        QVERIFY(store->annotate(pool.at(0), red));
        QVector<PredictionRow> rows;
        for (int i = 0; i < pool.size(); ++i) {
            PredictionRow p;
            p.sampleId = pool.at(i);
            p.label = kLabels.at(i % 3);
            p.confidence = 0.5 + 0.1 * (i % 5); // 0.5 .. 0.9
            rows << p;
        }
        QVERIFY(storeGuesses(*store, rows));
        ImageGridModel::Query query;
        query.state = ImageGridModel::Query::State::Unlabeled;
        model.reload(query);
        QVERIFY(reloaded.wait(10000));
        QCOMPARE(model.rowCount(), 299);
        query.state = ImageGridModel::Query::State::Labeled;
        model.reload(query);
        QVERIFY(reloaded.wait(10000));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.data(model.index(0), ImageGridModel::LabelRole).toString(), QStringLiteral("red"));
        query.state = ImageGridModel::Query::State::Any;
        query.predicted = QStringLiteral("green");
        query.minConfidence = 0.85;
        model.reload(query);
        QVERIFY(reloaded.wait(10000));
        int expected = 0;
        for (int i = 0; i < pool.size(); ++i)
            expected += i % 3 == 1 && i % 5 == 4;
        QCOMPARE(model.rowCount(), expected);
        for (int r = 0; r < model.rowCount(); ++r) {
            QCOMPARE(model.data(model.index(r), ImageGridModel::PredictedRole).toString(), QStringLiteral("green"));
            QVERIFY(model.data(model.index(r), ImageGridModel::ConfidenceRole).toDouble() >= 0.85);
        }
        model.setStore(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void gridLabelsASelectionWithOneKeyInOneUndoStep()
    {
        const QString path = makeImageProject(m_dir, QStringLiteral("batch.marginalia"), 40, 5);
        auto window = makeWindow();
        QVERIFY(window->openProject(path));
        auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("projectTabs"));
        auto *grid = window->findChild<ImageGridView *>(QStringLiteral("imageGridView"));
        QVERIFY(grid);
        QCOMPARE(tabs->indexOf(grid), 1); // after Label, for image projects
        QSignalSpy reloaded(grid->model(), &ImageGridModel::reloaded);
        tabs->setCurrentWidget(grid);
        QVERIFY(reloaded.wait(10000));
        QListView *list = grid->listView();
        QCOMPARE(grid->model()->rowCount(), 40); // unlabeled pool images
        // The visible cells ask for their thumbnails, and they arrive.
        QTRY_VERIFY(grid->model()->thumbnails()->contains(grid->model()->sampleId(0)));
        QVERIFY(!grid->model()->thumbnails()->contains(grid->model()->sampleId(39)) || list->viewport()->height() > 1000);

        QVector<qint64> picked;
        for (int r : {2, 3, 7})
            picked << grid->model()->sampleId(r);
        QItemSelection selection;
        for (int r : {2, 3, 7})
            selection.select(grid->model()->index(r), grid->model()->index(r));
        list->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
        list->setFocus();
        const int steps = window->undoStack()->count();
        QTest::keyClick(list, '3');
        for (const qint64 id : picked)
            QCOMPARE(currentLabel(*window->store(), id), QStringLiteral("blue"));
        QCOMPARE(currentLabel(*window->store(), grid->model()->sampleId(0)), QString());
        QCOMPARE(window->undoStack()->count(), steps + 1);
        QCOMPARE(grid->model()->rowCount(), 37); // labeled: out of the unlabeled list
        QCOMPARE(grid->model()->rowOf(picked.first()), -1);
        // One undo puts all three back, and they come back into the list, selected.
        window->undoStack()->undo();
        for (const qint64 id : picked)
            QCOMPARE(currentLabel(*window->store(), id), QString());
        QVERIFY(reloaded.wait(10000));
        QCOMPARE(grid->model()->rowCount(), 40);
        QCOMPARE(list->selectionModel()->selectedIndexes().size(), 3);
        window->undoStack()->redo();
        for (const qint64 id : picked)
            QCOMPARE(currentLabel(*window->store(), id), QStringLiteral("blue"));
        // The label buttons under the grid do the same for a click.
        list->selectionModel()->select(grid->model()->index(0), QItemSelectionModel::ClearAndSelect);
        const qint64 clicked = grid->model()->sampleId(0);
        grid->labelSelected(0);
        QCOMPARE(currentLabel(*window->store(), clicked), QStringLiteral("red"));
        // The labeling view's counts follow.
        auto *progress = window->findChild<QLabel *>(QStringLiteral("progressLabel"));
        QVERIFY2(progress->text().contains(QStringLiteral("4 of 40")), qPrintable(progress->text()));
    }

    void gridAsksBeforeLabelingThousandsAndResizesThumbnails()
    {
        const QString path = makeImageProject(m_dir, QStringLiteral("many.marginalia"), 2100);
        QVERIFY(!path.isEmpty());
        auto window = makeWindow();
        QVERIFY(window->openProject(path));
        auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("projectTabs"));
        auto *grid = window->findChild<ImageGridView *>(QStringLiteral("imageGridView"));
        QSignalSpy reloaded(grid->model(), &ImageGridModel::reloaded);
        tabs->setCurrentWidget(grid);
        QVERIFY(reloaded.wait(10000));
        QListView *list = grid->listView();
        // Ctrl+wheel over the grid: larger thumbnails, made again at that size; the size box follows.
        auto *size = grid->findChild<QComboBox *>(QStringLiteral("gridThumbnailSize"));
        const int before = grid->model()->thumbnails()->side();
        const QSize cellBefore = list->gridSize();
        const QPointF at(40, 40);
        QWheelEvent wheel(at, list->viewport()->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton,
                          Qt::ControlModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(list->viewport(), &wheel);
        QVERIFY(grid->model()->thumbnails()->side() > before);
        QCOMPARE(size->currentData().toInt(), grid->model()->thumbnails()->side());
        QVERIFY(list->gridSize().width() > cellBefore.width());
        QTRY_VERIFY(grid->model()->thumbnails()->contains(grid->model()->sampleId(0)));
        size->setCurrentIndex(size->findData(before));
        QCOMPARE(grid->model()->thumbnails()->side(), before);
        // All 2,100 selected and a key: asked first; Cancel labels nothing, Yes all of them in one step.
        list->setFocus();
        list->selectAll();
        QTest::keyClick(list, '2');
        auto *box = grid->findChild<QMessageBox *>(QStringLiteral("gridConfirmBox"));
        QVERIFY(box);
        QVERIFY(box->text().contains(QStringLiteral("2100")));
        QCOMPARE(window->store()->countSamples(SampleFilter::labeled()).value(), qint64(0));
        box->button(QMessageBox::Cancel)->click();
        QCOMPARE(window->store()->countSamples(SampleFilter::labeled()).value(), qint64(0));
        QTRY_VERIFY(!grid->findChild<QMessageBox *>(QStringLiteral("gridConfirmBox")));
        const int steps = window->undoStack()->count();
        QTest::keyClick(list, '2');
        box = grid->findChild<QMessageBox *>(QStringLiteral("gridConfirmBox"));
        QVERIFY(box);
        box->button(QMessageBox::Yes)->click();
        QCOMPARE(window->store()->countSamples(SampleFilter::labeled()).value(), qint64(2100));
        QCOMPARE(window->undoStack()->count(), steps + 1);
        QCOMPARE(grid->model()->rowCount(), 0);
        window->undoStack()->undo();
        QCOMPARE(window->store()->countSamples(SampleFilter::labeled()).value(), qint64(0));
    }

    void gridFiltersGuessesAndAcceptsThemInBulk()
    {
        const QString path = makeImageProject(m_dir, QStringLiteral("accept.marginalia"), 30, 6);
        {
            auto store = ProjectStore::open(path).value();
            const QVector<qint64> ids = store->sampleIds().value();
            QVector<PredictionRow> rows;
            for (int i = 0; i < ids.size(); ++i) { // eval samples are predicted too, as the engine does
                PredictionRow p;
                p.sampleId = ids.at(i);
                p.label = i % 2 ? QStringLiteral("green") : QStringLiteral("red");
                p.confidence = i % 4 < 2 ? 0.95 : 0.6;
                rows << p;
            }
            QVERIFY(storeGuesses(*store, rows));
        }
        auto window = makeWindow();
        QVERIFY(window->openProject(path));
        auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("projectTabs"));
        auto *grid = window->findChild<ImageGridView *>(QStringLiteral("imageGridView"));
        QSignalSpy reloaded(grid->model(), &ImageGridModel::reloaded);
        tabs->setCurrentWidget(grid);
        QVERIFY(reloaded.wait(10000));
        QCOMPARE(grid->model()->rowCount(), 30);
        auto *predicted = grid->findChild<QComboBox *>(QStringLiteral("gridPredictedFilter"));
        predicted->setCurrentIndex(predicted->findData(QStringLiteral("red")));
        QVERIFY(reloaded.wait(10000));
        QCOMPARE(grid->model()->rowCount(), 15);
        grid->findChild<QDoubleSpinBox *>(QStringLiteral("gridMinConfidence"))->setValue(90);
        QVERIFY(reloaded.wait(10000));
        // Pool samples 0, 4, 8, ... 28: red and 0.95.
        QCOMPARE(grid->model()->rowCount(), 8);
        QSet<qint64> sure;
        for (int r = 0; r < grid->model()->rowCount(); ++r)
            sure.insert(grid->model()->sampleId(r));
        QListView *list = grid->listView();
        list->setFocus();
        QTest::keyClick(list, 'a', Qt::ControlModifier); // select all
        QCOMPARE(list->selectionModel()->selectedIndexes().size(), 8);
        const int steps = window->undoStack()->count();
        QTest::keyClick(list, Qt::Key_Return);
        QCOMPARE(window->undoStack()->count(), steps + 1);
        const QVector<qint64> all = window->store()->sampleIds().value();
        for (const qint64 id : all) {
            if (sure.contains(id)) {
                QCOMPARE(currentLabel(*window->store(), id), QStringLiteral("red"));
                QCOMPARE(currentSource(*window->store(), id), std::optional(AnnotationSource::ModelAccepted));
                const Annotation a = window->store()->currentAnnotation(id).value().value();
                QCOMPARE(a.provenance.origin, QStringLiteral("bulk"));
                QVERIFY(a.provenance.runId != 0);
            } else {
                QCOMPARE(currentLabel(*window->store(), id), QString()); // eval and the unsure stay unlabeled
            }
        }
        QCOMPARE(grid->model()->rowCount(), 0);
        window->undoStack()->undo();
        for (const qint64 id : sure)
            QCOMPARE(currentLabel(*window->store(), id), QString());
        QVERIFY(reloaded.wait(10000));
        QCOMPARE(grid->model()->rowCount(), 8);
        // A labeled image keeps its label when its guess is accepted with others.
        auto *state = grid->findChild<QComboBox *>(QStringLiteral("gridStateFilter"));
        AnnotationInput green;
        green.labels = {QStringLiteral("green")};
        QVERIFY(window->store()->annotate(*sure.cbegin(), green));
        state->setCurrentIndex(2); // all pool images
        QVERIFY(reloaded.wait(10000));
        QCOMPARE(grid->model()->rowCount(), 8);
        list->selectAll();
        QTest::keyClick(list, 'a');
        QCOMPARE(currentLabel(*window->store(), *sure.cbegin()), QStringLiteral("green"));
        int accepted = 0;
        for (const qint64 id : sure)
            accepted += currentSource(*window->store(), id) == AnnotationSource::ModelAccepted;
        QCOMPARE(accepted, 7);
        QCOMPARE(grid->model()->rowCount(), 8); // all images: they stay, captions updated
        const int row = grid->model()->rowOf(*std::next(sure.cbegin()));
        QCOMPARE(grid->model()->data(grid->model()->index(row), ImageGridModel::LabelRole).toString(),
                 QStringLiteral("red"));
    }

    void wizardImportAndExportOfferImages()
    {
        // A folder with a subfolder per label, as image datasets come.
        QTemporaryDir source;
        for (int i = 0; i < 12; ++i) {
            const QString folder = source.filePath(kLabels.at(i % 3));
            QDir().mkpath(folder);
            QVERIFY(makeImage(i).save(QStringLiteral("%1/%2.png").arg(folder).arg(i)));
        }
        auto window = makeWindow();
        auto *wizard = new NewProjectWizard(window.get());
        const int image = wizard->taskBox()->findData(QStringLiteral("image"));
        QVERIFY2(image >= 0, "the wizard offers image classification");
        wizard->taskBox()->setCurrentIndex(image);
        wizard->dataPathEdit()->setText(source.path());
        auto *preview = wizard->findChild<QTableWidget *>(QStringLiteral("previewTable"));
        QCOMPARE(preview->rowCount(), 3); // the labels the folder's subfolders name
        QCOMPARE(preview->item(0, 0)->text(), QStringLiteral("blue"));
        QVERIFY(wizard->findChild<QCheckBox *>(QStringLiteral("embedImages")));
        const QString project = m_dir.filePath(QStringLiteral("wizard.marginalia"));
        wizard->projectPathEdit()->setText(project);
        QString created, imported;
        connect(wizard, &NewProjectWizard::projectCreated, this,
                [&](const QString &path, const QString &data, const ImportOptions &) {
                    created = path;
                    imported = data;
                });
        wizard->accept();
        QCOMPARE(created, project);
        QCOMPARE(imported, source.path());
        QVERIFY(window->openProject(project));
        QCOMPARE(window->store()->task(), TaskType::Image);
        // The import strip takes the folder: every image, labeled by its subfolder, and the first one on screen.
        auto *panel = window->findChild<ImportPanel *>();
        QSignalSpy finished(panel, &ImportPanel::finished);
        ImportOptions options;
        options.evalFraction = 0.25;
        panel->start(source.path(), options);
        QVERIFY(finished.wait(20000));
        QVERIFY(finished.first().first().toBool());
        QCOMPARE(window->store()->countSamples().value(), qint64(12));
        QCOMPARE(window->store()->countSamples(SampleFilter::labeled()).value(), qint64(12));
        QCOMPARE(window->store()->labels()->size(), 3);
        QVERIFY2(panel->findChild<QLabel *>(QStringLiteral("importTitle"))->text().contains(QStringLiteral("12 images")),
                 qPrintable(panel->findChild<QLabel *>(QStringLiteral("importTitle"))->text()));
        // Text-only commands are off: word vectors and teach mode need text.
        QVERIFY(!window->findChild<QAction *>(QStringLiteral("actionPretrain"))->isEnabled());
        QVERIFY(!window->findChild<QAction *>(QStringLiteral("actionTeachMode"))->isEnabled());
        // Export offers image folders first, and JSON Lines and CSV of paths; no text tools' formats.
        ExportDialog dialog(project, TaskType::Image, window.get());
        auto *format = dialog.findChild<QComboBox *>(QStringLiteral("exportFormat"));
        QCOMPARE(format->itemData(0).toString(), QStringLiteral("folders"));
        QCOMPARE(format->count(), 3);
        QVERIFY(dialog.findChild<QLineEdit *>(QStringLiteral("exportTarget"))->text().endsWith(QStringLiteral("-export")));
        QVERIFY(!dialog.findChild<QCheckBox *>(QStringLiteral("exportMeta"))->isEnabled());
        // Exported from the dialog: a folder per label holding the images.
        QTemporaryDir out;
        const QString target = out.filePath(QStringLiteral("folders"));
        dialog.findChild<QCheckBox *>(QStringLiteral("exportOpenFolder"))->setChecked(false);
        dialog.findChild<QLineEdit *>(QStringLiteral("exportTarget"))->setText(target);
        QSignalSpy exported(&dialog, &ExportDialog::exported);
        dialog.findChild<QPushButton *>(QStringLiteral("exportButton"))->click();
        QVERIFY(exported.wait(20000));
        int files = 0;
        for (const QString &label : kLabels)
            files += int(QDir(target + QLatin1Char('/') + label).entryList(QDir::Files).size());
        QCOMPARE(files, 12);
        // A text project has no grid and keeps its commands.
        const QString text = m_dir.filePath(QStringLiteral("text.marginalia"));
        QVERIFY(ProjectStore::create(text, TaskType::TextCat, {QStringLiteral("a")}));
        QVERIFY(window->openProject(text));
        auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("projectTabs"));
        QCOMPARE(tabs->count(), 4); // Label, Browse, Review, Charts
        QCOMPARE(tabs->indexOf(window->findChild<ImageGridView *>()), -1);
        QVERIFY(window->findChild<QAction *>(QStringLiteral("actionPretrain"))->isEnabled());
        QVERIFY(window->findChild<QAction *>(QStringLiteral("actionTeachMode"))->isEnabled());
    }
};

QTEST_MAIN(TestImageViews)
#include "tst_imageviews.moc"
