#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

namespace pb {

// Removes credentials from what is recorded about an exchange: credential headers as a whole,
// and every secret value (raw, percent-encoded, base64) wherever else it appears.
class Redactor final {
public:
    Redactor(QList<QByteArray> secrets, QList<QByteArray> secretHeaders, bool redactUrlPath);

    static const QString& mask();
    bool isSecretHeader(const QByteArray& name) const;
    QString headerValue(const QByteArray& name, const QByteArray& value) const;
    QString text(const QByteArray& bytes, int maxBytes = 4096) const;
    QString url(const QUrl& url) const;

private:
    QList<QByteArray> m_needles;
    QList<QByteArray> m_secretHeaders;
    bool m_redactUrlPath;
};

} // namespace pb
