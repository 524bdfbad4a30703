#include "providers/adapters/JiraAdapter.h"

#include "core/Clock.h"
#include "providers/TicketMapping.h"

#include <QRegularExpression>

namespace pb {

namespace {

QString jiraTime(const QJsonValue& v)
{
    // Jira writes "2024-05-01T10:00:00.000+0000": add the colon RFC 3339 wants.
    QString s = v.toString();
    static const QRegularExpression tz(QStringLiteral("([+-]\\d\\d)(\\d\\d)$"));
    s.replace(tz, QStringLiteral("\\1:\\2"));
    const QDateTime t = parseRfc3339(s);
    return t.isValid() ? toRfc3339(t) : QString();
}

QString toPriority(const QString& jira)
{
    const QString p = jira.toLower();
    if (p == QLatin1String("highest") || p == QLatin1String("blocker")) return QStringLiteral("CRITICAL");
    if (p == QLatin1String("high") || p == QLatin1String("critical")) return QStringLiteral("HIGH");
    if (p == QLatin1String("medium") || p == QLatin1String("major")) return QStringLiteral("MEDIUM");
    if (p == QLatin1String("low") || p == QLatin1String("minor")) return QStringLiteral("LOW");
    if (p == QLatin1String("lowest") || p == QLatin1String("trivial")) return QStringLiteral("PLANNING");
    return jira.isEmpty() ? QString() : jira.toUpper();
}

QString fromPriority(const QString& unified)
{
    const QString p = unified.toUpper();
    if (p == QLatin1String("URGENT") || p == QLatin1String("CRITICAL")) return QStringLiteral("Highest");
    if (p == QLatin1String("HIGH")) return QStringLiteral("High");
    if (p == QLatin1String("MEDIUM") || p == QLatin1String("MODERATE")) return QStringLiteral("Medium");
    if (p == QLatin1String("LOW")) return QStringLiteral("Low");
    if (p == QLatin1String("PLANNING")) return QStringLiteral("Lowest");
    return {};
}

QString person(const QJsonValue& v)
{
    const QJsonObject o = v.toObject();
    if (o.isEmpty())
        return {};
    const QString mail = o.value(QStringLiteral("emailAddress")).toString();
    return mail.isEmpty() ? o.value(QStringLiteral("accountId")).toString() : mail;
}

QString quoted(const QString& s)
{
    QString e = s;
    e.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QLatin1Char('"') + e + QLatin1Char('"');
}

} // namespace

QStringList JiraAdapter::operations() const
{
    return {QStringLiteral("verify"), QStringLiteral("ticketing_list_projects"), QStringLiteral("ticketing_query_tickets"),
            QStringLiteral("ticketing_get_ticket"), QStringLiteral("ticketing_create_ticket"),
            QStringLiteral("ticketing_patch_ticket"), QStringLiteral("ticketing_list_comments"),
            QStringLiteral("ticketing_create_comment"), QStringLiteral("ticketing_delete_comment")};
}

Status JiraAdapter::applyAuth(HttpRequest& req, const OperationCall& call) const
{
    if (call.credentialType == QLatin1String("basic")) {
        const QByteArray pair = call.secrets.value(QStringLiteral("username")) + ':' + call.secrets.value(QStringLiteral("secret"));
        req.headers.append({QByteArrayLiteral("Authorization"), "Basic " + pair.toBase64()});
        return {};
    }
    if (call.credentialType == QLatin1String("token")) {
        req.headers.append({QByteArrayLiteral("Authorization"), "Bearer " + call.secrets.value(QStringLiteral("secret"))});
        return {};
    }
    return requireCredential(call, {"basic", "token"});
}

QString JiraAdapter::providerMessage(const HttpResult& result) const
{
    const QJsonObject o = QJsonDocument::fromJson(result.body).object();
    QStringList parts;
    for (const QJsonValue& m : o.value(QStringLiteral("errorMessages")).toArray())
        parts << m.toString();
    const QJsonObject errors = o.value(QStringLiteral("errors")).toObject();
    for (auto it = errors.begin(); it != errors.end(); ++it)
        parts << it.key() + QStringLiteral(": ") + it.value().toString();
    return parts.isEmpty() ? ProviderAdapter::providerMessage(result) : parts.join(QStringLiteral("; "));
}

QJsonObject JiraAdapter::toAdf(const QString& text)
{
    QJsonArray paragraphs;
    for (const QString& line : text.split(QLatin1Char('\n'))) {
        QJsonObject para{{QStringLiteral("type"), QStringLiteral("paragraph")}};
        if (!line.isEmpty())
            para.insert(QStringLiteral("content"),
                        QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), line}}});
        paragraphs.append(para);
    }
    return {{QStringLiteral("type"), QStringLiteral("doc")}, {QStringLiteral("version"), 1}, {QStringLiteral("content"), paragraphs}};
}

QString JiraAdapter::fromAdf(const QJsonValue& adf)
{
    if (adf.isString())
        return adf.toString();
    const QJsonObject node = adf.toObject();
    if (node.value(QStringLiteral("type")).toString() == QLatin1String("text"))
        return node.value(QStringLiteral("text")).toString();
    QStringList parts;
    for (const QJsonValue& child : node.value(QStringLiteral("content")).toArray())
        parts << fromAdf(child);
    const QString type = node.value(QStringLiteral("type")).toString();
    return parts.join(type == QLatin1String("doc") ? QStringLiteral("\n") : QString());
}

QString JiraAdapter::buildJql(const RunPtr& run, QString* error)
{
    static const QHash<QString, QString> fields{
        {QStringLiteral("status"), QStringLiteral("status")},       {QStringLiteral("priority"), QStringLiteral("priority")},
        {QStringLiteral("assignee"), QStringLiteral("assignee")},   {QStringLiteral("creator"), QStringLiteral("creator")},
        {QStringLiteral("project"), QStringLiteral("project")},     {QStringLiteral("summary"), QStringLiteral("summary")},
        {QStringLiteral("issue_type"), QStringLiteral("issuetype")}, {QStringLiteral("tags"), QStringLiteral("labels")},
        {QStringLiteral("created_at"), QStringLiteral("created")},  {QStringLiteral("updated_at"), QStringLiteral("updated")},
        {QStringLiteral("id"), QStringLiteral("key")}};
    static const QHash<QString, QString> ops{{QStringLiteral("eq"), QStringLiteral("=")},  {QStringLiteral("neq"), QStringLiteral("!=")},
                                             {QStringLiteral("gt"), QStringLiteral(">")},  {QStringLiteral("lt"), QStringLiteral("<")},
                                             {QStringLiteral("gte"), QStringLiteral(">=")}, {QStringLiteral("lte"), QStringLiteral("<=")},
                                             {QStringLiteral("like"), QStringLiteral("~")}, {QStringLiteral("not like"), QStringLiteral("!~")},
                                             {QStringLiteral("in"), QStringLiteral("in")}, {QStringLiteral("not in"), QStringLiteral("not in")}};
    QStringList clauses;
    const QString project = run->call().config.value(QStringLiteral("project")).toString();
    bool projectFiltered = false;
    for (const FilterTerm& f : filters(run)) {
        if (f.field.isEmpty()) {
            clauses << QStringLiteral("text ~ ") + quoted(f.value);
            continue;
        }
        if (!fields.contains(f.field) || !ops.contains(f.op)) {
            *error = QStringLiteral("Filter \"%1[%2]\" is not supported for Jira.").arg(f.field, f.op);
            return {};
        }
        projectFiltered |= f.field == QLatin1String("project");
        QString value = f.value;
        if (f.field == QLatin1String("priority"))
            value = fromPriority(value).isEmpty() ? value : fromPriority(value);
        if (f.op.endsWith(QLatin1String("in"))) {
            QStringList items;
            for (const QString& v : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
                items << quoted(v.trimmed());
            clauses << fields[f.field] + QLatin1Char(' ') + ops[f.op] + QStringLiteral(" (") + items.join(QStringLiteral(", ")) + QLatin1Char(')');
        } else {
            value.remove(QLatin1Char('%'));
            clauses << fields[f.field] + QLatin1Char(' ') + ops[f.op] + QLatin1Char(' ') + quoted(value);
        }
    }
    if (!project.isEmpty() && !projectFiltered)
        clauses.prepend(QStringLiteral("project = ") + quoted(project));
    QString jql = clauses.join(QStringLiteral(" AND "));
    // order: "created_at[desc]" (repeatable) → ORDER BY created DESC
    QStringList order;
    const QJsonValue ov = run->call().params.value(QStringLiteral("order"));
    QStringList orders = ov.isString() ? QStringList{ov.toString()} : QStringList();
    for (const QJsonValue& o : ov.toArray())
        orders << o.toString();
    static const QRegularExpression re(QStringLiteral("^([a-z_]+)(?:\\[(asc|desc)\\])?$"));
    for (const QString& o : orders) {
        const auto m = re.match(o);
        if (!m.hasMatch() || !fields.contains(m.captured(1))) {
            *error = QStringLiteral("Order \"%1\" is not supported for Jira.").arg(o);
            return {};
        }
        order << fields[m.captured(1)] + (m.captured(2) == QLatin1String("asc") ? QStringLiteral(" ASC") : QStringLiteral(" DESC"));
    }
    if (order.isEmpty())
        order << QStringLiteral("created DESC");
    return (jql.isEmpty() ? QString() : jql + QLatin1Char(' ')) + QStringLiteral("ORDER BY ") + order.join(QStringLiteral(", "));
}

QJsonObject JiraAdapter::toTicket(const RunPtr& run, const QJsonObject& issue) const
{
    const QJsonObject f = issue.value(QStringLiteral("fields")).toObject();
    QJsonObject t = ticket::skeleton();
    const QString key = issue.value(QStringLiteral("key")).toString();
    t[QStringLiteral("id")] = key;
    t[QStringLiteral("name")] = key;
    t[QStringLiteral("summary")] = f.value(QStringLiteral("summary"));
    t[QStringLiteral("description")] = f.value(QStringLiteral("description")).isNull() ? QJsonValue::Null
                                                                                          : QJsonValue(fromAdf(f.value(QStringLiteral("description"))));
    auto setIf = [&t](const char* k, const QString& v) { if (!v.isEmpty()) t[QLatin1String(k)] = v; };
    setIf("creator", person(f.value(QStringLiteral("creator"))));
    setIf("assignee", person(f.value(QStringLiteral("assignee"))));
    setIf("contact", person(f.value(QStringLiteral("reporter"))));
    setIf("priority", toPriority(f.value(QStringLiteral("priority")).toObject().value(QStringLiteral("name")).toString()));
    setIf("status", f.value(QStringLiteral("status")).toObject().value(QStringLiteral("name")).toString());
    setIf("project", f.value(QStringLiteral("project")).toObject().value(QStringLiteral("key")).toString());
    setIf("issue_type", f.value(QStringLiteral("issuetype")).toObject().value(QStringLiteral("name")).toString());
    setIf("parent", f.value(QStringLiteral("parent")).toObject().value(QStringLiteral("key")).toString());
    setIf("due_date", f.value(QStringLiteral("duedate")).toString());
    setIf("created_at", jiraTime(f.value(QStringLiteral("created"))));
    setIf("updated_at", jiraTime(f.value(QStringLiteral("updated"))));
    setIf("completion_date", jiraTime(f.value(QStringLiteral("resolutiondate"))));
    t[QStringLiteral("tags")] = f.value(QStringLiteral("labels")).toArray();
    QString base = config(run, QStringLiteral("url"));
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    t[QStringLiteral("url")] = QString(base + QStringLiteral("/browse/") + key);
    QJsonObject extra = ticket::unmapped(f, {QStringLiteral("summary"), QStringLiteral("description"), QStringLiteral("creator"),
                                             QStringLiteral("assignee"), QStringLiteral("reporter"), QStringLiteral("priority"),
                                             QStringLiteral("status"), QStringLiteral("project"), QStringLiteral("issuetype"),
                                             QStringLiteral("parent"), QStringLiteral("duedate"), QStringLiteral("created"),
                                             QStringLiteral("updated"), QStringLiteral("resolutiondate"), QStringLiteral("labels")});
    extra.insert(QStringLiteral("jira_id"), issue.value(QStringLiteral("id")));
    t[QStringLiteral("unmapped")] = extra;
    return t;
}

QJsonObject JiraAdapter::toComment(const QString& ticketId, const QJsonObject& c) const
{
    return {{QStringLiteral("id"), c.value(QStringLiteral("id")).toString()},
            {QStringLiteral("ticket_id"), ticketId},
            {QStringLiteral("creator"), person(c.value(QStringLiteral("author")))},
            {QStringLiteral("content"), fromAdf(c.value(QStringLiteral("body")))},
            {QStringLiteral("created_at"), jiraTime(c.value(QStringLiteral("created")))},
            {QStringLiteral("updated_at"), jiraTime(c.value(QStringLiteral("updated")))}};
}

Result<QJsonObject> JiraAdapter::toFields(const RunPtr& run, const QJsonObject& t, bool creating) const
{
    QJsonObject f;
    if (creating) {
        QString project = t.value(QStringLiteral("project")).toString();
        if (project.isEmpty())
            project = config(run, QStringLiteral("project"));
        if (project.isEmpty())
            return invalidParam(QStringLiteral("project"), QStringLiteral("A project key is required (in the ticket or the Integration's config)."));
        f.insert(QStringLiteral("project"), QJsonObject{{QStringLiteral("key"), project}});
        f.insert(QStringLiteral("issuetype"), QJsonObject{{QStringLiteral("name"), t.value(QStringLiteral("issue_type")).toString(config(run, QStringLiteral("issue_type"), QStringLiteral("Task")))}});
    } else if (t.contains(QStringLiteral("issue_type"))) {
        f.insert(QStringLiteral("issuetype"), QJsonObject{{QStringLiteral("name"), t.value(QStringLiteral("issue_type"))}});
    }
    if (t.contains(QStringLiteral("summary")))
        f.insert(QStringLiteral("summary"), t.value(QStringLiteral("summary")));
    if (t.contains(QStringLiteral("description")))
        f.insert(QStringLiteral("description"), t.value(QStringLiteral("description")).isNull() ? QJsonValue::Null
                                                                                                 : QJsonValue(toAdf(t.value(QStringLiteral("description")).toString())));
    if (t.contains(QStringLiteral("priority"))) {
        const QString p = fromPriority(t.value(QStringLiteral("priority")).toString());
        if (p.isEmpty())
            return invalidParam(QStringLiteral("priority"), QStringLiteral("Priority must be one of %1.").arg(ticket::priorities().join(QStringLiteral(", "))));
        f.insert(QStringLiteral("priority"), QJsonObject{{QStringLiteral("name"), p}});
    }
    if (t.contains(QStringLiteral("assignee")))
        f.insert(QStringLiteral("assignee"), t.value(QStringLiteral("assignee")).isNull() ? QJsonValue::Null
                                                                                          : QJsonValue(QJsonObject{{QStringLiteral("accountId"), t.value(QStringLiteral("assignee"))}}));
    if (t.contains(QStringLiteral("tags")))
        f.insert(QStringLiteral("labels"), t.value(QStringLiteral("tags")).toArray());
    if (t.contains(QStringLiteral("due_date")))
        f.insert(QStringLiteral("duedate"), t.value(QStringLiteral("due_date")));
    if (creating && f.value(QStringLiteral("summary")).toString().isEmpty())
        return invalidParam(QStringLiteral("summary"), QStringLiteral("summary is required."));
    return f;
}

void JiraAdapter::getTicket(const RunPtr& run, const QString& key, int status) const
{
    api(run, "GET", QStringLiteral("/rest/api/3/issue/") + QString::fromUtf8(QUrl::toPercentEncoding(key)), {}, QJsonValue::Undefined,
            [this, run, status](const QJsonValue& v, const HttpResult&) { run->succeed(toTicket(run, v.toObject()), {}, status); });
}

void JiraAdapter::transition(const RunPtr& run, const QString& key, const QString& status) const
{
    const QString path = QStringLiteral("/rest/api/3/issue/") + QString::fromUtf8(QUrl::toPercentEncoding(key)) + QStringLiteral("/transitions");
    api(run, "GET", path, {}, QJsonValue::Undefined, [this, run, key, status, path](const QJsonValue& v, const HttpResult&) {
        QString id;
        QStringList names;
        for (const QJsonValue& tv : v.toObject().value(QStringLiteral("transitions")).toArray()) {
            const QJsonObject t = tv.toObject();
            const QString to = t.value(QStringLiteral("to")).toObject().value(QStringLiteral("name")).toString();
            names << to;
            if (to.compare(status, Qt::CaseInsensitive) == 0 || t.value(QStringLiteral("name")).toString().compare(status, Qt::CaseInsensitive) == 0)
                id = t.value(QStringLiteral("id")).toString();
        }
        if (id.isEmpty()) {
            run->fail(invalidParam(QStringLiteral("status"), QStringLiteral("No transition of %1 leads to \"%2\"; reachable: %3.")
                                                                 .arg(key, status, names.join(QStringLiteral(", ")))));
            return;
        }
        api(run, "POST", path, {}, QJsonObject{{QStringLiteral("transition"), QJsonObject{{QStringLiteral("id"), id}}}},
                [this, run, key](const QJsonValue&, const HttpResult&) { getTicket(run, key, 200); });
    });
}

void JiraAdapter::execute(const RunPtr& run)
{
    const QString op = run->call().operationId;
    const QJsonObject params = run->call().params;
    if (op == QLatin1String("verify")) {
        api(run, "GET", QStringLiteral("/rest/api/3/myself"), {}, QJsonValue::Undefined, [run](const QJsonValue& v, const HttpResult&) {
            const QJsonObject me = v.toObject();
            run->succeed(QJsonObject{{QStringLiteral("verified"), true},
                                     {QStringLiteral("identity"), me.value(QStringLiteral("emailAddress")).toString(me.value(QStringLiteral("accountId")).toString())},
                                     {QStringLiteral("display_name"), me.value(QStringLiteral("displayName"))}});
        });
    } else if (op == QLatin1String("ticketing_list_projects")) {
        const int limit = limitParam(run);
        const int start = params.value(QStringLiteral("cursor")).toString().toInt();
        api(run, "GET", QStringLiteral("/rest/api/3/project/search"),
                {{QStringLiteral("startAt"), QString::number(start)}, {QStringLiteral("maxResults"), QString::number(limit)}},
                QJsonValue::Undefined, [run, start](const QJsonValue& v, const HttpResult&) {
                    const QJsonObject page = v.toObject();
                    QJsonArray out;
                    const QJsonArray values = page.value(QStringLiteral("values")).toArray();
                    for (const QJsonValue& pv : values) {
                        const QJsonObject p = pv.toObject();
                        out.append(QJsonObject{{QStringLiteral("id"), p.value(QStringLiteral("key"))},
                                               {QStringLiteral("name"), p.value(QStringLiteral("name"))},
                                               {QStringLiteral("unmapped"), ticket::unmapped(p, {QStringLiteral("key"), QStringLiteral("name")})}});
                    }
                    const bool last = page.value(QStringLiteral("isLast")).toBool(true);
                    run->succeed(out, last ? QString() : QString::number(start + int(values.size())));
                });
    } else if (op == QLatin1String("ticketing_query_tickets")) {
        QString error;
        const QString jql = buildJql(run, &error);
        if (!error.isEmpty()) {
            run->fail(invalidParam(QStringLiteral("filter"), error));
            return;
        }
        QList<QPair<QString, QString>> q{{QStringLiteral("jql"), jql},
                                         {QStringLiteral("maxResults"), QString::number(limitParam(run))},
                                         {QStringLiteral("fields"), QStringLiteral("*navigable")}};
        const QString cursor = params.value(QStringLiteral("cursor")).toString();
        if (!cursor.isEmpty())
            q.append({QStringLiteral("nextPageToken"), cursor});
        api(run, "GET", QStringLiteral("/rest/api/3/search/jql"), q, QJsonValue::Undefined, [this, run](const QJsonValue& v, const HttpResult&) {
            const QJsonObject page = v.toObject();
            if (!page.value(QStringLiteral("issues")).isArray()) {
                run->fail(malformed(QStringLiteral("The search answer has no \"issues\" array.")));
                return;
            }
            QJsonArray out;
            for (const QJsonValue& iv : page.value(QStringLiteral("issues")).toArray())
                out.append(toTicket(run, iv.toObject()));
            run->succeed(out, page.value(QStringLiteral("nextPageToken")).toString());
        });
    } else if (op == QLatin1String("ticketing_get_ticket")) {
        if (auto id = requireParam(run, QStringLiteral("ticketId")))
            getTicket(run, *id, 200);
    } else if (op == QLatin1String("ticketing_create_ticket")) {
        auto body = requireBody(run);
        if (!body)
            return;
        auto fields = toFields(run, *body, true);
        if (!fields) {
            run->fail(fields.problem());
            return;
        }
        api(run, "POST", QStringLiteral("/rest/api/3/issue"), {}, QJsonObject{{QStringLiteral("fields"), *fields}},
                [this, run](const QJsonValue& v, const HttpResult&) { getTicket(run, v.toObject().value(QStringLiteral("key")).toString(), 201); });
    } else if (op == QLatin1String("ticketing_patch_ticket")) {
        auto id = requireParam(run, QStringLiteral("ticketId"));
        if (!id)
            return;
        auto changes = patchChanges(params.value(QStringLiteral("body")));
        if (!changes) {
            run->fail(changes.problem());
            return;
        }
        const QString status = changes->take(QStringLiteral("status")).toString();
        const QJsonArray addTags = changes->take(QStringLiteral("+tags")).toArray();
        auto fields = toFields(run, *changes, false);
        if (!fields) {
            run->fail(fields.problem());
            return;
        }
        QJsonObject update;
        if (!addTags.isEmpty()) {
            QJsonArray adds;
            for (const QJsonValue& tag : addTags)
                adds.append(QJsonObject{{QStringLiteral("add"), tag}});
            update.insert(QStringLiteral("labels"), adds);
        }
        const QString key = *id;
        auto afterEdit = [this, run, key, status] {
            if (status.isEmpty())
                getTicket(run, key, 200);
            else
                transition(run, key, status);
        };
        if (fields->isEmpty() && update.isEmpty()) {
            afterEdit();
            return;
        }
        QJsonObject edit{{QStringLiteral("fields"), *fields}};
        if (!update.isEmpty())
            edit.insert(QStringLiteral("update"), update);
        api(run, "PUT", QStringLiteral("/rest/api/3/issue/") + QString::fromUtf8(QUrl::toPercentEncoding(key)), {}, edit,
                [afterEdit](const QJsonValue&, const HttpResult&) { afterEdit(); });
    } else if (op == QLatin1String("ticketing_list_comments")) {
        auto id = requireParam(run, QStringLiteral("ticketId"));
        if (!id)
            return;
        const int start = params.value(QStringLiteral("cursor")).toString().toInt();
        api(run, "GET", QStringLiteral("/rest/api/3/issue/%1/comment").arg(QString::fromUtf8(QUrl::toPercentEncoding(*id))),
                {{QStringLiteral("startAt"), QString::number(start)}, {QStringLiteral("maxResults"), QString::number(limitParam(run))}},
                QJsonValue::Undefined, [this, run, key = *id, start](const QJsonValue& v, const HttpResult&) {
                    const QJsonObject page = v.toObject();
                    QJsonArray out;
                    for (const QJsonValue& c : page.value(QStringLiteral("comments")).toArray())
                        out.append(toComment(key, c.toObject()));
                    const int next = start + int(out.size());
                    run->succeed(out, next < page.value(QStringLiteral("total")).toInt() ? QString::number(next) : QString());
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
        api(run, "POST", QStringLiteral("/rest/api/3/issue/%1/comment").arg(QString::fromUtf8(QUrl::toPercentEncoding(*id))), {},
                QJsonObject{{QStringLiteral("body"), toAdf(content)}},
                [this, run, key = *id](const QJsonValue& v, const HttpResult&) { run->succeed(toComment(key, v.toObject()), {}, 201); });
    } else if (op == QLatin1String("ticketing_delete_comment")) {
        auto id = requireParam(run, QStringLiteral("ticketId"));
        auto cid = id ? requireParam(run, QStringLiteral("commentId")) : std::nullopt;
        if (!cid)
            return;
        api(run, "DELETE", QStringLiteral("/rest/api/3/issue/%1/comment/%2").arg(QString::fromUtf8(QUrl::toPercentEncoding(*id)),
                                                                                      QString::fromUtf8(QUrl::toPercentEncoding(*cid))),
                {}, QJsonValue::Undefined, [run](const QJsonValue&, const HttpResult&) { run->succeed(QJsonValue(), {}, 204); });
    } else {
        run->fail(unsupported(run->call()));
    }
}

} // namespace pb
