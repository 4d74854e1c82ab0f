#pragma once
// A long command's progress on stderr: "\rexporting: 45%", redrawn when the percentage changes and erased when
// the work is done. Only on a terminal: logs and pipes get the command's messages, not progress lines.
#include <QString>

namespace marginalia::cli {

class ProgressLine
{
public:
    explicit ProgressLine(QString what);
    ~ProgressLine(); // erases the line, if one was drawn
    ProgressLine(const ProgressLine &) = delete;
    ProgressLine &operator=(const ProgressLine &) = delete;

    void update(qint64 done, qint64 total);
    // The same for work in stages ("Reading the text", then "Learning word vectors"): a new stage starts at 0%.
    void update(qint64 done, qint64 total, const QString &what);
    // Erases the line, before the command prints its result.
    void clear();

private:
    QString m_what;
    bool m_shown = false;
    bool m_terminal = false;
    int m_percent = -1;
    int m_width = 0;
};

} // namespace marginalia::cli
