#pragma once
#include "Result.h"
#include "ui/SampleQueue.h"

#include <QFutureWatcher>
#include <QObject>
#include <functional>

namespace marginalia::ui {

// Reads the latest run's ranking for a labeling view on a pool thread, with that thread's own connection, so
// that the GUI thread never waits on it (a million-sample pool takes seconds). One read at a time: requests
// made while one runs become one more read after it, and a read for a project closed or replaced meanwhile
// is dropped. Shared by the classification and span views.
class RankingReader : public QObject
{
    Q_OBJECT
public:
    // `onRead` runs on the GUI thread with each ranking read (or the reason it could not be).
    explicit RankingReader(std::function<void(const Result<SampleQueue::Ranking> &)> onRead, QObject *parent = nullptr);
    ~RankingReader() override;

    void request(const QString &projectPath);
    void reset(); // another project, or none: forget reads in flight and pending ones

private:
    void onFinished();

    std::function<void(const Result<SampleQueue::Ranking> &)> m_onRead;
    QFutureWatcher<Result<SampleQueue::Ranking>> m_watcher;
    QString m_path;
    int m_generation = 0; // bumped by reset(); a read started under an older one is dropped
    int m_readGeneration = 0;
    bool m_again = false;
};

} // namespace marginalia::ui
