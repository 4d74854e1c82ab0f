#include "io/RecordQueue.h"

namespace marginalia {

bool RecordQueue::push(RecordBatch &&batch)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_stopped || m_batches.size() < m_capacity; });
    if (m_stopped)
        return false;
    m_batches.push_back(std::move(batch));
    m_changed.notify_all();
    return true;
}

void RecordQueue::finish()
{
    std::lock_guard lock(m_mutex);
    m_finished = true;
    m_changed.notify_all();
}

bool RecordQueue::pop(RecordBatch &batch)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_stopped || m_finished || !m_batches.empty(); });
    if (m_batches.empty())
        return false;
    batch = std::move(m_batches.front());
    m_batches.pop_front();
    m_changed.notify_all();
    return true;
}

void RecordQueue::stop()
{
    std::lock_guard lock(m_mutex);
    m_stopped = true;
    m_batches.clear();
    m_changed.notify_all();
}

} // namespace marginalia
