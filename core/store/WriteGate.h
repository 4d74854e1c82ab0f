#pragma once
#include <QElapsedTimer>
#include <QString>
#include <QStringList>
#include <atomic>
#include <memory>

namespace marginalia {

// Lets the annotator's writes go ahead of the training worker's bulk writes on the same project file.
// SQLite has one write lock per file and no queue: a label saved while the worker writes one chunk after
// another would wait for several of them. An interactive write raises the gate while it waits for and holds
// the lock; a bulk writer checks it between rows (to commit early) and before each transaction (to let the
// label in first). Shared by every ProjectStore of one file in this process.
class WriteGate
{
public:
    static std::shared_ptr<WriteGate> forFile(const QString &canonicalPath);
    // The project files some ProjectStore of this process has open now (canonical paths).
    static QStringList openFiles();

    bool interactiveWaiting() const { return m_waiting.load(std::memory_order_acquire) > 0; }
    // Sleeps a millisecond at a time while an interactive write is waiting; gives up after `maxWaitMs` so that
    // a steady stream of labels slows a round down but never stops it.
    void yieldToInteractive(int maxWaitMs = 250) const;

    // Held by an interactive write from before BEGIN until after COMMIT.
    class Interactive
    {
    public:
        explicit Interactive(WriteGate &gate) : m_gate(gate) { m_gate.m_waiting.fetch_add(1, std::memory_order_acq_rel); }
        ~Interactive() { m_gate.m_waiting.fetch_sub(1, std::memory_order_acq_rel); }
        Interactive(const Interactive &) = delete;
        Interactive &operator=(const Interactive &) = delete;

    private:
        WriteGate &m_gate;
    };

    // How long one bulk transaction may keep writing: a few milliseconds of statements (their COMMIT then
    // writes and syncs only that much), or less when a label is waiting.
    class Budget
    {
    public:
        explicit Budget(const WriteGate &gate) : m_gate(gate) { m_timer.start(); }
        bool spent() const { return m_timer.nsecsElapsed() >= kBodyNs || m_gate.interactiveWaiting(); }

    private:
        static constexpr qint64 kBodyNs = 2'000'000;
        const WriteGate &m_gate;
        QElapsedTimer m_timer;
    };

private:
    std::atomic_int m_waiting{0};
};

} // namespace marginalia
