#include "io/SampleHashSet.h"

#include <algorithm>
#include <cstring>

namespace marginalia {

namespace {
std::uint64_t tableSizeFor(std::int64_t count)
{
    std::uint64_t size = 1024;
    // Keep the load under 3/4 so linear probes stay short.
    while (double(size) * 0.75 < double(count))
        size *= 2;
    return size;
}
} // namespace

SampleHashSet::SampleHashSet(std::int64_t expected)
    : m_slots(tableSizeFor(expected), 0), m_mask(m_slots.size() - 1)
{
}

void SampleHashSet::clear()
{
    std::vector<std::uint64_t>().swap(m_slots); // give the memory back, not just the contents
    m_mask = 0;
    m_size = 0;
}

std::uint32_t SampleHashSet::fingerprint(const QByteArray &hash)
{
    // SHA-256 output is uniform, so its first bytes serve as both the slot and the fingerprint; the table
    // can then be rehashed without the full hashes.
    std::uint32_t value = 0;
    std::memcpy(&value, hash.constData(), std::min<size_t>(sizeof value, size_t(hash.size())));
    return value;
}

bool SampleHashSet::insert(const QByteArray &hash, std::uint32_t id,
                           const std::function<bool(std::uint32_t)> &sameHash)
{
    if (m_slots.empty()) {
        m_slots.assign(tableSizeFor(0), 0);
        m_mask = m_slots.size() - 1;
    }
    const std::uint32_t print = fingerprint(hash);
    for (std::uint64_t i = print & m_mask;; i = (i + 1) & m_mask) {
        const std::uint64_t slot = m_slots[i];
        if (slot == 0) {
            m_slots[i] = std::uint64_t(print) << 32 | id;
            if (double(++m_size) > double(m_slots.size()) * 0.75)
                grow();
            return true;
        }
        if (std::uint32_t(slot >> 32) == print && sameHash(std::uint32_t(slot)))
            return false;
    }
}

void SampleHashSet::grow()
{
    std::vector<std::uint64_t> old(m_slots.size() * 2, 0);
    old.swap(m_slots);
    m_mask = m_slots.size() - 1;
    for (const std::uint64_t slot : old) {
        if (slot == 0)
            continue;
        std::uint64_t i = (slot >> 32) & m_mask;
        while (m_slots[i] != 0)
            i = (i + 1) & m_mask;
        m_slots[i] = slot;
    }
}

} // namespace marginalia
