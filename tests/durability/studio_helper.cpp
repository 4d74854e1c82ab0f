// The studio as the durability tests kill it: the project store on the main thread saving labels, and the real
// training controller (its worker thread, its own connection) retraining every INTERVAL labels, as MainWindow
// does. It prints each acknowledged label and each finished round:
//   studio_helper PROJECT SEED INTERVAL auto PAUSE_MS -> labels every PAUSE_MS ms until killed
//   studio_helper PROJECT SEED INTERVAL script        -> reads "label N" lines from stdin, labels N samples;
//                                                        closes like the studio at the end of stdin
// Output: "ready" once open, "ack ANNOTATION_ID SAMPLE_ID" after each committed label, "labeled" after a scripted
// batch, "round N" after each finished round, "failed MESSAGE" for a failed one, "closed MS" once closed (MS: how
// long closing took, a running round included).
#include "HelperLine.h"
#include "ml/TrainingController.h"
#include "store/ProjectStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSocketNotifier>
#include <QTimer>
#include <cstdio>
#include <memory>
#include <unistd.h>

using namespace marginalia;

using testing::say;

namespace {

class Studio
{
public:
    Studio(ProjectStore &store, quint64 seed, int interval)
        : m_store(store), m_random(seed), m_interval(interval), m_model(store.path())
    {
        ml::TrainingOptions options;
        options.epochs = 2;
        options.threads = 1;
        m_model.setOptions(options);
        QObject::connect(&m_model, &ml::TrainingController::roundFinished, [this](const ml::RoundSummary &) {
            say("round " + QByteArray::number(++m_rounds));
        });
        QObject::connect(&m_model, &ml::TrainingController::roundFailed,
                         [](const QString &message) { say("failed " + message.toUtf8()); });
        if (auto ids = store.sampleIds(SampleFilter::unlabeled(Split::Pool)))
            m_unlabeled = *ids;
        if (m_unlabeled.isEmpty()) // all labeled by earlier studios: relabel
            if (auto ids = store.sampleIds(SampleFilter::labeled(Split::Pool)))
                m_unlabeled = *ids;
        if (auto labels = store.labels())
            for (const Label &l : *labels)
                m_labels << l.name;
    }

    // Labels the next unlabeled pool sample (once none is left, a random one again); false when the save failed.
    bool labelOne()
    {
        if (m_unlabeled.isEmpty() || m_labels.isEmpty())
            return false;
        const qint64 sampleId = m_next < m_unlabeled.size() ? m_unlabeled[m_next++]
                                                            : m_unlabeled[qsizetype(m_random.bounded(qint64(m_unlabeled.size())))];
        AnnotationInput input;
        input.labels << m_labels.at(int(m_random.bounded(qint64(m_labels.size()))));
        input.annotator = QStringLiteral("studio");
        const auto id = m_store.annotate(sampleId, input);
        if (!id) {
            std::fprintf(stderr, "%s\n", qPrintable(id.error()));
            return false;
        }
        // Only now does the studio show the label as saved.
        say("ack " + QByteArray::number(*id) + ' ' + QByteArray::number(sampleId));
        if (++m_sinceRound >= m_interval) {
            m_sinceRound = 0;
            m_model.requestRound();
        }
        return true;
    }

private:
    ProjectStore &m_store;
    QRandomGenerator m_random;
    int m_interval;
    ml::TrainingController m_model;
    QVector<qint64> m_unlabeled;
    QStringList m_labels;
    qsizetype m_next = 0;
    int m_sinceRound = 0;
    int m_rounds = 0;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 5)
        return 1;
    auto store = ProjectStore::open(args[1]);
    if (!store) {
        std::fprintf(stderr, "%s\n", qPrintable(store.error()));
        return 2;
    }
    auto studio = std::make_unique<Studio>(**store, args[2].toULongLong(), args[3].toInt());
    say("ready");
    QTimer timer;
    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QByteArray pending;
    if (args[4] == QLatin1String("auto")) {
        QObject::connect(&timer, &QTimer::timeout, [&] {
            if (!studio->labelOne())
                timer.stop();
        });
        timer.start(args.value(5).toInt());
    } else {
        QObject::connect(&input, &QSocketNotifier::activated, [&] {
            char buffer[256];
            const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
            if (n <= 0) {
                input.setEnabled(false);
                QCoreApplication::quit();
                return;
            }
            pending.append(buffer, n);
            for (qsizetype end; (end = pending.indexOf('\n')) >= 0; pending.remove(0, end + 1)) {
                const QList<QByteArray> words = pending.left(end).split(' ');
                if (words.value(0) != "label")
                    continue;
                for (int i = words.value(1).toInt(); i > 0; --i)
                    if (!studio->labelOne())
                        break;
                say("labeled");
            }
        });
    }
    const int code = app.exec();
    QElapsedTimer closing;
    closing.start();
    studio.reset(); // cancels a running round and joins the training thread, as closing the studio does
    say("closed " + QByteArray::number(closing.elapsed()));
    return code;
}
