#include "sim/ProviderSim.h"

#include <QDateTime>
#include <QHash>
#include <QRegularExpression>

namespace pb::sim {

SimResponse ProviderSim::errorFor(int status, const QString& message) const
{
    return SimResponse::json(status, QJsonObject{{QStringLiteral("message"), message}});
}

bool ProviderSim::basicOk(const SimRequest& r, const QByteArray& user)
{
    return r.header("Authorization") == "Basic " + QByteArray(user + QByteArray(":") + QByteArray(kDemoSecret)).toBase64();
}

bool ProviderSim::bearerOk(const SimRequest& r, const QByteArray& scheme)
{
    return r.header("Authorization") == scheme + ' ' + QByteArray(kDemoSecret);
}

bool ProviderSim::route(const SimRequest& r, const char* method, const char* pattern, QRegularExpressionMatch* m)
{
    if (r.method != method)
        return false;
    static QHash<QString, QRegularExpression> cache;
    const QString p = QString::fromLatin1(pattern);
    auto it = cache.find(p);
    if (it == cache.end())
        it = cache.insert(p, QRegularExpression(QLatin1Char('^') + p + QLatin1Char('$')));
    const auto match = it->match(r.path);
    if (m)
        *m = match;
    return match.hasMatch();
}

QString ProviderSim::now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

} // namespace pb::sim
