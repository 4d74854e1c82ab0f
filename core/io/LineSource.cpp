#include "io/LineSource.h"

#include <QCoreApplication>
#include <QIODevice>
#include <algorithm>
#include <cstring>

namespace marginalia {

namespace {
constexpr size_t kPadding = 64; // simdjson reads up to this far past the end of a document
// A longer line means the file is not line-oriented text; stop instead of growing without bound.
constexpr size_t kMaxLine = size_t(256) << 20;
} // namespace

LineSource::LineSource(QIODevice &device, size_t chunkBytes)
    : m_device(device), m_buffer(std::max<size_t>(chunkBytes, 1) + kPadding, '\0')
{
}

// Moves unreturned bytes to the front, grows the buffer if a single line fills it, and reads more.
bool LineSource::fill()
{
    if (m_eof)
        return false;
    if (m_begin > 0) {
        std::memmove(m_buffer.data(), m_buffer.data() + m_begin, m_end - m_begin);
        m_end -= m_begin;
        m_begin = 0;
    }
    const size_t capacity = m_buffer.size() - kPadding;
    if (m_end == capacity) {
        if (capacity >= kMaxLine) {
            m_error = QCoreApplication::translate("Import", "Line %1 is longer than 256 MiB; is this a text file?")
                          .arg(m_lineNumber + 1);
            m_eof = true;
            return false;
        }
        m_buffer.resize(capacity * 2 + kPadding, '\0');
    }
    const qint64 got = m_device.read(m_buffer.data() + m_end, qint64(m_buffer.size() - kPadding - m_end));
    if (got < 0) {
        m_error = QCoreApplication::translate("Import", "Reading the file failed: %1").arg(m_device.errorString());
        m_eof = true;
        return false;
    }
    if (got == 0) {
        m_eof = true;
        return false;
    }
    m_end += size_t(got);
    std::memset(m_buffer.data() + m_end, 0, kPadding);
    if (!m_started) {
        m_started = true;
        if (m_end >= 3 && std::memcmp(m_buffer.data(), "\xEF\xBB\xBF", 3) == 0) {
            m_begin = 3;
            m_consumed = 3;
        }
    }
    return true;
}

bool LineSource::next(std::string_view &line)
{
    size_t searchFrom = m_begin;
    for (;;) {
        const void *hit = std::memchr(m_buffer.data() + searchFrom, '\n', m_end - searchFrom);
        if (hit) {
            const size_t at = size_t(static_cast<const char *>(hit) - m_buffer.data());
            line = std::string_view(m_buffer.data() + m_begin, at - m_begin);
            m_consumed += qint64(at - m_begin + 1);
            m_begin = at + 1;
            ++m_lineNumber;
            return true;
        }
        const size_t scanned = m_end - m_begin;
        if (!fill()) {
            if (m_end == m_begin || !m_error.isEmpty())
                return false;
            // The last line has no newline: return it; padding after it was zeroed by fill().
            if (m_end + kPadding > m_buffer.size())
                m_buffer.resize(m_end + kPadding, '\0');
            std::memset(m_buffer.data() + m_end, 0, kPadding);
            line = std::string_view(m_buffer.data() + m_begin, m_end - m_begin);
            m_consumed += qint64(m_end - m_begin);
            m_begin = m_end;
            ++m_lineNumber;
            return true;
        }
        searchFrom = m_begin + scanned;
    }
}

} // namespace marginalia
