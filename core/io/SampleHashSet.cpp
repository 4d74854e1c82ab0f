#include "io/SampleHashSet.h"

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
    m_hashes.reserve(size_t(expected > 0 ? expected : 0) * kHashSize);
}

void SampleHashSet::clear()
{
    // Give the memory back, not just the contents.
    std::vector<std::uint64_t>().swap(m_slots);
    std::vector<char>().swap(m_hashes);
    m_mask = 0;
}

std::uint32_t SampleHashSet::fingerprint(const char *hash)
{
    // SHA-256 output is uniform, so its first bytes serve as both the slot and the fingerprint; the table
    // can then be rehashed without reading the digests.
    std::uint32_t value = 0;
    std::memcpy(&value, hash, sizeof value);
    return value;
}

bool SampleHashSet::insert(const QByteArray &hash)
{
    if (hash.size() != kHashSize)
        return true;
    if (m_slots.empty()) {
        m_slots.assign(tableSizeFor(0), 0);
        m_mask = m_slots.size() - 1;
    }
    const std::uint32_t print = fingerprint(hash.constData());
    for (std::uint64_t i = print & m_mask;; i = (i + 1) & m_mask) {
        const std::uint64_t slot = m_slots[i];
        if (slot == 0) {
            const std::uint64_t position = m_hashes.size() / kHashSize;
            m_hashes.insert(m_hashes.end(), hash.constData(), hash.constData() + kHashSize);
            m_slots[i] = std::uint64_t(print) << 32 | (position + 1);
            if (double(position + 1) > double(m_slots.size()) * 0.75)
                grow();
            return true;
        }
        if (std::uint32_t(slot >> 32) != print)
            continue;
        const std::uint64_t position = (slot & 0xffffffffu) - 1;
        if (std::memcmp(m_hashes.data() + position * kHashSize, hash.constData(), kHashSize) == 0)
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
