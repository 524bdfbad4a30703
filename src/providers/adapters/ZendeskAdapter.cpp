#include "providers/adapters/ZendeskAdapter.h"

#include "core/Clock.h"
#include "providers/TicketMapping.h"

namespace pb {

namespace {

QString toPriority(const QString& z)
{
    if (z == QLatin1String("urgent")) return QStringLiteral("URGENT");
    if (z == QLatin1String("high")) return QStringLiteral("HIGH");
    if (z == QLatin1String("normal")) return QStringLiteral("MEDIUM");
    if (z == QLatin1String("low")) return QStringLiteral("LOW");
    return {};
}

QString fromPriority(const QString& u)
{
    const QString p = u.toUpper();
    if (p == QLatin1String("URGENT") || p == QLatin1String("CRITICAL")) return QStringLiteral("urgent");
    if (p == QLatin1String("HIGH")) return QStringLiteral("high");
    if (p == QLatin1String("MEDIUM") || p == QLatin1String("MODERATE")) return QStringLiteral("normal");
    if (p == QLatin1String("LOW") || p == QLatin1String("PLANNING")) return QStringLiteral("low");
    return {};
}

QString idText(const QJsonValue& v)
{
    return v.isDouble() ? QString::number(v.toInteger()) : v.toString();
}

QString zTime(const QJsonValue& v)
{
    const QDateTime t = parseRfc3339(v.toString());
    return t.isValid() ? toRfc3339(t) : QString();
}

} // namespace

QStringList ZendeskAdapter::operations() const
{
    // Zendesk has no projects, and cannot delete a ticket comment (only redact its text).
    return {QStringLiteral("verify"), QStringLiteral("ticketing_query_tickets"),
            QStringLiteral("ticketing_get_ticket"), QStringLiteral("ticketing_create_ticket"),
            QStringLiteral("ticketing_patch_ticket"), QStringLiteral("ticketing_list_comments"),
            QStringLiteral("ticketing_create_comment")};
}

Status ZendeskAdapter::applyAuth(HttpRequest& req, const OperationCall& call) const
{
    if (call.credentialType == QLatin1String("basic")) {
        QByteArray user = call.secrets.value(QStringLiteral("username"));
        if (!user.endsWith("/token"))
            user += "/token"; // API tokens authenticate as "{email}/token"
        const QByteArray pair = user + ':' + call.secrets.value(QStringLiteral("secret"));
        req.headers.append({QByteArrayLiteral("Authorization"), "Basic " + pair.toBase64()});
        return {};
    }
    if (call.credentialType == QLatin1String("token")) {
        req.headers.append({QByteArrayLiteral("Authorization"), "Bearer " + call.secrets.value(QStringLiteral("secret"))});
        return {};
    }
    return requireCredential(call, {"basic", "token"});
}

QString ZendeskAdapter::providerMessage(const HttpResult& result) const
{
    const QJsonObject o = QJsonDocument::fromJson(result.body).object();
    QStringList parts;
    const QJsonValue error = o.value(QStringLiteral("error"));
    if (error.isString())
        parts << error.toString();
    else if (error.isObject())
        parts << error.toObject().value(QStringLiteral("title")).toString() << error.toObject().value(QStringLiteral("message")).toString();
    if (o.value(QStringLiteral("description")).isString())
        parts << o.value(QStringLiteral("description")).toString();
    const QJsonObject details = o.value(QStringLiteral("details")).toObject();
    for (auto it = details.begin(); it != details.end(); ++it)
        for (const QJsonValue& d : it.value().toArray())
            parts << it.key() + QStringLiteral(": ") + d.toObject().value(QStringLiteral("description")).toString();
    parts.removeAll(QString());
    return parts.isEmpty() ? ProviderAdapter::providerMessage(result) : parts.join(QStringLiteral("; "));
}

QString ZendeskAdapter::buildSearch(const RunPtr& run, QString* error)
{
    static const QHash<QString, QString> keys{{QStringLiteral("status"), QStringLiteral("status")},   {QStringLiteral("priority"), QStringLiteral("priority")},
                                              {QStringLiteral("assignee"), QStringLiteral("assignee")}, {QStringLiteral("creator"), QStringLiteral("requester")},
                                              {QStringLiteral("tags"), QStringLiteral("tags")},       {QStringLiteral("summary"), QStringLiteral("subject")},
                                              {QStringLiteral("issue_type"), QStringLiteral("ticket_type")}, {QStringLiteral("project"), QStringLiteral("group")},
                                              {QStringLiteral("created_at"), QStringLiteral("created")}, {QStringLiteral("updated_at"), QStringLiteral("updated")}};
    static const QHash<QString, QString> ops{{QStringLiteral("eq"), QStringLiteral(":")}, {QStringLiteral("like"), QStringLiteral(":")},
                                             {QStringLiteral("gt"), QStringLiteral(">")}, {QStringLiteral("lt"), QStringLiteral("<")},
                                             {QStringLiteral("gte"), QStringLiteral(">=")}, {QStringLiteral("lte"), QStringLiteral("<=")},
                                             {QStringLiteral("neq"), QStringLiteral(":")}};
    QStringList terms;
    for (const FilterTerm& f : filters(run)) {
        if (f.field.isEmpty()) {
            terms << QLatin1Char('"') + f.value + QLatin1Char('"');
            continue;
        }
        if (!keys.contains(f.field) || !ops.contains(f.op)) {
            *error = QStringLiteral("Filter \"%1[%2]\" is not supported for Zendesk.").arg(f.field, f.op);
            return {};
        }
        QString value = f.value;
        value.remove(QLatin1Char('%'));
        if (f.field == QLatin1String("priority") && !fromPriority(value).isEmpty())
            value = fromPriority(value);
        if (value.contains(QLatin1Char(' ')))
            value = QLatin1Char('"') + value + QLatin1Char('"');
        terms << (f.op == QLatin1String("neq") ? QStringLiteral("-") : QString()) + keys[f.field] + ops[f.op] + value;
    }
    return terms.join(QLatin1Char(' '));
}

QJsonObject ZendeskAdapter::toTicket(const RunPtr& run, const QJsonObject& z) const
{
    QJsonObject t = ticket::skeleton();
    const QString id = idText(z.value(QStringLiteral("id")));
    auto setIf = [&t](const char* k, const QString& v) { if (!v.isEmpty()) t[QLatin1String(k)] = v; };
    t[QStringLiteral("id")] = id;
    t[QStringLiteral("name")] = QString(QLatin1Char('#') + id);
    setIf("summary", z.value(QStringLiteral("subject")).toString());
    setIf("description", z.value(QStringLiteral("description")).toString());
    setIf("status", z.value(QStringLiteral("status")).toString());
    setIf("priority", toPriority(z.value(QStringLiteral("priority")).toString()));
    setIf("assignee", idText(z.value(QStringLiteral("assignee_id"))));
    setIf("creator", idText(z.value(QStringLiteral("submitter_id"))));
    setIf("contact", idText(z.value(QStringLiteral("requester_id"))));
    setIf("project", idText(z.value(QStringLiteral("group_id"))));
    setIf("issue_type", z.value(QStringLiteral("type")).toString());
    setIf("due_date", z.value(QStringLiteral("due_at")).toString());
    setIf("created_at", zTime(z.value(QStringLiteral("created_at"))));
    setIf("updated_at", zTime(z.value(QStringLiteral("updated_at"))));
    t[QStringLiteral("tags")] = z.value(QStringLiteral("tags")).toArray();
    t[QStringLiteral("url")] = QString(baseUrl(run) + QStringLiteral("/agent/tickets/") + id);
    t[QStringLiteral("unmapped")] = ticket::unmapped(z, {QStringLiteral("id"), QStringLiteral("subject"), QStringLiteral("description"), QStringLiteral("status"),
                                                         QStringLiteral("priority"), QStringLiteral("assignee_id"), QStringLiteral("submitter_id"),
                                                         QStringLiteral("requester_id"), QStringLiteral("group_id"), QStringLiteral("type"), QStringLiteral("due_at"),
                                                         QStringLiteral("created_at"), QStringLiteral("updated_at"), QStringLiteral("tags"), QStringLiteral("url")});
    return t;
}

QJsonObject ZendeskAdapter::toComment(const QString& ticketId, const QJsonObject& c)
{
    return {{QStringLiteral("id"), idText(c.value(QStringLiteral("id")))},
            {QStringLiteral("ticket_id"), ticketId},
            {QStringLiteral("creator"), idText(c.value(QStringLiteral("author_id")))},
            {QStringLiteral("content"), c.value(QStringLiteral("body"))},
            {QStringLiteral("created_at"), zTime(c.value(QStringLiteral("created_at")))},
            {QStringLiteral("updated_at"), zTime(c.value(QStringLiteral("created_at")))}};
}

Result<QJsonObject> ZendeskAdapter::toZendesk(const QJsonObject& t, bool creating) const
{
    QJsonObject z;
    if (t.contains(QStringLiteral("summary")))
        z.insert(QStringLiteral("subject"), t.value(QStringLiteral("summary")));
    if (t.contains(QStringLiteral("description")))
        z.insert(creating ? QStringLiteral("comment") : QStringLiteral("description"),
                 creating ? QJsonValue(QJsonObject{{QStringLiteral("body"), t.value(QStringLiteral("description"))}}) : t.value(QStringLiteral("description")));
    if (t.contains(QStringLiteral("priority"))) {
        const QString p = fromPriority(t.value(QStringLiteral("priority")).toString());
        if (p.isEmpty())
            return invalidParam(QStringLiteral("priority"), QStringLiteral("Priority must be one of %1.").arg(ticket::priorities().join(QStringLiteral(", "))));
        z.insert(QStringLiteral("priority"), p);
    }
    if (t.contains(QStringLiteral("status")))
        z.insert(QStringLiteral("status"), t.value(QStringLiteral("status")).toString().toLower());
    if (t.contains(QStringLiteral("tags")))
        z.insert(QStringLiteral("tags"), t.value(QStringLiteral("tags")));
    if (t.contains(QStringLiteral("+tags")))
        z.insert(QStringLiteral("additional_tags"), t.value(QStringLiteral("+tags")));
    if (t.contains(QStringLiteral("issue_type")))
        z.insert(QStringLiteral("type"), t.value(QStringLiteral("issue_type")).toString().toLower());
    if (t.contains(QStringLiteral("assignee")))
        z.insert(QStringLiteral("assignee_id"), t.value(QStringLiteral("assignee")).isNull() ? QJsonValue::Null
                                                                                             : QJsonValue(t.value(QStringLiteral("assignee")).toString().toLongLong()));
    if (t.contains(QStringLiteral("project")))
        z.insert(QStringLiteral("group_id"), t.value(QStringLiteral("project")).toString().toLongLong());
    return z;
}

void ZendeskAdapter::execute(const RunPtr& run)
{
    const QString op = run->call().operationId;
    const QJsonObject params = run->call().params;
    const QString cursor = params.value(QStringLiteral("cursor")).toString();
    auto page = [&](int limit) {
        QList<QPair<QString, QString>> q{{QStringLiteral("page[size]"), QString::number(limit)}};
        if (!cursor.isEmpty())
            q.append({QStringLiteral("page[after]"), cursor});
        return q;
    };
    auto nextCursor = [](const QJsonObject& o) {
        const QJsonObject meta = o.value(QStringLiteral("meta")).toObject();
        return meta.value(QStringLiteral("has_more")).toBool() ? meta.value(QStringLiteral("after_cursor")).toString() : QString();
    };
    auto one = [this, run](int status) {
        return [this, run, status](const QJsonValue& v, const HttpResult&) {
            const QJsonValue t = v.toObject().value(QStringLiteral("ticket"));
            if (!t.isObject())
                run->fail(malformed(QStringLiteral("The answer has no \"ticket\" object.")));
            else
                run->succeed(toTicket(run, t.toObject()), {}, status);
        };
    };
    if (op == QLatin1String("verify")) {
        api(run, "GET", QStringLiteral("/api/v2/users/me"), {}, QJsonValue::Undefined, [run](const QJsonValue& v, const HttpResult&) {
            const QJsonObject user = v.toObject().value(QStringLiteral("user")).toObject();
            // An unauthenticated /users/me answers the anonymous user (id null) with 200.
            if (user.value(QStringLiteral("id")).isNull() || user.isEmpty()) {
                run->fail(Problem(401, QStringLiteral("authentication_failed"), QStringLiteral("Authentication with the provider failed"),
                                  QStringLiteral("Zendesk treated the request as anonymous."),
                                  QStringLiteral("Check the e-mail address and API token of the credential.")));
                return;
            }
            run->succeed(QJsonObject{{QStringLiteral("verified"), true}, {QStringLiteral("identity"), user.value(QStringLiteral("email"))},
                                     {QStringLiteral("display_name"), user.value(QStringLiteral("name"))}});
        });
    } else if (op == QLatin1String("ticketing_query_tickets")) {
        QString error;
        const QString search = buildSearch(run, &error);
        if (!error.isEmpty()) {
            run->fail(invalidParam(QStringLiteral("filter"), error));
            return;
        }
        QList<QPair<QString, QString>> q = page(limitParam(run));
        const bool searching = !search.isEmpty();
        if (searching)
            q << QPair<QString, QString>{QStringLiteral("query"), search} << QPair<QString, QString>{QStringLiteral("filter[type]"), QStringLiteral("ticket")};
        const QString order = params.value(QStringLiteral("order")).toString();
        if (!searching)
            q.append({QStringLiteral("sort"), order.startsWith(QLatin1String("updated_at")) ? QStringLiteral("-updated_at") : QStringLiteral("-id")});
        api(run, "GET", searching ? QStringLiteral("/api/v2/search/export") : QStringLiteral("/api/v2/tickets"), q, QJsonValue::Undefined,
            [this, run, searching, nextCursor](const QJsonValue& v, const HttpResult&) {
                const QJsonValue list = v.toObject().value(searching ? QStringLiteral("results") : QStringLiteral("tickets"));
                if (!list.isArray()) {
                    run->fail(malformed(QStringLiteral("The answer has no ticket list.")));
                    return;
                }
                QJsonArray out;
                for (const QJsonValue& t : list.toArray())
                    out.append(toTicket(run, t.toObject()));
                run->succeed(out, nextCursor(v.toObject()));
            });
    } else if (op == QLatin1String("ticketing_get_ticket")) {
        if (auto id = requireParam(run, QStringLiteral("ticketId")))
            api(run, "GET", QStringLiteral("/api/v2/tickets/") + enc(*id), {}, QJsonValue::Undefined, one(200));
    } else if (op == QLatin1String("ticketing_create_ticket")) {
        auto body = requireBody(run);
        if (!body)
            return;
        auto z = toZendesk(*body, true);
        if (!z) {
            run->fail(z.problem());
            return;
        }
        const QString group = config(run, QStringLiteral("group_id"));
        if (!group.isEmpty() && !z->contains(QStringLiteral("group_id")))
            z->insert(QStringLiteral("group_id"), group.toLongLong());
        if (!z->contains(QStringLiteral("comment")))
            z->insert(QStringLiteral("comment"), QJsonObject{{QStringLiteral("body"), body->value(QStringLiteral("summary"))}});
        api(run, "POST", QStringLiteral("/api/v2/tickets"), {}, QJsonObject{{QStringLiteral("ticket"), *z}}, one(201));
    } else if (op == QLatin1String("ticketing_patch_ticket")) {
        auto id = requireParam(run, QStringLiteral("ticketId"));
        if (!id)
            return;
        auto changes = patchChanges(params.value(QStringLiteral("body")));
        auto z = changes ? toZendesk(*changes, false) : Result<QJsonObject>(changes.problem());
        if (!z) {
            run->fail(z.problem());
            return;
        }
        api(run, "PUT", QStringLiteral("/api/v2/tickets/") + enc(*id), {}, QJsonObject{{QStringLiteral("ticket"), *z}}, one(200));
    } else if (op == QLatin1String("ticketing_list_comments")) {
        auto id = requireParam(run, QStringLiteral("ticketId"));
        if (!id)
            return;
        api(run, "GET", QStringLiteral("/api/v2/tickets/%1/comments").arg(enc(*id)), page(limitParam(run)), QJsonValue::Undefined,
            [run, key = *id, nextCursor](const QJsonValue& v, const HttpResult&) {
                QJsonArray out;
                for (const QJsonValue& c : v.toObject().value(QStringLiteral("comments")).toArray())
                    out.append(toComment(key, c.toObject()));
                run->succeed(out, nextCursor(v.toObject()));
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
        const QJsonObject update{{QStringLiteral("ticket"), QJsonObject{{QStringLiteral("comment"), QJsonObject{{QStringLiteral("body"), content}, {QStringLiteral("public"), true}}}}}};
        api(run, "PUT", QStringLiteral("/api/v2/tickets/") + enc(*id), {}, update, [run, key = *id](const QJsonValue& v, const HttpResult&) {
            // The update's audit carries the new comment as a "Comment" event.
            for (const QJsonValue& e : v.toObject().value(QStringLiteral("audit")).toObject().value(QStringLiteral("events")).toArray()) {
                if (e.toObject().value(QStringLiteral("type")).toString() == QLatin1String("Comment")) {
                    QJsonObject c = e.toObject();
                    c.insert(QStringLiteral("created_at"), v.toObject().value(QStringLiteral("audit")).toObject().value(QStringLiteral("created_at")));
                    run->succeed(toComment(key, c), {}, 201);
                    return;
                }
            }
            run->fail(malformed(QStringLiteral("The ticket update carries no Comment event.")));
        });
    } else {
        run->fail(unsupported(run->call()));
    }
}

} // namespace pb
