#include "providers/adapters/ServiceNowAdapter.h"

#include "core/Clock.h"
#include "providers/TicketMapping.h"

#include <QRegularExpression>

namespace pb {

namespace {

const QList<QPair<QString, QString>>& states()
{
    static const QList<QPair<QString, QString>> s{{QStringLiteral("1"), QStringLiteral("New")},      {QStringLiteral("2"), QStringLiteral("In Progress")},
                                                  {QStringLiteral("3"), QStringLiteral("On Hold")},  {QStringLiteral("6"), QStringLiteral("Resolved")},
                                                  {QStringLiteral("7"), QStringLiteral("Closed")},   {QStringLiteral("8"), QStringLiteral("Canceled")}};
    return s;
}

QString stateName(const QString& code)
{
    for (const auto& [c, n] : states())
        if (c == code)
            return n;
    return code;
}

QString stateCode(const QString& name)
{
    for (const auto& [c, n] : states())
        if (n.compare(name, Qt::CaseInsensitive) == 0 || c == name)
            return c;
    return {};
}

QString priorityName(const QString& code)
{
    static const QStringList names{QString(), QStringLiteral("CRITICAL"), QStringLiteral("HIGH"), QStringLiteral("MODERATE"),
                                   QStringLiteral("LOW"), QStringLiteral("PLANNING")};
    const int n = code.toInt();
    return n >= 1 && n <= 5 ? names.at(n) : QString();
}

// ServiceNow derives priority from impact × urgency; these pairs give each priority.
std::optional<QPair<int, int>> impactUrgency(const QString& unified)
{
    const QString p = unified.toUpper();
    if (p == QLatin1String("URGENT") || p == QLatin1String("CRITICAL")) return QPair<int, int>{1, 1};
    if (p == QLatin1String("HIGH")) return QPair<int, int>{1, 2};
    if (p == QLatin1String("MEDIUM") || p == QLatin1String("MODERATE")) return QPair<int, int>{2, 2};
    if (p == QLatin1String("LOW")) return QPair<int, int>{2, 3};
    if (p == QLatin1String("PLANNING")) return QPair<int, int>{3, 3};
    return std::nullopt;
}

QString refValue(const QJsonValue& v)
{
    // A reference field is "" or {"link": ..., "value": sys_id} (or a display value string).
    return v.isObject() ? v.toObject().value(QStringLiteral("value")).toString() : v.toString();
}

QString snTime(const QJsonValue& v)
{
    // "2026-11-01 10:00:00" in UTC.
    QDateTime t = QDateTime::fromString(v.toString(), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    if (!t.isValid())
        return {};
    t.setTimeSpec(Qt::UTC);
    return toRfc3339(t);
}

} // namespace

QStringList ServiceNowAdapter::operations() const
{
    return {QStringLiteral("verify"), QStringLiteral("ticketing_list_projects"), QStringLiteral("ticketing_query_tickets"),
            QStringLiteral("ticketing_get_ticket"), QStringLiteral("ticketing_create_ticket"),
            QStringLiteral("ticketing_patch_ticket"), QStringLiteral("ticketing_list_comments"),
            QStringLiteral("ticketing_create_comment")};
}

Status ServiceNowAdapter::applyAuth(HttpRequest& req, const OperationCall& call) const
{
    if (call.credentialType == QLatin1String("basic")) {
        const QByteArray pair = call.secrets.value(QStringLiteral("username")) + ':' + call.secrets.value(QStringLiteral("secret"));
        req.headers.append({QByteArrayLiteral("Authorization"), "Basic " + pair.toBase64()});
        return {};
    }
    if (call.credentialType == QLatin1String("token")) {
        req.headers.append({QByteArrayLiteral("x-sn-apikey"), call.secrets.value(QStringLiteral("secret"))});
        return {};
    }
    return requireCredential(call, {"basic", "token", "o_auth_client"});
}

QString ServiceNowAdapter::providerMessage(const HttpResult& result) const
{
    const QJsonObject e = QJsonDocument::fromJson(result.body).object().value(QStringLiteral("error")).toObject();
    if (e.isEmpty())
        return ProviderAdapter::providerMessage(result);
    const QString detail = e.value(QStringLiteral("detail")).toString();
    return e.value(QStringLiteral("message")).toString() + (detail.isEmpty() ? QString() : QStringLiteral(" (") + detail + QLatin1Char(')'));
}

QString ServiceNowAdapter::buildQuery(const RunPtr& run, QString* error)
{
    static const QHash<QString, QString> fields{
        {QStringLiteral("id"), QStringLiteral("sys_id")},          {QStringLiteral("name"), QStringLiteral("number")},
        {QStringLiteral("summary"), QStringLiteral("short_description")}, {QStringLiteral("description"), QStringLiteral("description")},
        {QStringLiteral("status"), QStringLiteral("state")},       {QStringLiteral("priority"), QStringLiteral("priority")},
        {QStringLiteral("assignee"), QStringLiteral("assigned_to")}, {QStringLiteral("project"), QStringLiteral("assignment_group")},
        {QStringLiteral("creator"), QStringLiteral("sys_created_by")}, {QStringLiteral("issue_type"), QStringLiteral("category")},
        {QStringLiteral("created_at"), QStringLiteral("sys_created_on")}, {QStringLiteral("updated_at"), QStringLiteral("sys_updated_on")}};
    static const QHash<QString, QString> ops{{QStringLiteral("eq"), QStringLiteral("=")},   {QStringLiteral("neq"), QStringLiteral("!=")},
                                             {QStringLiteral("gt"), QStringLiteral(">")},   {QStringLiteral("lt"), QStringLiteral("<")},
                                             {QStringLiteral("gte"), QStringLiteral(">=")}, {QStringLiteral("lte"), QStringLiteral("<=")},
                                             {QStringLiteral("like"), QStringLiteral("LIKE")}, {QStringLiteral("not like"), QStringLiteral("NOT LIKE")},
                                             {QStringLiteral("in"), QStringLiteral("IN")}, {QStringLiteral("not in"), QStringLiteral("NOT IN")}};
    QStringList parts;
    for (const FilterTerm& f : filters(run)) {
        if (f.field.isEmpty()) {
            parts << QStringLiteral("short_descriptionLIKE") + f.value;
            continue;
        }
        if (!fields.contains(f.field) || !ops.contains(f.op)) {
            *error = QStringLiteral("Filter \"%1[%2]\" is not supported for ServiceNow.").arg(f.field, f.op);
            return {};
        }
        QString value = f.value;
        value.remove(QLatin1Char('%')).replace(QLatin1Char('^'), QLatin1Char(' '));
        if (f.field == QLatin1String("status") && !stateCode(value).isEmpty())
            value = stateCode(value);
        if (f.field == QLatin1String("priority")) {
            const int i = QStringList{QStringLiteral("CRITICAL"), QStringLiteral("HIGH"), QStringLiteral("MODERATE"), QStringLiteral("LOW"), QStringLiteral("PLANNING")}.indexOf(value.toUpper());
            if (i >= 0)
                value = QString::number(i + 1);
        }
        parts << fields[f.field] + ops[f.op] + value;
    }
    const QString order = run->call().params.value(QStringLiteral("order")).toString();
    static const QRegularExpression re(QStringLiteral("^([a-z_]+)(?:\\[(asc|desc)\\])?$"));
    if (!order.isEmpty()) {
        const auto m = re.match(order);
        if (!m.hasMatch() || !fields.contains(m.captured(1))) {
            *error = QStringLiteral("Order \"%1\" is not supported for ServiceNow.").arg(order);
            return {};
        }
        parts << (m.captured(2) == QLatin1String("asc") ? QStringLiteral("ORDERBY") : QStringLiteral("ORDERBYDESC")) + fields[m.captured(1)];
    } else {
        parts << QStringLiteral("ORDERBYDESCsys_created_on");
    }
    return parts.join(QLatin1Char('^'));
}

QJsonObject ServiceNowAdapter::toTicket(const RunPtr& run, const QJsonObject& rec) const
{
    QJsonObject t = ticket::skeleton();
    const QString sysId = rec.value(QStringLiteral("sys_id")).toString();
    auto setIf = [&t](const char* k, const QString& v) { if (!v.isEmpty()) t[QLatin1String(k)] = v; };
    t[QStringLiteral("id")] = sysId;
    setIf("name", rec.value(QStringLiteral("number")).toString());
    setIf("summary", rec.value(QStringLiteral("short_description")).toString());
    setIf("description", rec.value(QStringLiteral("description")).toString());
    setIf("status", stateName(rec.value(QStringLiteral("state")).toString()));
    setIf("priority", priorityName(rec.value(QStringLiteral("priority")).toString()));
    setIf("assignee", refValue(rec.value(QStringLiteral("assigned_to"))));
    setIf("contact", refValue(rec.value(QStringLiteral("caller_id"))));
    setIf("project", refValue(rec.value(QStringLiteral("assignment_group"))));
    setIf("creator", rec.value(QStringLiteral("sys_created_by")).toString());
    setIf("issue_type", rec.value(QStringLiteral("category")).toString());
    setIf("created_at", snTime(rec.value(QStringLiteral("sys_created_on"))));
    setIf("updated_at", snTime(rec.value(QStringLiteral("sys_updated_on"))));
    setIf("completion_date", snTime(rec.value(QStringLiteral("resolved_at"))));
    t[QStringLiteral("url")] = QString(baseUrl(run) + QStringLiteral("/nav_to.do?uri=") + config(run, QStringLiteral("table"), QStringLiteral("incident")) +
                                       QStringLiteral(".do?sys_id=") + sysId);
    t[QStringLiteral("unmapped")] = ticket::unmapped(rec, {QStringLiteral("sys_id"), QStringLiteral("number"), QStringLiteral("short_description"),
                                                           QStringLiteral("description"), QStringLiteral("state"), QStringLiteral("priority"),
                                                           QStringLiteral("assigned_to"), QStringLiteral("caller_id"), QStringLiteral("assignment_group"),
                                                           QStringLiteral("sys_created_by"), QStringLiteral("category"), QStringLiteral("sys_created_on"),
                                                           QStringLiteral("sys_updated_on"), QStringLiteral("resolved_at")});
    return t;
}

QJsonObject ServiceNowAdapter::toComment(const QJsonObject& j)
{
    return {{QStringLiteral("id"), j.value(QStringLiteral("sys_id"))},
            {QStringLiteral("ticket_id"), j.value(QStringLiteral("element_id"))},
            {QStringLiteral("creator"), j.value(QStringLiteral("sys_created_by"))},
            {QStringLiteral("content"), j.value(QStringLiteral("value"))},
            {QStringLiteral("created_at"), snTime(j.value(QStringLiteral("sys_created_on")))},
            {QStringLiteral("updated_at"), snTime(j.value(QStringLiteral("sys_created_on")))}};
}

Result<QJsonObject> ServiceNowAdapter::toRecord(const QJsonObject& t) const
{
    QJsonObject r;
    if (t.contains(QStringLiteral("summary")))
        r.insert(QStringLiteral("short_description"), t.value(QStringLiteral("summary")));
    if (t.contains(QStringLiteral("description")))
        r.insert(QStringLiteral("description"), t.value(QStringLiteral("description")).toString());
    if (t.contains(QStringLiteral("priority"))) {
        const auto iu = impactUrgency(t.value(QStringLiteral("priority")).toString());
        if (!iu)
            return invalidParam(QStringLiteral("priority"), QStringLiteral("Priority must be one of %1.").arg(ticket::priorities().join(QStringLiteral(", "))));
        r.insert(QStringLiteral("impact"), QString::number(iu->first));
        r.insert(QStringLiteral("urgency"), QString::number(iu->second));
    }
    if (t.contains(QStringLiteral("status"))) {
        const QString code = stateCode(t.value(QStringLiteral("status")).toString());
        if (code.isEmpty())
            return invalidParam(QStringLiteral("status"), QStringLiteral("Status must be one of New, In Progress, On Hold, Resolved, Closed, Canceled."));
        r.insert(QStringLiteral("state"), code);
    }
    if (t.contains(QStringLiteral("assignee")))
        r.insert(QStringLiteral("assigned_to"), t.value(QStringLiteral("assignee")).toString());
    if (t.contains(QStringLiteral("project")))
        r.insert(QStringLiteral("assignment_group"), t.value(QStringLiteral("project")).toString());
    if (t.contains(QStringLiteral("issue_type")))
        r.insert(QStringLiteral("category"), t.value(QStringLiteral("issue_type")).toString());
    return r;
}

void ServiceNowAdapter::latestComment(const RunPtr& run, const QString& sysId) const
{
    api(run, "GET", QStringLiteral("/api/now/table/sys_journal_field"),
        {{QStringLiteral("sysparm_query"), QStringLiteral("element_id=%1^element=comments^ORDERBYDESCsys_created_on").arg(sysId)},
         {QStringLiteral("sysparm_limit"), QStringLiteral("1")}},
        QJsonValue::Undefined, [run](const QJsonValue& v, const HttpResult&) {
            const QJsonArray list = v.toObject().value(QStringLiteral("result")).toArray();
            if (list.isEmpty())
                run->fail(malformed(QStringLiteral("The new comment is not in the journal.")));
            else
                run->succeed(toComment(list.first().toObject()), {}, 201);
        });
}

void ServiceNowAdapter::execute(const RunPtr& run)
{
    const QString op = run->call().operationId;
    const QJsonObject params = run->call().params;
    const QString table = QStringLiteral("/api/now/table/") + enc(config(run, QStringLiteral("table"), QStringLiteral("incident")));
    auto one = [this, run](int status) {
        return [this, run, status](const QJsonValue& v, const HttpResult&) {
            const QJsonValue rec = v.toObject().value(QStringLiteral("result"));
            if (!rec.isObject())
                run->fail(malformed(QStringLiteral("The answer has no \"result\" object.")));
            else
                run->succeed(toTicket(run, rec.toObject()), {}, status);
        };
    };
    if (op == QLatin1String("verify")) {
        api(run, "GET", table, {{QStringLiteral("sysparm_limit"), QStringLiteral("1")}, {QStringLiteral("sysparm_fields"), QStringLiteral("sys_id")}},
            QJsonValue::Undefined, [run](const QJsonValue&, const HttpResult&) {
                run->succeed(QJsonObject{{QStringLiteral("verified"), true}, {QStringLiteral("identity"), QString::fromUtf8(run->call().secrets.value(QStringLiteral("username")))}});
            });
    } else if (op == QLatin1String("ticketing_list_projects")) {
        // Incidents are organised by assignment group: those are the projects.
        const int limit = limitParam(run);
        const int offset = params.value(QStringLiteral("cursor")).toString().toInt();
        api(run, "GET", QStringLiteral("/api/now/table/sys_user_group"),
            {{QStringLiteral("sysparm_fields"), QStringLiteral("sys_id,name,description")}, {QStringLiteral("sysparm_limit"), QString::number(limit)},
             {QStringLiteral("sysparm_offset"), QString::number(offset)}},
            QJsonValue::Undefined, [run, limit, offset](const QJsonValue& v, const HttpResult&) {
                QJsonArray out;
                const QJsonArray list = v.toObject().value(QStringLiteral("result")).toArray();
                for (const QJsonValue& g : list)
                    out.append(QJsonObject{{QStringLiteral("id"), g.toObject().value(QStringLiteral("sys_id"))}, {QStringLiteral("name"), g.toObject().value(QStringLiteral("name"))}});
                run->succeed(out, list.size() == limit ? QString::number(offset + limit) : QString());
            });
    } else if (op == QLatin1String("ticketing_query_tickets")) {
        QString error;
        const QString query = buildQuery(run, &error);
        if (!error.isEmpty()) {
            run->fail(invalidParam(QStringLiteral("filter"), error));
            return;
        }
        const int limit = limitParam(run);
        const int offset = params.value(QStringLiteral("cursor")).toString().toInt();
        api(run, "GET", table,
            {{QStringLiteral("sysparm_query"), query}, {QStringLiteral("sysparm_limit"), QString::number(limit)}, {QStringLiteral("sysparm_offset"), QString::number(offset)}},
            QJsonValue::Undefined, [this, run, limit, offset](const QJsonValue& v, const HttpResult& r) {
                const QJsonValue list = v.toObject().value(QStringLiteral("result"));
                if (!list.isArray()) {
                    run->fail(malformed(QStringLiteral("The answer has no \"result\" array.")));
                    return;
                }
                QJsonArray out;
                for (const QJsonValue& rec : list.toArray())
                    out.append(toTicket(run, rec.toObject()));
                const int total = r.header("X-Total-Count").toInt();
                const bool more = total > 0 ? offset + out.size() < total : out.size() == limit;
                run->succeed(out, more ? QString::number(offset + out.size()) : QString());
            });
    } else if (op == QLatin1String("ticketing_get_ticket")) {
        if (auto id = requireParam(run, QStringLiteral("ticketId")))
            api(run, "GET", table + QLatin1Char('/') + enc(*id), {}, QJsonValue::Undefined, one(200));
    } else if (op == QLatin1String("ticketing_create_ticket") || op == QLatin1String("ticketing_patch_ticket")) {
        const bool creating = op == QLatin1String("ticketing_create_ticket");
        std::optional<QString> id;
        QJsonObject changes;
        if (creating) {
            auto body = requireBody(run);
            if (!body)
                return;
            changes = *body;
        } else {
            id = requireParam(run, QStringLiteral("ticketId"));
            if (!id)
                return;
            auto c = patchChanges(params.value(QStringLiteral("body")));
            if (!c) {
                run->fail(c.problem());
                return;
            }
            changes = *c;
            changes.remove(QStringLiteral("+tags")); // incidents have no tags
        }
        auto record = toRecord(changes);
        if (!record) {
            run->fail(record.problem());
            return;
        }
        const QString group = config(run, QStringLiteral("assignment_group"));
        if (creating && !group.isEmpty() && !record->contains(QStringLiteral("assignment_group")) && !record->contains(QStringLiteral("assigned_to")))
            record->insert(QStringLiteral("assignment_group"), group);
        if (creating)
            api(run, "POST", table, {}, *record, one(201));
        else
            api(run, "PATCH", table + QLatin1Char('/') + enc(*id), {}, *record, one(200));
    } else if (op == QLatin1String("ticketing_list_comments")) {
        auto id = requireParam(run, QStringLiteral("ticketId"));
        if (!id)
            return;
        const int limit = limitParam(run);
        const int offset = params.value(QStringLiteral("cursor")).toString().toInt();
        api(run, "GET", QStringLiteral("/api/now/table/sys_journal_field"),
            {{QStringLiteral("sysparm_query"), QStringLiteral("element_id=%1^element=comments^ORDERBYsys_created_on").arg(*id)},
             {QStringLiteral("sysparm_limit"), QString::number(limit)}, {QStringLiteral("sysparm_offset"), QString::number(offset)}},
            QJsonValue::Undefined, [run, limit, offset](const QJsonValue& v, const HttpResult&) {
                QJsonArray out;
                for (const QJsonValue& j : v.toObject().value(QStringLiteral("result")).toArray())
                    out.append(toComment(j.toObject()));
                run->succeed(out, out.size() == limit ? QString::number(offset + limit) : QString());
            });
    } else if (op == QLatin1String("ticketing_create_comment")) {
        auto id = requireParam(run, QStringLiteral("ticketId"));
        auto body = id ? requireBody(run) : std::nullopt;
        if (!body)
            return;
        const QString content = body->value(QStringLiteral("content")).toString();
        if (content.isEmpty()) {
            run->fail(invalidParam(QStringLiteral("content"), QStringLiteral("content is required.")));
            return;
        }
        // Writing the journal field "comments" appends an entry to sys_journal_field.
        api(run, "PATCH", table + QLatin1Char('/') + enc(*id), {}, QJsonObject{{QStringLiteral("comments"), content}},
            [this, run, sysId = *id](const QJsonValue&, const HttpResult&) { latestComment(run, sysId); });
    } else {
        run->fail(unsupported(run->call()));
    }
}

} // namespace pb
