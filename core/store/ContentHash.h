#pragma once
#include <QByteArray>
#include <QByteArrayView>
#include <QStringList>

namespace marginalia {

// The SHA-256 digest that identifies a sample's content (samples.content_hash, 32 bytes). OpenSSL's
// implementation uses the CPU's SHA extensions where present: about three times Qt's portable one on an
// import, where hashing every row is most of the reading thread's work. Safe to call from any thread.
QByteArray sha256(QByteArrayView data);

// A token sequence hashes its tokens, each followed by a separator (0x1f) that cannot occur in text.
QByteArray sha256OfTokens(const QStringList &tokens);

} // namespace marginalia
