#pragma once
#include <QByteArray>
#include <cstdint>
#include <functional>
#include <vector>

namespace marginalia {

// The content hashes of a project's samples while an import runs without the unique index: an open-addressing
// table of 8-byte slots, each a 32-bit fingerprint of the hash (its first four bytes) and the 32-bit sample
// id. A fingerprint match is only a candidate; the caller confirms it against the stored full hash, so a
// collision never drops a distinct sample. At 1 M samples the table takes 16 MB.
class SampleHashSet
{
public:
    // Sizes the table for about `expected` samples; it grows past that if needed.
    explicit SampleHashSet(std::int64_t expected = 0);

    // Adds `id` under `hash` unless a stored sample has the same hash, which `sameHash(storedId)` decides
    // for each fingerprint match. Returns false for such a duplicate. `id` must be 1 .. 2^32 - 1.
    bool insert(const QByteArray &hash, std::uint32_t id, const std::function<bool(std::uint32_t)> &sameHash);

    std::int64_t size() const { return m_size; }
    void clear();

private:
    static std::uint32_t fingerprint(const QByteArray &hash);
    void grow();

    std::vector<std::uint64_t> m_slots; // 0 = empty, else fingerprint << 32 | id
    std::uint64_t m_mask = 0;
    std::int64_t m_size = 0;
};

} // namespace marginalia
