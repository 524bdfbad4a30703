#include "gui/editors/ProviderChoice.h"

#include "catalog/Catalog.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace pb {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("pb", text); // the context lupdate extracts
}
} // namespace

QList<ProviderOption> providerOptions(const Catalog& catalog, const QJsonObject& integrationPoint,
                                      const QString& environment)
{
    QList<ProviderOption> out;
    const QString connector = integrationPoint.value(u"connector"_s).toString();
    const QJsonArray list = integrationPoint.value(u"environments"_s).toObject().value(environment).toArray();
    QStringList allowedIds;
    for (const QJsonValue& v : list)
        allowedIds.append(v.toString());
    const bool all = allowedIds.contains(u"*"_s);
    const QString ipName = integrationPoint.value(u"fullname"_s).toString(integrationPoint.value(u"name"_s).toString());
    const QString envName = environment == u"test"_s ? tr("test") : tr("production");

    QStringList allowedNames;
    for (const QString& id : std::as_const(allowedIds))
        if (const ProviderSpec* p = catalog.provider(id))
            allowedNames.append(p->fullname);

    for (const ProviderSpec& p : catalog.providers()) {
        if (!connector.isEmpty() && p.connectorId != connector)
            continue;
        ProviderOption option{p.id, p.fullname, p.connectorId, true, {}};
        if (!integrationPoint.isEmpty() && !all && !allowedIds.contains(p.id)) {
            option.allowed = false;
            option.reason = allowedNames.isEmpty()
                                ? tr("Integration Point “%1” allows no provider for %2 Accounts.").arg(ipName, envName)
                                : tr("Integration Point “%1” allows only %2 for %3 Accounts.")
                                      .arg(ipName, allowedNames.join(u", "_s), envName);
        }
        out.append(option);
    }
    return out;
}

bool hostMatchesPattern(const QString& host, const QString& pattern)
{
    const QRegularExpression re(QRegularExpression::anchoredPattern(QRegularExpression::wildcardToRegularExpression(
                                    pattern.trimmed(), QRegularExpression::UnanchoredWildcardConversion)),
                                QRegularExpression::CaseInsensitiveOption);
    return re.match(host).hasMatch();
}

} // namespace pb
