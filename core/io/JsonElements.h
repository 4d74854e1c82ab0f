#pragma once
#include <QString>
#include <string>
#include <string_view>

namespace marginalia {

class LineSource;

// The top-level values of a file that is either one JSON array (Label Studio's JSON and JSON-MIN exports,
// pretty-printed or on one line) or JSON Lines, one at a time: an array is split at its top-level commas
// without parsing, so only the current element is ever in memory, and a broken element is that element's
// problem, not the whole file's. Each element is followed by the padding simdjson needs to parse it in place.
class JsonElements
{
public:
    explicit JsonElements(LineSource &source);

    // The next element; false at the end of the input or after a problem with the file's structure (error()).
    bool next(std::string_view &element);
    qint64 line() const { return m_startLine; } // where the element last returned starts, 1-based
    qint64 index() const { return m_index; }    // its 1-based position in the array (or among the lines)
    bool isArray() const { return m_state != State::Start && m_state != State::Lines; }
    QString error() const { return m_error; }

private:
    enum class State { Start, Lines, BeforeFirst, BeforeElement, AfterElement, Done };
    bool nextChar(char &c);
    bool readElement(char first, std::string_view &element);
    bool fail(const QString &message);

    LineSource &m_source;
    std::string_view m_line;
    size_t m_pos = 0;
    bool m_haveLine = false;
    State m_state = State::Start;
    std::string m_element;
    qint64 m_startLine = 0;
    qint64 m_index = 0;
    QString m_error;
};

} // namespace marginalia
