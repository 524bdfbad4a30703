#pragma once

#include "providers/AdapterRegistry.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace pb::test {

// The simulator started by the CTest fixture "sim" (tests/fixtures): its port from
// ${PATCHBAY_BINARY_DIR}/sim.port; 0 when the fixture is not running.
quint16 simPort();
QString simBase(const QString& prefix);
// A control or raw call to the simulator (e.g. GET /_sim/requests); answers the JSON body.
QJsonValue simCall(const QByteArray& method, const QString& path, const QJsonValue& body = QJsonValue::Undefined);

// An OperationCall for a provider with the simulator's URL and demo credentials.
OperationCall demoCall(const QString& providerId, const QString& operationId, const QJsonObject& params = {});

struct CallResult {
    std::optional<OperationOutcome> outcome;
    std::optional<Problem> problem;
    QList<ExchangeRecord> exchanges;
    bool ok() const { return outcome.has_value(); }
    QString problemType() const { return problem ? problem->type : QString(); }
    QString describe() const; // for failure messages: the problem as text
};

// Runs the call to completion on a local event loop (guarded against a hang).
CallResult run(AdapterRegistry& registry, const OperationCall& call);
// Every exchange as one JSON text, to search for secret bytes.
QByteArray exchangesJson(const QList<ExchangeRecord>& exchanges);

} // namespace pb::test

namespace pb::test {
// One RFC 6902 operation, for ticketing_patch_ticket bodies.
inline QJsonObject patchOp(const QString& op, const QString& path, const QJsonValue& value = QJsonValue::Undefined)
{
    QJsonObject o{{QStringLiteral("op"), op}, {QStringLiteral("path"), path}};
    if (!value.isUndefined())
        o.insert(QStringLiteral("value"), value);
    return o;
}
} // namespace pb::test
