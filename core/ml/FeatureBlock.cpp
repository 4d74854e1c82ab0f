#include "ml/FeatureBlock.h"

#include <algorithm>
#include <cstring>

namespace marginalia::ml {

void FeatureSpan::decodeInto(std::vector<std::int64_t> &out) const
{
    out.resize(count);
    const std::uint8_t *p = bytes;
    const std::uint8_t *const end = bytes + byteCount;
    std::int64_t value = 0;
    for (std::uint32_t i = 0; i < count; ++i) {
        std::uint64_t step = 0;
        int shift = 0;
        // Written by append() alone: the bytes are whole varints, and `end` only guards against a stray span.
        while (p < end) {
            const std::uint8_t byte = *p++;
            step |= std::uint64_t(byte & 0x7f) << shift;
            shift += 7;
            if (!(byte & 0x80))
                break;
        }
        value += static_cast<std::int64_t>(step);
        out[i] = value;
    }
}

std::vector<std::int64_t> FeatureSpan::decode() const
{
    std::vector<std::int64_t> out;
    decodeInto(out);
    return out;
}

std::uint32_t FeatureBlock::encode(const std::vector<std::int64_t> &features, std::vector<std::uint8_t> &out,
                                  std::vector<std::uint32_t> &scratch)
{
    // Bucket ids fit 32 bits (and are never negative; one that is would be clamped to 0): sorting 32-bit keys is
    // about twice as fast as sorting the hasher's 64-bit ones.
    scratch.resize(features.size());
    std::transform(features.begin(), features.end(), scratch.begin(), [](std::int64_t id) {
        return static_cast<std::uint32_t>(std::clamp<std::int64_t>(id, 0, 0xffffffffLL));
    });
    std::sort(scratch.begin(), scratch.end());
    out.resize(scratch.size() * 5); // a 32-bit step takes at most 5 varint bytes
    std::uint8_t *p = out.data();
    std::uint32_t previous = 0;
    for (const std::uint32_t id : scratch) {
        std::uint32_t step = id - previous;
        previous = id;
        while (step >= 0x80) {
            *p++ = static_cast<std::uint8_t>(step | 0x80);
            step >>= 7;
        }
        *p++ = static_cast<std::uint8_t>(step);
    }
    out.resize(static_cast<std::size_t>(p - out.data()));
    return static_cast<std::uint32_t>(scratch.size());
}

FeatureSpan FeatureBlock::append(const std::vector<std::int64_t> &features)
{
    const std::uint32_t count = encode(features, m_encoded, m_sorted);
    return appendEncoded(m_encoded, count);
}

FeatureSpan FeatureBlock::appendEncoded(const std::vector<std::uint8_t> &encoded, std::uint32_t count)
{
    const std::size_t size = encoded.size();
    if (m_blocks.empty() || m_blocks.back().capacity - m_blocks.back().used < size) {
        Block block;
        block.capacity = std::max(kBlockBytes, size);
        block.bytes.reset(new std::uint8_t[block.capacity]);
        m_blocks.push_back(std::move(block));
    }
    Block &block = m_blocks.back();
    std::uint8_t *stored = block.bytes.get() + block.used;
    if (size > 0)
        std::memcpy(stored, encoded.data(), size);
    block.used += size;
    return FeatureSpan{stored, count, static_cast<std::uint32_t>(size)};
}

void FeatureBlock::clear()
{
    m_blocks.clear();
}

std::size_t FeatureBlock::bytes() const
{
    std::size_t total = 0;
    for (const Block &b : m_blocks)
        total += b.capacity;
    return total;
}

} // namespace marginalia::ml
