#include "cli/ProgressLine.h"
#include "cli/CliCommand.h"

#include <algorithm>
#include <cstdio>
#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace marginalia::cli {

ProgressLine::ProgressLine(QString what) : m_what(std::move(what))
{
#ifdef Q_OS_UNIX
    m_terminal = ::isatty(fileno(stderr)) == 1;
#endif
}

ProgressLine::~ProgressLine() { clear(); }

void ProgressLine::clear()
{
    if (!m_shown)
        return;
    err() << '\r' << QString(m_width, QLatin1Char(' ')) << '\r';
    err().flush();
    m_shown = false;
    m_percent = -1;
}

void ProgressLine::update(qint64 done, qint64 total, const QString &what)
{
    if (what != m_what) {
        m_what = what;
        m_percent = -1;
    }
    update(done, total);
}

void ProgressLine::update(qint64 done, qint64 total)
{
    const int percent = total > 0 ? int(std::clamp<qint64>(100 * done / total, 0, 100)) : 0;
    if (!m_terminal || percent == m_percent)
        return;
    m_percent = percent;
    const QString line = QStringLiteral("%1: %2%").arg(m_what).arg(percent);
    m_width = qMax(m_width, int(line.size()));
    err() << '\r' << line.leftJustified(m_width); // covers a longer line before it (another stage's)
    err().flush();
    m_shown = true;
}

} // namespace marginalia::cli
