#pragma once
#include "io/RecordReader.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <vector>

namespace marginalia {

struct RecordBatch
{
    std::vector<ImportRecord> records;
    qint64 bytesRead = 0; // input consumed up to the end of this batch
};

// A bounded hand-over from the thread that reads, parses and hashes to the thread that writes SQLite.
// Bounded, so memory stays flat however large the file.
class RecordQueue
{
public:
    explicit RecordQueue(size_t capacity) : m_capacity(capacity) {}

    // Producer: blocks while full; false once the consumer has stopped.
    bool push(RecordBatch &&batch);
    void finish();
    // Consumer: blocks while empty; false when the producer finished and nothing is left.
    bool pop(RecordBatch &batch);
    void stop();

    // A batch the consumer is done with goes back, so that its records are freed on the producer's thread
    // (which allocated them) and its vector is reused: freeing a batch cost the writing thread about 5%.
    void recycle(RecordBatch &&batch);
    // Producer: an emptied batch to fill, reused when one came back.
    RecordBatch emptyBatch();

private:
    size_t m_capacity;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<RecordBatch> m_batches;
    std::vector<RecordBatch> m_spent;
    bool m_finished = false;
    bool m_stopped = false;
};

} // namespace marginalia
