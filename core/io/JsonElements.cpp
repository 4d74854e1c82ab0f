#include "io/JsonElements.h"
#include "io/LineSource.h"

#include <QCoreApplication>

namespace marginalia {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Import)
};

constexpr size_t kPadding = 64;                     // what simdjson may read past the end of a document
constexpr size_t kMaxElement = size_t(256) << 20;   // as LineSource's longest line

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool isBlank(std::string_view line)
{
    for (char c : line)
        if (!isSpace(c))
            return false;
    return true;
}
} // namespace

JsonElements::JsonElements(LineSource &source) : m_source(source) {}

bool JsonElements::fail(const QString &message)
{
    m_error = message;
    m_state = State::Done;
    return false;
}

// The next character of the file; a line break reads as '\n'.
bool JsonElements::nextChar(char &c)
{
    if (m_haveLine && m_pos < m_line.size()) {
        c = m_line[m_pos++];
        return true;
    }
    if (m_haveLine && m_pos == m_line.size()) {
        ++m_pos; // the line break, consumed once
        c = '\n';
        return true;
    }
    if (!m_source.next(m_line))
        return false;
    m_haveLine = true;
    m_pos = 0;
    return nextChar(c);
}

bool JsonElements::next(std::string_view &element)
{
    if (m_state == State::Lines) {
        std::string_view line;
        do {
            if (!m_source.next(line))
                return false;
        } while (isBlank(line));
        m_startLine = m_source.lineNumber();
        ++m_index;
        element = line; // LineSource pads every line
        return true;
    }
    char c = 0;
    for (;;) {
        if (!nextChar(c)) {
            if (m_state == State::Start || m_state == State::Done)
                return false;
            return fail(Tr::tr("Line %1: the JSON array is not closed with \"]\" after element %2")
                            .arg(m_source.lineNumber())
                            .arg(m_index));
        }
        if (isSpace(c))
            continue;
        switch (m_state) {
        case State::Start:
            if (c == '[') {
                m_state = State::BeforeFirst;
                continue;
            }
            // Not an array: JSON Lines, one value a line, starting with this one.
            m_state = State::Lines;
            m_startLine = m_source.lineNumber();
            ++m_index;
            element = m_line;
            m_haveLine = false;
            return true;
        case State::BeforeFirst:
            if (c == ']') {
                m_state = State::Done;
                continue;
            }
            return readElement(c, element);
        case State::BeforeElement:
            if (c == ']')
                return fail(Tr::tr("Line %1: a comma before \"]\" after element %2")
                                .arg(m_source.lineNumber())
                                .arg(m_index));
            return readElement(c, element);
        case State::AfterElement:
            if (c == ',') {
                m_state = State::BeforeElement;
                continue;
            }
            if (c == ']') {
                m_state = State::Done;
                continue;
            }
            return fail(Tr::tr("Line %1: expected \",\" or \"]\" after element %2, found \"%3\"")
                            .arg(m_source.lineNumber())
                            .arg(m_index)
                            .arg(QLatin1Char(c)));
        case State::Done:
            return fail(Tr::tr("Line %1: more text after the end of the JSON array").arg(m_source.lineNumber()));
        case State::Lines: break;
        }
    }
}

// Copies one element, from `first` to its matching bracket (or the end of a string or other scalar).
bool JsonElements::readElement(char first, std::string_view &element)
{
    m_element.clear();
    m_startLine = m_source.lineNumber();
    ++m_index;
    const bool container = first == '{' || first == '[';
    bool inString = first == '"';
    bool escaped = false;
    int depth = container ? 1 : 0;
    m_element.push_back(first);
    const auto finish = [&] {
        m_state = State::AfterElement;
        const size_t size = m_element.size();
        m_element.append(kPadding, '\0');
        element = std::string_view(m_element.data(), size);
        return true;
    };
    char c = 0;
    for (;;) {
        if (!container && !inString) {
            // A scalar other than a string: up to a delimiter, which stays for the caller.
            if (m_haveLine && m_pos < m_line.size()) {
                const char peek = m_line[m_pos];
                if (peek == ',' || peek == ']' || isSpace(peek))
                    return finish();
            } else {
                return finish();
            }
        }
        if (!nextChar(c))
            return fail(Tr::tr("Line %1: the file ends inside element %2, which starts on line %3")
                            .arg(m_source.lineNumber())
                            .arg(m_index)
                            .arg(m_startLine));
        if (m_element.size() >= kMaxElement)
            return fail(Tr::tr("Element %1 (line %2) is longer than 256 MiB").arg(m_index).arg(m_startLine));
        m_element.push_back(c);
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"') {
                inString = false;
                if (!container)
                    return finish();
            }
            continue;
        }
        if (c == '"')
            inString = true;
        else if (c == '{' || c == '[')
            ++depth;
        else if ((c == '}' || c == ']') && --depth == 0)
            return finish();
    }
}

} // namespace marginalia
