#include "ui/RankingReader.h"
#include "store/ProjectStore.h"

#include <QtConcurrent>

namespace marginalia::ui {

RankingReader::RankingReader(std::function<void(const Result<SampleQueue::Ranking> &)> onRead, QObject *parent)
    : QObject(parent), m_onRead(std::move(onRead))
{
    connect(&m_watcher, &QFutureWatcher<Result<SampleQueue::Ranking>>::finished, this, &RankingReader::onFinished);
}

// The read holds its own store: it closes before the view goes, and before the application's SQL drivers
// do (a read still running at exit crashed inside SQLite).
RankingReader::~RankingReader() { m_watcher.waitForFinished(); }

void RankingReader::request(const QString &projectPath)
{
    m_path = projectPath;
    if (m_watcher.isRunning()) {
        m_again = true;
        return;
    }
    m_readGeneration = m_generation;
    m_watcher.setFuture(QtConcurrent::run([projectPath]() -> Result<SampleQueue::Ranking> {
        auto store = ProjectStore::open(projectPath); // this pool thread's own connection
        if (!store)
            return Error{store.error()};
        return SampleQueue::readRanking(**store);
    }));
}

void RankingReader::reset()
{
    ++m_generation;
    m_again = false;
}

void RankingReader::onFinished()
{
    const Result<SampleQueue::Ranking> ranking = m_watcher.result();
    if (m_readGeneration != m_generation)
        return;
    m_onRead(ranking);
    if (m_again) {
        m_again = false;
        request(m_path);
    }
}

} // namespace marginalia::ui
