// How a helper process the durability tests start acknowledges what it did: one line on stdout, flushed at once, so
// that a line the test reads was said before the process could be killed.
#pragma once

#include <QByteArray>
#include <cstdio>

namespace marginalia::testing {

inline void say(const QByteArray &line)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

} // namespace marginalia::testing
