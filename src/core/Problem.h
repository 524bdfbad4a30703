#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace pb {

// The one error type of every layer. Its JSON form is the problem body of PLATFORM-API.md:
// status, type, message, detail, remediation, instance, occurred_at, context.parameter.
struct Problem {
    int status = 500;
    QString type;        // machine-readable kind, e.g. "not_found", "keychain_unavailable"
    QString message;     // one line saying what went wrong
    QString detail;      // specifics: which object, which rule, which value
    QString remediation; // what the user can do about it
    QString instance;    // request path, filled in by the API layer
    QString parameter;   // offending field, if any
    QString location;    // query | header | path | body
    QJsonValue value;    // offending value (never a secret)

    Problem() = default;
    Problem(int status_, QString type_, QString message_, QString detail_ = {}, QString remediation_ = {});

    Problem& withParameter(const QString& id, const QString& loc = QStringLiteral("body"),
                           const QJsonValue& val = {});
    Problem& withRemediation(const QString& text);
    Problem& withInstance(const QString& path);

    QJsonObject toJson() const;
    static Problem fromJson(const QJsonObject& obj);
    // Multi-line human-readable form for the CLI and message areas.
    QString toText() const;

    // Canonical constructors for the statuses of PLATFORM-API.md.
    static Problem badRequest(const QString& message, const QString& detail = {});
    static Problem unauthorized(const QString& message, const QString& detail = {});
    static Problem forbidden(const QString& message, const QString& detail = {});
    static Problem notFound(const QString& message, const QString& detail = {});
    static Problem conflict(const QString& message, const QString& detail = {});
    static Problem unsupportedMediaType(const QString& message, const QString& detail = {});
    static Problem tooManyRequests(const QString& message, const QString& detail = {});
    static Problem internal(const QString& message, const QString& detail = {});
    static Problem notImplemented(const QString& message, const QString& detail = {});
    static Problem badGateway(const QString& message, const QString& detail = {});
    static Problem unavailable(const QString& message, const QString& detail = {});
    static Problem gatewayTimeout(const QString& message, const QString& detail = {});
};

} // namespace pb
