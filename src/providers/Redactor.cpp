#include "providers/Redactor.h"

#include <algorithm>

namespace pb {

namespace {
// Headers that carry credentials for some provider, whatever the adapter declares.
const QList<QByteArray>& builtinSecretHeaders()
{
    static const QList<QByteArray> names{
        QByteArrayLiteral("authorization"), QByteArrayLiteral("proxy-authorization"),
        QByteArrayLiteral("x-sn-apikey"),   QByteArrayLiteral("cookie"),
        QByteArrayLiteral("set-cookie"),    QByteArrayLiteral("x-api-key"),
        QByteArrayLiteral("private-token")};
    return names;
}
} // namespace

Redactor::Redactor(QList<QByteArray> secrets, QList<QByteArray> secretHeaders, bool redactUrlPath)
    : m_secretHeaders(std::move(secretHeaders))
    , m_redactUrlPath(redactUrlPath)
{
    for (auto& h : m_secretHeaders)
        h = h.toLower();
    for (const QByteArray& s : secrets) {
        // Very short values would blank out ordinary text; credentials are never that short.
        if (s.size() < 4)
            continue;
        m_needles << s << s.toPercentEncoding() << s.toBase64() << QUrl::toPercentEncoding(QString::fromUtf8(s), "/:");
    }
    m_needles.removeAll(QByteArray());
    std::sort(m_needles.begin(), m_needles.end(),
              [](const QByteArray& a, const QByteArray& b) { return a.size() > b.size(); });
    m_needles.erase(std::unique(m_needles.begin(), m_needles.end()), m_needles.end());
}

const QString& Redactor::mask()
{
    static const QString m = QStringLiteral("[redacted]");
    return m;
}

bool Redactor::isSecretHeader(const QByteArray& name) const
{
    const QByteArray lower = name.toLower();
    return builtinSecretHeaders().contains(lower) || m_secretHeaders.contains(lower);
}

QString Redactor::headerValue(const QByteArray& name, const QByteArray& value) const
{
    if (isSecretHeader(name)) {
        // Keep the scheme word (Basic, Bearer, Splunk, ApiKey): it helps debugging, leaks nothing.
        const int space = value.indexOf(' ');
        if (name.compare("authorization", Qt::CaseInsensitive) == 0 && space > 0 && space < 12)
            return QString::fromLatin1(value.left(space)) + QLatin1Char(' ') + mask();
        return mask();
    }
    // A webhook's redirect target echoes its secret path: show it the way request URLs are shown.
    if (m_redactUrlPath && (name.compare("location", Qt::CaseInsensitive) == 0 ||
                            name.compare("content-location", Qt::CaseInsensitive) == 0))
        return url(QUrl::fromEncoded(value));
    return text(value, 4096);
}

QString Redactor::text(const QByteArray& bytes, int maxBytes) const
{
    QByteArray out = bytes;
    for (const QByteArray& n : m_needles)
        out.replace(n, mask().toUtf8());
    const bool cut = out.size() > maxBytes;
    if (cut)
        out.truncate(maxBytes);
    QString s = QString::fromUtf8(out);
    // A cut may split a secret that was not matched; redact again on the decoded text.
    for (const QByteArray& n : m_needles)
        s.replace(QString::fromUtf8(n), mask());
    if (cut)
        s += QStringLiteral("… [truncated]");
    return s;
}

QString Redactor::url(const QUrl& url) const
{
    if (m_redactUrlPath) {
        QUrl u = url;
        u.setPath(QStringLiteral("/") + mask());
        u.setQuery(QString());
        return text(u.toString(QUrl::FullyEncoded).toUtf8().replace("%5B", "[").replace("%5D", "]"));
    }
    return text(url.toString(QUrl::FullyEncoded).toUtf8());
}

} // namespace pb
