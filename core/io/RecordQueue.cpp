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

void RecordQueue::recycle(RecordBatch &&batch)
{
    std::lock_guard lock(m_mutex);
    if (!m_stopped && m_spent.size() <= m_capacity)
        m_spent.push_back(std::move(batch));
}

RecordBatch RecordQueue::emptyBatch()
{
    RecordBatch batch;
    {
        std::lock_guard lock(m_mutex);
        if (m_spent.empty())
            return batch;
        batch = std::move(m_spent.back());
        m_spent.pop_back();
    }
    batch.records.clear(); // outside the lock: this is the freeing that was moved here
    batch.bytesRead = 0;
    return batch;
}

void RecordQueue::stop()
{
    std::lock_guard lock(m_mutex);
    m_stopped = true;
    m_batches.clear();
    m_spent.clear();
    m_changed.notify_all();
}

} // namespace marginalia
