#pragma once
// simdjson and the line readers hand out std::string_view into their buffers; these copy one into Qt's types.
#include <QByteArray>
#include <QString>
#include <string_view>

namespace marginalia::io {

inline QString fromView(std::string_view v) { return QString::fromUtf8(v.data(), qsizetype(v.size())); }
inline QByteArray bytesOf(std::string_view v) { return QByteArray(v.data(), qsizetype(v.size())); }

} // namespace marginalia::io
