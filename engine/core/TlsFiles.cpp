// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/TlsFiles.h"

#include <QFile>
#include <QScopeGuard>
#include <QSslCertificate>
#include <QSslKey>
#include <memory>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/provider.h>
#include <openssl/x509.h>

namespace umgate::TlsFiles {

namespace {

constexpr long kMaxPkcs12Rounds = 1'000'000;

template <typename T, auto Free> struct Deleter
{
    void operator()(T* p) const { Free(p); }
};
template <typename T, auto Free> using Owned = std::unique_ptr<T, Deleter<T, Free>>;

QString opensslError()
{
    const unsigned long code = ERR_peek_last_error();
    if (code == 0) return QStringLiteral("no reason given");
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    return QString::fromLatin1(text);
}

// What a PEM_write_bio_* call wrote, or nothing when it failed.
template <typename Write> QByteArray pemOf(Write write)
{
    const Owned<BIO, BIO_free> bio(BIO_new(BIO_s_mem()));
    if (!bio || write(bio.get()) != 1) return {};
    char* bytes = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &bytes);
    return QByteArray(bytes, size);
}

// Whether the PEM private key `keyPem` is the one of `certificate` (OpenSSL compares the
// public halves).
bool keyMatches(const QSslCertificate& certificate, const QByteArray& keyPem)
{
    const QByteArray certificatePem = certificate.toPem();
    const Owned<BIO, BIO_free> keyBio(BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())));
    const Owned<BIO, BIO_free> certificateBio(
        BIO_new_mem_buf(certificatePem.constData(), int(certificatePem.size())));
    if (!keyBio || !certificateBio) return false;
    const Owned<EVP_PKEY, EVP_PKEY_free> key(
        PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr));
    const Owned<X509, X509_free> x509(PEM_read_bio_X509(certificateBio.get(), nullptr, nullptr, nullptr));
    const bool ok = key && x509 && X509_check_private_key(x509.get(), key.get()) == 1;
    ERR_clear_error();
    return ok;
}

} // namespace

std::optional<QSslConfiguration> serverConfiguration(const QString& certificatePath, const QString& keyPath,
                                                     QString* error)
{
    const QList<QSslCertificate> certs = QSslCertificate::fromPath(certificatePath, QSsl::Pem);
    QFile keyFile(keyPath);
    QSslKey key;
    QByteArray keyPem;
    if (keyFile.open(QIODevice::ReadOnly)) {
        keyPem = keyFile.readAll();
        key = QSslKey(keyPem, QSsl::Rsa, QSsl::Pem);
        if (key.isNull()) key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
    }
    if (certs.isEmpty() || key.isNull()) {
        if (error)
            *error = QStringLiteral("%1 must be a readable PEM certificate and %2 its PEM key")
                         .arg(certificatePath, keyPath);
        return std::nullopt;
    }
    // A key that belongs to another certificate loads fine and only fails each handshake; say so
    // here, where the status can show it.
    if (!keyMatches(certs.first(), keyPem)) {
        if (error)
            *error = QStringLiteral("the key in %1 does not belong to the certificate in %2")
                         .arg(keyPath, certificatePath);
        return std::nullopt;
    }
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(certs);
    tls.setPrivateKey(key);
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    return tls;
}

QString validityWarning(const QSslCertificate& certificate, const QDateTime& now, int warnDays)
{
    if (certificate.isNull()) return {};
    QString name = certificate.subjectInfo(QSslCertificate::CommonName).join(QStringLiteral(", "));
    if (name.isEmpty()) name = certificate.subjectDisplayName();
    const QDateTime from = certificate.effectiveDate().toUTC();
    const QDateTime until = certificate.expiryDate().toUTC();
    const QString day = QStringLiteral("yyyy-MM-dd HH:mm 'UTC'");
    if (now < from)
        return QStringLiteral("the certificate \"%1\" is not valid before %2").arg(name, from.toString(day));
    if (now >= until)
        return QStringLiteral("the certificate \"%1\" expired on %2").arg(name, until.toString(day));
    const qint64 days = now.daysTo(until);
    if (days >= warnDays) return {};
    return QStringLiteral("the certificate \"%1\" expires on %2, %3")
        .arg(name, until.toString(day),
             days == 0 ? QStringLiteral("within a day") : QStringLiteral("in %1 day(s)").arg(days));
}

std::optional<Pkcs12Pem> fromPkcs12(const QByteArray& data, const QByteArray& password, QString* error)
{
    const auto fail = [error](const QString& why) {
        if (error) *error = why;
        ERR_clear_error();
        return std::nullopt;
    };
    // A library context of its own with the legacy provider next to the default one: Windows and
    // OpenSSL 1.1 encrypt the certificates in a .pfx with RC2-40, which OpenSSL 3 keeps in the
    // legacy provider; loaded into the default context it would offer those ciphers to the whole
    // process. Without the legacy provider such files fail with OpenSSL's reason.
    const Owned<OSSL_LIB_CTX, OSSL_LIB_CTX_free> ctx(OSSL_LIB_CTX_new());
    if (!ctx) return fail(QStringLiteral("OpenSSL: out of memory"));
    OSSL_PROVIDER* defaultProvider = OSSL_PROVIDER_load(ctx.get(), "default");
    OSSL_PROVIDER* legacyProvider = OSSL_PROVIDER_load(ctx.get(), "legacy");
    const auto unload = qScopeGuard([&] {
        if (legacyProvider) OSSL_PROVIDER_unload(legacyProvider);
        if (defaultProvider) OSSL_PROVIDER_unload(defaultProvider);
    });
    const Owned<BIO, BIO_free> in(BIO_new_mem_buf(data.constData(), int(data.size())));
    PKCS12* raw = PKCS12_init_ex(NID_pkcs7_data, ctx.get(), nullptr);
    if (!in || !raw || !d2i_PKCS12_bio(in.get(), &raw)) {
        PKCS12_free(raw);
        return fail(QStringLiteral("the file is not PKCS#12 (.pfx, .p12): export the certificate with its "
                                   "private key in that format"));
    }
    const Owned<PKCS12, PKCS12_free> p12(raw);
    // Key derivation runs on the engine's thread: a file asking for more rounds than any exporter
    // uses (OpenSSL 2,048, Windows 2,000) would stall every connection, so it is refused.
    const ASN1_INTEGER* rounds = nullptr;
    PKCS12_get0_mac(nullptr, nullptr, nullptr, &rounds, p12.get());
    if (rounds && ASN1_INTEGER_get(rounds) > kMaxPkcs12Rounds)
        return fail(
            QStringLiteral("the PKCS#12 file asks for %1 key derivation rounds; more than %2 are refused")
                .arg(ASN1_INTEGER_get(rounds))
                .arg(kMaxPkcs12Rounds));
    // The MAC check tells a wrong password from everything else. An empty password may have been
    // encoded as no password at all (OpenSSL tries both, so do we).
    const char* pass = password.constData();
    const int length = int(password.size());
    if (PKCS12_mac_present(p12.get()) && !PKCS12_verify_mac(p12.get(), pass, length) &&
        !(password.isEmpty() && PKCS12_verify_mac(p12.get(), nullptr, 0)))
        return fail(QStringLiteral("the password is wrong for this PKCS#12 file"));
    EVP_PKEY* keyRaw = nullptr;
    X509* certRaw = nullptr;
    STACK_OF(X509)* caRaw = nullptr;
    if (!PKCS12_parse(p12.get(), pass, &keyRaw, &certRaw, &caRaw))
        return fail(QStringLiteral("the PKCS#12 file cannot be read: %1").arg(opensslError()));
    const Owned<EVP_PKEY, EVP_PKEY_free> key(keyRaw);
    const Owned<X509, X509_free> cert(certRaw);
    const auto freeChain = qScopeGuard([caRaw] { sk_X509_pop_free(caRaw, X509_free); });
    if (!key || !cert)
        return fail(QStringLiteral("the PKCS#12 file holds no certificate with its private key: export it "
                                   "with the private key"));
    if (X509_check_private_key(cert.get(), key.get()) != 1)
        return fail(QStringLiteral("the private key in the PKCS#12 file does not belong to its certificate"));
    Pkcs12Pem out;
    out.certificateChain = pemOf([&](BIO* b) { return PEM_write_bio_X509(b, cert.get()); });
    for (int i = 0; i < sk_X509_num(caRaw); ++i) {
        X509* ca = sk_X509_value(caRaw, i);
        out.certificateChain += pemOf([&](BIO* b) { return PEM_write_bio_X509(b, ca); });
        ++out.chain;
    }
    out.key = pemOf([&](BIO* b) {
        return PEM_write_bio_PrivateKey(b, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    });
    out.certificate = QSslCertificate(out.certificateChain, QSsl::Pem);
    if (out.certificateChain.isEmpty() || out.key.isEmpty() || out.certificate.isNull())
        return fail(QStringLiteral("the PKCS#12 file cannot be converted to PEM: %1").arg(opensslError()));
    return out;
}

} // namespace umgate::TlsFiles
