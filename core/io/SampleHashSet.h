#pragma once
#include <QByteArray>
#include <cstdint>
#include <vector>

namespace marginalia {

// The content hashes of a project's samples while a bulk import runs without the unique index, so the
// reading thread can tell duplicates before the writing thread sees them. Exact: it keeps every 32-byte
// SHA-256 digest, and an open-addressing table of 8-byte slots (the digest's first four bytes as a
// fingerprint and the digest's position) finds them; a fingerprint match is compared in full. At 1 M
// samples it takes 48 MB (16 MB of slots, 32 MB of digests). Not thread-safe: one thread at a time.
class SampleHashSet
{
public:
    static constexpr int kHashSize = 32;

    // Sizes the table for about `expected` samples; it grows past that if needed.
    explicit SampleHashSet(std::int64_t expected = 0);

    // Adds `hash` unless it is there already; false for a duplicate. A hash of another size (only a foreign
    // or damaged project holds one) cannot equal a digest the importer makes: it is left out, and true.
    bool insert(const QByteArray &hash);

    std::int64_t size() const { return std::int64_t(m_hashes.size() / kHashSize); }
    void clear();

private:
    static std::uint32_t fingerprint(const char *hash);
    void grow();

    std::vector<std::uint64_t> m_slots; // 0 = empty, else fingerprint << 32 | (position + 1)
    std::vector<char> m_hashes;         // the digests, kHashSize bytes each, in insertion order
    std::uint64_t m_mask = 0;
};

} // namespace marginalia
