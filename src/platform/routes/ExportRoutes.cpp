// /v1/export and /v1/import (Patchbay additions): a workspace's configuration as JSON, never
// secrets. Import is validated by the same rules as the API and applied in one transaction.
#include "catalog/Catalog.h"
#include "core/Clock.h"
#include "core/Ids.h"
#include "platform/Compliance.h"
#include "platform/CredentialStore.h"
#include "platform/RoleScope.h"
#include "platform/policy/IntegrationPointRules.h"
#include "platform/routes/RouteUtil.h"

namespace pb {

QJsonObject integrationJson(Workspace& ws, const Row& r);
Status importIntegration(Call& call, const QString& accountId, const QString& id, const QJsonObject& body,
                         QList<QVariantList>* statusRows);

namespace {

const QString kFormat = QStringLiteral("patchbay-export");

QJsonObject pick(const QJsonObject& o, const QStringList& keys)
{
    QJsonObject out;
    for (const QString& k : keys)
        if (o.contains(k))
            out.insert(k, o.value(k));
    return out;
}

Result<QJsonObject> exportWorkspace(Call& call)
{
    Workspace& ws = *call.core->ws;
    QJsonObject doc{{QStringLiteral("format"), kFormat}, {QStringLiteral("version"), 1},
                    {QStringLiteral("exported_at"), toRfc3339(nowUtc())}};
    auto org = ws.selectOne(QStringLiteral("SELECT name, fullname, options FROM organization"));
    if (!org || !org->has_value())
        return Problem::internal(QStringLiteral("The workspace has no Organization."));
    doc.insert(QStringLiteral("organization"), QJsonObject{{QStringLiteral("name"), (*org)->value(QStringLiteral("name")).toString()},
                                                           {QStringLiteral("fullname"), (*org)->value(QStringLiteral("fullname")).toString()},
                                                           {QStringLiteral("options"), json::object((*org)->value(QStringLiteral("options")))}});
    QJsonArray roles;
    auto roleRows = ws.select(QStringLiteral("SELECT * FROM roles WHERE builtin = 0 ORDER BY name"));
    if (!roleRows)
        return roleRows.problem();
    for (const Row& r : *roleRows)
        roles.append(QJsonObject{{QStringLiteral("name"), r.value(QStringLiteral("name")).toString()},
                                 {QStringLiteral("fullname"), r.value(QStringLiteral("fullname")).toString()},
                                 {QStringLiteral("description"), r.value(QStringLiteral("description")).toString()},
                                 {QStringLiteral("permission_set"), r.value(QStringLiteral("permission_set")).toString()},
                                 {QStringLiteral("resources"), json::object(r.value(QStringLiteral("resources")))}});
    doc.insert(QStringLiteral("roles"), roles);
    QHash<QString, QString> accountNames;
    QJsonArray accounts;
    auto accountRows = ws.select(QStringLiteral("SELECT * FROM accounts ORDER BY name"));
    if (!accountRows)
        return accountRows.problem();
    for (const Row& a : *accountRows) {
        accountNames.insert(a.value(QStringLiteral("id")).toString(), a.value(QStringLiteral("name")).toString());
        QJsonArray endUsers;
        auto users = ws.select(QStringLiteral("SELECT name, fullname, email FROM end_users WHERE account_id = ? ORDER BY name"),
                               {a.value(QStringLiteral("id"))});
        if (!users)
            return users.problem();
        for (const Row& u : *users)
            endUsers.append(QJsonObject::fromVariantMap(u));
        accounts.append(QJsonObject{{QStringLiteral("name"), a.value(QStringLiteral("name")).toString()},
                                    {QStringLiteral("fullname"), a.value(QStringLiteral("fullname")).toString()},
                                    {QStringLiteral("environment"), a.value(QStringLiteral("environment")).toString()},
                                    {QStringLiteral("labels"), json::array(a.value(QStringLiteral("labels")))},
                                    {QStringLiteral("end_users"), endUsers}});
    }
    doc.insert(QStringLiteral("accounts"), accounts);
    QHash<QString, QString> pointNames;
    QJsonArray points;
    auto pointRows = ws.select(QStringLiteral("SELECT * FROM integration_points ORDER BY name"));
    if (!pointRows)
        return pointRows.problem();
    for (const Row& p : *pointRows) {
        pointNames.insert(p.value(QStringLiteral("id")).toString(), p.value(QStringLiteral("name")).toString());
        points.append(pick(integrationPointBody(p), {QStringLiteral("name"), QStringLiteral("fullname"), QStringLiteral("description"),
                                                     QStringLiteral("connector"), QStringLiteral("environments"), QStringLiteral("rules")}));
    }
    doc.insert(QStringLiteral("integration_points"), points);
    QHash<QString, QString> integrationNames;
    auto integrationRows = ws.select(QStringLiteral("SELECT * FROM integrations ORDER BY account_id, name"));
    if (!integrationRows)
        return integrationRows.problem();
    for (const Row& i : *integrationRows)
        integrationNames.insert(i.value(QStringLiteral("id")).toString(), i.value(QStringLiteral("name")).toString());
    QHash<QString, QString> credentialNames;
    QJsonArray credentials;
    auto credentialRows = ws.select(QStringLiteral("SELECT * FROM credentials ORDER BY name"));
    if (!credentialRows)
        return credentialRows.problem();
    for (const Row& c : *credentialRows) {
        credentialNames.insert(c.value(QStringLiteral("id")).toString(), c.value(QStringLiteral("name")).toString());
        const QJsonObject full = credentialJson(c);
        const QString ownerType = c.value(QStringLiteral("owner_type")).toString();
        const QString ownerId = c.value(QStringLiteral("owner_id")).toString();
        QJsonObject item = pick(full, {QStringLiteral("name"), QStringLiteral("fullname"), QStringLiteral("config"), QStringLiteral("expires")});
        item.insert(QStringLiteral("owner_type"), ownerType);
        item.insert(QStringLiteral("account"), accountNames.value(c.value(QStringLiteral("account_id")).toString()));
        item.insert(QStringLiteral("owner"), ownerType == QStringLiteral("account") ? accountNames.value(ownerId)
                                             : ownerType == QStringLiteral("integration") ? integrationNames.value(ownerId)
                                                                                         : pointNames.value(ownerId));
        credentials.append(item);
    }
    doc.insert(QStringLiteral("credentials"), credentials);
    QJsonArray integrations;
    for (const Row& i : *integrationRows) {
        const QJsonObject full = integrationJson(ws, i);
        QJsonObject item = pick(full, {QStringLiteral("name"), QStringLiteral("fullname"), QStringLiteral("enabled")});
        QJsonObject config = full.value(QStringLiteral("provider_config")).toObject();
        if (config.contains(QStringLiteral("credential")))
            config.insert(QStringLiteral("credential"), credentialNames.value(i.value(QStringLiteral("credential_id")).toString()));
        item.insert(QStringLiteral("provider_config"), config);
        item.insert(QStringLiteral("account"), accountNames.value(i.value(QStringLiteral("account_id")).toString()));
        const QString point = pointNames.value(i.value(QStringLiteral("integration_point_id")).toString());
        if (!point.isEmpty())
            item.insert(QStringLiteral("integration_point_id"), point);
        integrations.append(item);
    }
    doc.insert(QStringLiteral("integrations"), integrations);
    return doc;
}

// Names the failing element so the user can find it in the file.
Status at(const Status& s, const QString& where)
{
    if (s)
        return s;
    Problem p = s.problem();
    p.message = where + QStringLiteral(": ") + p.message;
    return p;
}

Status importDocument(Call& call, const QJsonObject& doc)
{
    Workspace& ws = *call.core->ws;
    if (doc.value(QStringLiteral("format")).toString() != kFormat || doc.value(QStringLiteral("version")).toInt() != 1)
        return Problem::badRequest(QStringLiteral("This is not a Patchbay export (format patchbay-export, version 1)."))
            .withParameter(QStringLiteral("format"), QStringLiteral("body"));
    const QString now = toRfc3339(nowUtc());
    for (const QJsonValue& v : doc.value(QStringLiteral("roles")).toArray()) {
        const QJsonObject r = v.toObject();
        auto names = json::names(r);
        if (!names)
            return at(names.problem(), QStringLiteral("role"));
        if (roleLevel(r.value(QStringLiteral("permission_set")).toString()) == RoleLevel::None)
            return at(Problem::badRequest(QStringLiteral("unknown permission_set")), QStringLiteral("role ") + names->name);
        if (Status s = ws.insert(QStringLiteral("roles"), {{QStringLiteral("id"), newId()}, {QStringLiteral("name"), names->name},
                                                           {QStringLiteral("fullname"), names->fullname},
                                                           {QStringLiteral("description"), r.value(QStringLiteral("description")).toString()},
                                                           {QStringLiteral("builtin"), 0},
                                                           {QStringLiteral("permission_set"), r.value(QStringLiteral("permission_set")).toString()},
                                                           {QStringLiteral("resources"), json::text(r.value(QStringLiteral("resources")).toObject())},
                                                           {QStringLiteral("created_at"), now}, {QStringLiteral("updated_at"), now}});
            !s)
            return at(s, QStringLiteral("role ") + names->name);
    }
    QHash<QString, QString> accountIds;
    for (const QJsonValue& v : doc.value(QStringLiteral("accounts")).toArray()) {
        const QJsonObject a = v.toObject();
        auto names = json::names(a);
        if (!names)
            return at(names.problem(), QStringLiteral("account"));
        auto env = enumField(a, QStringLiteral("environment"), {QStringLiteral("test"), QStringLiteral("prod")}, QStringLiteral("prod"));
        if (!env)
            return at(env.problem(), QStringLiteral("account ") + names->name);
        const QString id = newId();
        accountIds.insert(names->name, id);
        if (Status s = ws.insert(QStringLiteral("accounts"), {{QStringLiteral("id"), id}, {QStringLiteral("name"), names->name},
                                                              {QStringLiteral("fullname"), names->fullname}, {QStringLiteral("environment"), *env},
                                                              {QStringLiteral("labels"), json::text(a.value(QStringLiteral("labels")).toArray())},
                                                              {QStringLiteral("created_at"), now}, {QStringLiteral("updated_at"), now}});
            !s)
            return at(s, QStringLiteral("account ") + names->name);
        for (const QJsonValue& u : a.value(QStringLiteral("end_users")).toArray()) {
            auto userNames = json::names(u.toObject());
            if (!userNames)
                return at(userNames.problem(), QStringLiteral("end user of ") + names->name);
            if (Status s = ws.insert(QStringLiteral("end_users"), {{QStringLiteral("id"), newId()}, {QStringLiteral("account_id"), id},
                                                                   {QStringLiteral("name"), userNames->name},
                                                                   {QStringLiteral("fullname"), userNames->fullname},
                                                                   {QStringLiteral("email"), u.toObject().value(QStringLiteral("email")).toString()},
                                                                   {QStringLiteral("created_at"), now}, {QStringLiteral("updated_at"), now}});
                !s)
                return at(s, QStringLiteral("end user ") + userNames->name);
        }
    }
    QHash<QString, QString> pointIds;
    for (const QJsonValue& v : doc.value(QStringLiteral("integration_points")).toArray()) {
        const QJsonObject p = v.toObject();
        auto names = json::names(p);
        if (!names)
            return at(names.problem(), QStringLiteral("integration point"));
        auto rules = IntegrationPointRules::fromJson(p);
        if (!rules)
            return at(rules.problem(), QStringLiteral("integration point ") + names->name);
        const QString id = newId();
        pointIds.insert(names->name, id);
        if (Status s = ws.insert(QStringLiteral("integration_points"),
                                 {{QStringLiteral("id"), id}, {QStringLiteral("name"), names->name}, {QStringLiteral("fullname"), names->fullname},
                                  {QStringLiteral("description"), p.value(QStringLiteral("description")).toString()},
                                  {QStringLiteral("connector"), rules->connector},
                                  {QStringLiteral("environments"), json::text(rules->environmentsJson())},
                                  {QStringLiteral("rules"), json::text(rules->rulesJson())},
                                  {QStringLiteral("created_at"), now}, {QStringLiteral("updated_at"), now}});
            !s)
            return at(s, QStringLiteral("integration point ") + names->name);
    }
    // Integration ids first: Integration-owned credentials name their owner before it exists.
    QHash<QString, QString> integrationIds; // "account/name" -> id
    const QJsonArray integrations = doc.value(QStringLiteral("integrations")).toArray();
    for (const QJsonValue& v : integrations)
        integrationIds.insert(v.toObject().value(QStringLiteral("account")).toString() + QLatin1Char('/') +
                                  v.toObject().value(QStringLiteral("name")).toString(),
                              newId());
    for (const QJsonValue& v : doc.value(QStringLiteral("credentials")).toArray()) {
        const QJsonObject c = v.toObject();
        auto names = json::names(c);
        if (!names)
            return at(names.problem(), QStringLiteral("credential"));
        auto type = canonicalCredentialType(c.value(QStringLiteral("config")).toObject().value(QStringLiteral("type")).toString());
        if (!type)
            return at(type.problem(), QStringLiteral("credential ") + names->name);
        const QString ownerType = c.value(QStringLiteral("owner_type")).toString();
        const QString account = c.value(QStringLiteral("account")).toString();
        const QString owner = c.value(QStringLiteral("owner")).toString();
        QString ownerId = ownerType == QStringLiteral("account") ? accountIds.value(owner)
                          : ownerType == QStringLiteral("integration") ? integrationIds.value(account + QLatin1Char('/') + owner)
                                                                      : pointIds.value(owner);
        if (ownerId.isEmpty())
            return at(Problem::badRequest(QStringLiteral("its owner \"%1\" is not in the file").arg(owner)).withParameter(QStringLiteral("owner")),
                      QStringLiteral("credential ") + names->name);
        QJsonObject metadata = c.value(QStringLiteral("config")).toObject();
        metadata.remove(QStringLiteral("type"));
        for (const QString& secret : secretFields(*type))
            if (metadata.contains(secret))
                return at(Problem::badRequest(QStringLiteral("an import never carries secrets (%1)").arg(secret)),
                          QStringLiteral("credential ") + names->name);
        if (Status s = ws.insert(QStringLiteral("credentials"),
                                 {{QStringLiteral("id"), newId()}, {QStringLiteral("name"), names->name}, {QStringLiteral("fullname"), names->fullname},
                                  {QStringLiteral("owner_type"), ownerType}, {QStringLiteral("owner_id"), ownerId},
                                  {QStringLiteral("account_id"), json::optional(accountIds.value(account))},
                                  {QStringLiteral("type"), *type}, {QStringLiteral("metadata"), json::text(metadata)},
                                  {QStringLiteral("expires"), json::optional(c.value(QStringLiteral("expires")).toString())},
                                  {QStringLiteral("secret_set_at"), now}, {QStringLiteral("rotated_at"), QStringLiteral("[]")},
                                  {QStringLiteral("created_at"), now}, {QStringLiteral("updated_at"), now}});
            !s)
            return at(s, QStringLiteral("credential ") + names->name);
    }
    QList<QVariantList> statusRows;
    statusRows.reserve(integrations.size());
    for (const QJsonValue& v : integrations) {
        const QJsonObject i = v.toObject();
        const QString account = i.value(QStringLiteral("account")).toString();
        const QString accountId = accountIds.value(account);
        const QString where = QStringLiteral("integration %1/%2").arg(account, i.value(QStringLiteral("name")).toString());
        if (accountId.isEmpty())
            return at(Problem::badRequest(QStringLiteral("its account is not in the file")), where);
        if (Status s = importIntegration(call, accountId, integrationIds.value(account + QLatin1Char('/') + i.value(QStringLiteral("name")).toString()), i,
                                         &statusRows);
            !s)
            return at(s, where);
    }
    return ws.insertMany(QStringLiteral("integration_status"),
                         {QStringLiteral("integration_id"), QStringLiteral("account_id"), QStringLiteral("updated_at")}, statusRows);
}

} // namespace

void addExportRoutes(Router& r)
{
    r.add("GET", QStringLiteral("/v1/export"), Access::Administer, QStringLiteral("workspace.export"),
          [](Call& call) -> Result<ApiResponse> {
              if (Status s = checkUnnarrowed(call, QStringLiteral("An export")); !s) // RoleScope.h
                  return s.problem();
              auto doc = exportWorkspace(call);
              if (!doc)
                  return doc.problem();
              return ApiResponse::ofResult(*doc);
          });
    r.add("POST", QStringLiteral("/v1/import"), Access::Administer, QStringLiteral("workspace.import"),
          [](Call& call) -> Result<ApiResponse> {
              if (Status s = checkUnnarrowed(call, QStringLiteral("An import")); !s) // RoleScope.h
                  return s.problem();
              auto body = json::bodyObject(call.request.body);
              if (!body)
                  return body.problem();
              Status s = call.core->ws->transaction([&]() { return importDocument(call, *body); });
              if (!s)
                  return s.problem();
              return ApiResponse::ofResult(QJsonObject{
                  {QStringLiteral("imported"),
                   QJsonObject{{QStringLiteral("accounts"), body->value(QStringLiteral("accounts")).toArray().size()},
                               {QStringLiteral("integration_points"), body->value(QStringLiteral("integration_points")).toArray().size()},
                               {QStringLiteral("credentials"), body->value(QStringLiteral("credentials")).toArray().size()},
                               {QStringLiteral("integrations"), body->value(QStringLiteral("integrations")).toArray().size()}}}});
          });
}

} // namespace pb
