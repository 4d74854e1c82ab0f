#pragma once
#include <QString>
#include <cstddef>
#include <string_view>
#include <vector>

class QIODevice;

namespace marginalia {

// Splits a device into lines without reading it whole. A returned line excludes its '\n' (a '\r' before it
// stays: CSV needs it inside quoted fields) and stays valid until the next call. Every line is followed
// by at least 64 readable bytes, so simdjson can parse it in place. A UTF-8 byte order mark is skipped.
class LineSource
{
public:
    // `chunkBytes` is how much is read at a time (the buffer grows past it for a longer line); tests and
    // fuzzers pass a few bytes so that refilling and growing run on small inputs too.
    explicit LineSource(QIODevice &device, size_t chunkBytes = size_t(1) << 20);

    bool next(std::string_view &line);
    qint64 lineNumber() const { return m_lineNumber; } // of the line last returned, 1-based
    qint64 bytesRead() const { return m_consumed; }    // bytes of input consumed by returned lines
    QString readError() const { return m_error; }

private:
    bool fill();

    QIODevice &m_device;
    std::vector<char> m_buffer;
    size_t m_begin = 0; // first unreturned byte
    size_t m_end = 0;   // end of valid data
    bool m_eof = false;
    bool m_started = false;
    qint64 m_lineNumber = 0;
    qint64 m_consumed = 0;
    QString m_error;
};

} // namespace marginalia
