#pragma once
#include <QString>
#include <exception>
#include <optional>
#include <utility>

namespace marginalia {

// Error carried across core's public API instead of exceptions: a message a user can read.
struct Error
{
    QString message;
};

inline Error fail(QString message) { return Error{std::move(message)}; }

// What a caught exception says, for a message: its first line (torch's go on with a C++ backtrace).
inline QString firstLine(const std::exception &e)
{
    return QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0);
}

template<typename T>
class Result;
using Status = Result<void>;

template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_error(std::move(error.message)) {}
    // A failed step passes its message on: `if (auto s = step(); !s) return s;`. Only for a failure.
    Result(const Status &failed);

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const T &operator*() const & { return *m_value; }
    T &operator*() & { return *m_value; }
    const T *operator->() const { return &*m_value; }
    T *operator->() { return &*m_value; }
    const QString &error() const { return m_error; }

private:
    std::optional<T> m_value;
    QString m_error;
};

template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_failed(true), m_error(std::move(error.message)) {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const QString &error() const { return m_error; }

private:
    bool m_failed = false;
    QString m_error;
};

template<typename T>
Result<T>::Result(const Status &failed) : m_error(failed.error())
{
    Q_ASSERT_X(!failed.ok(), "Result", "made from a Status that did not fail");
}

} // namespace marginalia
