#include "store/ContentHash.h"

#include <openssl/evp.h>
#include <memory>

namespace marginalia {

namespace {
struct ContextDeleter
{
    void operator()(EVP_MD_CTX *context) const { EVP_MD_CTX_free(context); }
};

// One context and one fetched algorithm per thread: OpenSSL 3 looks the algorithm up on every one-shot call,
// which costs as much as hashing a short row.
class Digest
{
public:
    Digest() : m_context(EVP_MD_CTX_new()), m_algorithm(EVP_sha256()) {}

    void begin() { EVP_DigestInit_ex(m_context.get(), m_algorithm, nullptr); }
    void add(const void *data, qsizetype size) { EVP_DigestUpdate(m_context.get(), data, size_t(size)); }
    QByteArray finish()
    {
        QByteArray digest(EVP_MAX_MD_SIZE, Qt::Uninitialized);
        unsigned int size = 0;
        EVP_DigestFinal_ex(m_context.get(), reinterpret_cast<unsigned char *>(digest.data()), &size);
        digest.resize(int(size));
        return digest;
    }

private:
    std::unique_ptr<EVP_MD_CTX, ContextDeleter> m_context;
    const EVP_MD *m_algorithm;
};

Digest &threadDigest()
{
    thread_local Digest digest;
    return digest;
}
} // namespace

QByteArray sha256(QByteArrayView data)
{
    Digest &digest = threadDigest();
    digest.begin();
    digest.add(data.data(), data.size());
    return digest.finish();
}

QByteArray sha256OfTokens(const QStringList &tokens)
{
    Digest &digest = threadDigest();
    digest.begin();
    for (const QString &token : tokens) {
        const QByteArray utf8 = token.toUtf8();
        digest.add(utf8.constData(), utf8.size());
        digest.add("\x1f", 1);
    }
    return digest.finish();
}

} // namespace marginalia
