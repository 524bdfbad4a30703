#include "gui/models/NodePresentation.h"

#include "core/Clock.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace pb::NodePresentation {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("pb::NodePresentation", text); // the context lupdate extracts
}

QString displayName(const QJsonObject& o)
{
    const QString fullname = o.value(u"fullname"_s).toString();
    return fullname.isEmpty() ? o.value(u"name"_s).toString() : fullname;
}

int groupOrder(NodeKind kind)
{
    switch (kind) {
    case NodeKind::AccountsGroup: return 1;
    case NodeKind::IntegrationPointsGroup: return 2;
    case NodeKind::MembersGroup: return 3;
    case NodeKind::IntegrationsGroup: return 1;
    case NodeKind::CredentialsGroup: return 2;
    case NodeKind::EndUsersGroup: return 3;
    default: return 0;
    }
}
} // namespace

QString title(const TreeNode& node)
{
    switch (node.kind) {
    case NodeKind::AccountsGroup: return tr("Accounts");
    case NodeKind::IntegrationsGroup: return tr("Integrations");
    case NodeKind::CredentialsGroup: return tr("Credentials");
    case NodeKind::EndUsersGroup: return tr("End Users");
    case NodeKind::IntegrationPointsGroup: return tr("Integration Points");
    case NodeKind::MembersGroup: return tr("Members");
    case NodeKind::Loading:
    case NodeKind::Error: return node.message;
    case NodeKind::Integration: {
        const QString name = displayName(node.object);
        return name.isEmpty() ? node.object.value(u"provider_fullname"_s).toString() : name;
    }
    case NodeKind::EndUser: {
        const QString name = displayName(node.object);
        return name.isEmpty() ? node.object.value(u"email"_s).toString() : name;
    }
    default: return displayName(node.object);
    }
}

QIcon icon(const TreeNode& node)
{
    const Icons::Badge badge = badgeOf(node.kind, node.object);
    switch (node.kind) {
    case NodeKind::Organization: return Icons::named(u"organization"_s);
    case NodeKind::Account:
        return Icons::named(node.object.value(u"environment"_s).toString() == u"test"_s ? u"account-test"_s
                                                                                         : u"account"_s);
    case NodeKind::Integration:
        return Icons::withBadge(Icons::provider(node.object.value(u"provider_type"_s).toString()), badge);
    case NodeKind::Credential: return Icons::withBadge(Icons::named(u"credential"_s), badge);
    case NodeKind::EndUser: return Icons::named(u"end-user"_s);
    case NodeKind::IntegrationPoint: return Icons::named(u"integration-point"_s);
    case NodeKind::Member:
        return Icons::withBadge(Icons::named(node.object.value(u"type"_s).toString() == u"service"_s
                                                 ? u"service-member"_s
                                                 : u"member"_s),
                                badge);
    case NodeKind::Loading: return Icons::named(u"loading"_s);
    case NodeKind::Error: return Icons::named(u"error"_s);
    default: return Icons::named(u"group"_s);
    }
}

QString toolTip(const TreeNode& node)
{
    const QJsonObject& o = node.object;
    switch (node.kind) {
    case NodeKind::Account:
        return tr("Account %1 · environment %2").arg(o.value(u"name"_s).toString(), o.value(u"environment"_s).toString());
    case NodeKind::Integration: {
        QString text = tr("%1 · %2").arg(o.value(u"provider_fullname"_s).toString(o.value(u"provider_type"_s).toString()),
                                         o.value(u"name"_s).toString());
        if (isDisabled(o))
            text += u'\n' + tr("Disabled");
        if (isNonCompliant(o))
            text += u'\n' + tr("Not compliant: %1").arg(complianceReasons(o).join(u"; "_s));
        return text;
    }
    case NodeKind::Credential: {
        QString text = tr("Credential of type %1").arg(o.value(u"config"_s).toObject().value(u"type"_s).toString(
            o.value(u"type"_s).toString()));
        const QString expires = o.value(u"expires"_s).toString();
        if (!expires.isEmpty())
            text += u'\n' + tr("Expires %1").arg(expires);
        return text;
    }
    case NodeKind::Member:
        return tr("%1 member · %2").arg(o.value(u"type"_s).toString(), o.value(u"state"_s).toString());
    case NodeKind::Error: return node.message;
    default: return {};
    }
}

QString filterText(const TreeNode& node)
{
    if (isGroup(node.kind) || node.kind == NodeKind::Loading || node.kind == NodeKind::Error)
        return {};
    const QJsonObject& o = node.object;
    QStringList parts{o.value(u"name"_s).toString(), o.value(u"fullname"_s).toString(),
                      o.value(u"provider_type"_s).toString(), o.value(u"provider_fullname"_s).toString(),
                      o.value(u"email"_s).toString(), o.value(u"environment"_s).toString()};
    for (const QJsonValue& label : o.value(u"labels"_s).toArray())
        parts.append(label.toString());
    parts.removeAll(QString());
    return parts.join(u' ');
}

QString sortKey(const TreeNode& node)
{
    if (isGroup(node.kind) || node.kind == NodeKind::Loading || node.kind == NodeKind::Error)
        return u"0"_s + QString::number(groupOrder(node.kind));
    return u"1"_s + title(node).toLower();
}

void prepare(TreeNode& node)
{
    node.filterText = filterText(node).toLower();
    node.sortKey = sortKey(node);
}

QString listPath(NodeKind groupKind, const QString& accountId)
{
    switch (groupKind) {
    case NodeKind::AccountsGroup: return u"/v1/accounts"_s;
    case NodeKind::IntegrationPointsGroup: return u"/v1/integration-points"_s;
    case NodeKind::MembersGroup: return u"/v1/members"_s;
    case NodeKind::IntegrationsGroup: return u"/v1/integrations/"_s + accountId;
    case NodeKind::CredentialsGroup: return u"/v1/credentials/"_s + accountId;
    case NodeKind::EndUsersGroup: return u"/v1/accounts/"_s + accountId + u"/end-users"_s;
    default: return {};
    }
}

bool isDisabled(const QJsonObject& o)
{
    if (o.value(u"enabled"_s).isBool() && !o.value(u"enabled"_s).toBool())
        return true;
    return o.value(u"state"_s).toString() == u"disabled"_s;
}

bool isNonCompliant(const QJsonObject& o)
{
    const QJsonValue compliance = o.value(u"compliance"_s);
    if (compliance.isObject()) {
        const QString state = compliance.toObject().value(u"state"_s).toString();
        return state == u"non_compliant"_s || state == u"noncompliant"_s;
    }
    if (compliance.isString())
        return compliance.toString() != u"compliant"_s;
    const QString state = o.value(u"compliance_state"_s).toString();
    return state == u"non_compliant"_s || state == u"noncompliant"_s;
}

QStringList complianceReasons(const QJsonObject& o)
{
    QStringList out;
    const QJsonObject compliance = o.value(u"compliance"_s).toObject();
    QJsonArray reasons = o.value(u"violations"_s).toArray();
    if (reasons.isEmpty())
        reasons = compliance.value(u"reasons"_s).toArray();
    for (const QJsonValue& r : reasons)
        out.append(r.isObject() ? r.toObject().value(u"message"_s).toString() : r.toString());
    return out;
}

bool isExpiringSoon(const QJsonObject& credential)
{
    const QDateTime expires = parseRfc3339(credential.value(u"expires"_s).toString());
    return expires.isValid() && expires <= nowUtc().addDays(14);
}

Icons::Badge badgeOf(NodeKind kind, const QJsonObject& object)
{
    if (kind == NodeKind::Integration || kind == NodeKind::Member) {
        if (isDisabled(object))
            return Icons::Badge::Disabled;
        if (isNonCompliant(object))
            return Icons::Badge::NonCompliant;
    }
    if (kind == NodeKind::Credential && isExpiringSoon(object))
        return Icons::Badge::Expiring;
    return Icons::Badge::None;
}

} // namespace pb::NodePresentation
