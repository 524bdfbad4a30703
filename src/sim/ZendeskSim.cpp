#include "sim/ZendeskSim.h"

#include <QRegularExpression>

namespace pb::sim {

namespace {

constexpr qint64 kUserId = 364912345;

const QStringList& priorities()
{
    static const QStringList p{QStringLiteral("urgent"), QStringLiteral("high"), QStringLiteral("normal"), QStringLiteral("low")};
    return p;
}

const QStringList& statuses()
{
    static const QStringList s{QStringLiteral("new"), QStringLiteral("open"), QStringLiteral("pending"), QStringLiteral("hold"),
                               QStringLiteral("solved"), QStringLiteral("closed")};
    return s;
}

QString stamp(qint64 n)
{
    return QStringLiteral("2026-11-01T11:%1:00Z").arg(n % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

ZendeskSim::ZendeskSim()
{
    for (const auto& [subject, prio, tags] : {std::tuple{QStringLiteral("Cannot reset my password"), QStringLiteral("high"), QStringList{QStringLiteral("login")}},
                                              std::tuple{QStringLiteral("Invoice shows the wrong VAT"), QStringLiteral("normal"), QStringList{QStringLiteral("billing")}},
                                              std::tuple{QStringLiteral("Feature request: dark mode"), QStringLiteral("low"), QStringList{}}}) {
        SimRequest r;
        r.body = QJsonDocument(QJsonObject{{QStringLiteral("ticket"), QJsonObject{{QStringLiteral("subject"), subject}, {QStringLiteral("priority"), prio},
                                                                                  {QStringLiteral("tags"), QJsonArray::fromStringList(tags)},
                                                                                  {QStringLiteral("comment"), QJsonObject{{QStringLiteral("body"), QString(subject + QStringLiteral(" — details."))}}}}}})
                     .toJson();
        create(r);
    }
}

SimResponse ZendeskSim::errorFor(int status, const QString& message) const
{
    return SimResponse::json(status, QJsonObject{{QStringLiteral("error"), QJsonObject{{QStringLiteral("title"), QString::fromLatin1(reasonPhrase(status))}, {QStringLiteral("message"), message}}}});
}

SimResponse ZendeskSim::invalid(const QString& field, const QString& message)
{
    return SimResponse::json(422, QJsonObject{{QStringLiteral("error"), QStringLiteral("RecordInvalid")},
                                              {QStringLiteral("description"), QStringLiteral("Record validation errors")},
                                              {QStringLiteral("details"), QJsonObject{{field, QJsonArray{QJsonObject{{QStringLiteral("description"), message},
                                                                                                                    {QStringLiteral("error"), QStringLiteral("InvalidValue")}}}}}}});
}

QJsonObject ZendeskSim::addComment(qint64 ticket, const QString& body)
{
    const QJsonObject c{{QStringLiteral("id"), m_nextCommentId++}, {QStringLiteral("type"), QStringLiteral("Comment")}, {QStringLiteral("body"), body},
                        {QStringLiteral("html_body"), QString(QStringLiteral("<p>") + body.toHtmlEscaped() + QStringLiteral("</p>"))},
                        {QStringLiteral("author_id"), kUserId}, {QStringLiteral("public"), true}, {QStringLiteral("created_at"), stamp(m_nextCommentId)}};
    m_comments[ticket].append(c);
    return c;
}

SimResponse ZendeskSim::create(const SimRequest& r)
{
    const QJsonObject t = r.json().toObject().value(QStringLiteral("ticket")).toObject();
    const QString body = t.value(QStringLiteral("comment")).toObject().value(QStringLiteral("body")).toString();
    if (body.trimmed().isEmpty())
        return invalid(QStringLiteral("description"), QStringLiteral("Description: cannot be blank"));
    const QString prio = t.value(QStringLiteral("priority")).toString();
    if (!prio.isEmpty() && !priorities().contains(prio))
        return invalid(QStringLiteral("priority"), QStringLiteral("Priority: is not valid"));
    const qint64 id = m_nextId++;
    QJsonObject ticket{{QStringLiteral("id"), id}, {QStringLiteral("url"), QString(r.baseUrl + QStringLiteral("/api/v2/tickets/%1.json").arg(id))},
                       {QStringLiteral("subject"), t.value(QStringLiteral("subject")).toString(body.left(50))}, {QStringLiteral("description"), body},
                       {QStringLiteral("status"), t.value(QStringLiteral("status")).toString(QStringLiteral("new"))},
                       {QStringLiteral("priority"), prio.isEmpty() ? QJsonValue::Null : QJsonValue(prio)},
                       {QStringLiteral("type"), t.value(QStringLiteral("type")).toString(QStringLiteral("question"))},
                       {QStringLiteral("tags"), t.value(QStringLiteral("tags")).toArray()},
                       {QStringLiteral("requester_id"), kUserId}, {QStringLiteral("submitter_id"), kUserId},
                       {QStringLiteral("assignee_id"), t.value(QStringLiteral("assignee_id"))}, {QStringLiteral("group_id"), t.value(QStringLiteral("group_id")).isUndefined() ? QJsonValue(360001) : t.value(QStringLiteral("group_id"))},
                       {QStringLiteral("created_at"), stamp(id)}, {QStringLiteral("updated_at"), stamp(id)},
                       {QStringLiteral("via"), QJsonObject{{QStringLiteral("channel"), QStringLiteral("api")}}}, {QStringLiteral("custom_fields"), QJsonArray()}};
    m_tickets.insert(id, ticket);
    addComment(id, body);
    return SimResponse::json(201, QJsonObject{{QStringLiteral("ticket"), ticket}});
}

SimResponse ZendeskSim::update(const SimRequest& r, qint64 id)
{
    const QJsonObject t = r.json().toObject().value(QStringLiteral("ticket")).toObject();
    QJsonObject ticket = m_tickets.value(id);
    if (t.contains(QStringLiteral("priority")) && !priorities().contains(t.value(QStringLiteral("priority")).toString()))
        return invalid(QStringLiteral("priority"), QStringLiteral("Priority: is not valid"));
    if (t.contains(QStringLiteral("status")) && !statuses().contains(t.value(QStringLiteral("status")).toString()))
        return invalid(QStringLiteral("status"), QStringLiteral("Status: is not valid"));
    for (const char* k : {"subject", "priority", "status", "type", "tags", "assignee_id", "group_id", "description"})
        if (t.contains(QLatin1String(k)))
            ticket[QLatin1String(k)] = t.value(QLatin1String(k));
    QJsonArray tags = ticket.value(QStringLiteral("tags")).toArray();
    for (const QJsonValue& tag : t.value(QStringLiteral("additional_tags")).toArray())
        if (!tags.contains(tag))
            tags.append(tag);
    ticket[QStringLiteral("tags")] = tags;
    ticket[QStringLiteral("updated_at")] = stamp(m_nextCommentId);
    m_tickets.insert(id, ticket);
    QJsonArray events;
    const QString comment = t.value(QStringLiteral("comment")).toObject().value(QStringLiteral("body")).toString();
    if (!comment.isEmpty())
        events.append(addComment(id, comment));
    return SimResponse::json(200, QJsonObject{{QStringLiteral("ticket"), ticket},
                                              {QStringLiteral("audit"), QJsonObject{{QStringLiteral("id"), m_nextCommentId++}, {QStringLiteral("ticket_id"), id},
                                                                                    {QStringLiteral("created_at"), stamp(m_nextCommentId)}, {QStringLiteral("events"), events}}}});
}

bool ZendeskSim::matches(const QJsonObject& t, const QString& query)
{
    static const QRegularExpression token(QStringLiteral("(-?)(?:(\\w+)(:|>=|<=|>|<))?(\"[^\"]*\"|\\S+)"));
    auto it = token.globalMatch(query);
    while (it.hasNext()) {
        const auto m = it.next();
        const bool negate = !m.captured(1).isEmpty();
        QString key = m.captured(2);
        QString value = m.captured(4);
        if (value.startsWith(QLatin1Char('"')))
            value = value.mid(1, value.size() - 2);
        QStringList have;
        if (key.isEmpty()) have << t.value(QStringLiteral("subject")).toString() + QLatin1Char(' ') + t.value(QStringLiteral("description")).toString();
        else if (key == QLatin1String("tags")) for (const QJsonValue& v : t.value(QStringLiteral("tags")).toArray()) have << v.toString();
        else if (key == QLatin1String("ticket_type")) have << t.value(QStringLiteral("type")).toString();
        else if (key == QLatin1String("assignee") || key == QLatin1String("requester") || key == QLatin1String("group"))
            have << QString::number(t.value(key + QStringLiteral("_id")).toInteger());
        else have << t.value(key).toVariant().toString();
        const bool free = key.isEmpty() || key == QLatin1String("subject");
        bool hit = std::any_of(have.begin(), have.end(), [&](const QString& h) {
            return free ? h.contains(value, Qt::CaseInsensitive) : m.captured(3) == QLatin1String(":") ? h.compare(value, Qt::CaseInsensitive) == 0
                 : m.captured(3) == QLatin1String(">") ? h > value : m.captured(3) == QLatin1String("<") ? h < value
                 : m.captured(3) == QLatin1String(">=") ? h >= value : h <= value;
        });
        if (hit == negate)
            return false;
    }
    return true;
}

SimResponse ZendeskSim::page(const SimRequest& r, const QList<QJsonObject>& items, const QString& key) const
{
    const QString sizeText = r.queryValue(QStringLiteral("page[size]"));
    const int size = sizeText.isEmpty() ? 100 : sizeText.toInt();
    if (size < 1 || size > 100)
        return SimResponse::json(400, QJsonObject{{QStringLiteral("error"), QStringLiteral("InvalidPaginationParameter")},
                                                  {QStringLiteral("description"), QStringLiteral("page[size] must be between 1 and 100")}});
    const QString after = r.queryValue(QStringLiteral("page[after]"));
    const int start = after.isEmpty() ? 0 : QByteArray::fromBase64(after.toLatin1()).toInt();
    QJsonArray out;
    for (int i = start; i < items.size() && out.size() < size; ++i)
        out.append(items.at(i));
    const int end = start + int(out.size());
    const bool more = end < items.size();
    const QString cursor = QString::fromLatin1(QByteArray::number(end).toBase64());
    return SimResponse::json(200, QJsonObject{{key, out},
                                              {QStringLiteral("meta"), QJsonObject{{QStringLiteral("has_more"), more},
                                                                                   {QStringLiteral("after_cursor"), more ? QJsonValue(cursor) : QJsonValue::Null},
                                                                                   {QStringLiteral("before_cursor"), QJsonValue::Null}}},
                                              {QStringLiteral("links"), QJsonObject{{QStringLiteral("next"), more ? QJsonValue(QString(r.baseUrl + r.path + QStringLiteral("?page[after]=") + cursor)) : QJsonValue::Null}}}});
}

SimResponse ZendeskSim::handle(const SimRequest& request)
{
    SimRequest r = request;
    if (r.path.endsWith(QLatin1String(".json")))
        r.path.chop(5);
    const QByteArray good = "Basic " + QByteArray(QByteArray(kDemoUser) + "/token:" + kDemoSecret).toBase64();
    if (r.header("Authorization") != good && !bearerOk(r))
        return SimResponse::json(401, QJsonObject{{QStringLiteral("error"), QStringLiteral("Couldn't authenticate you")}});
    QRegularExpressionMatch m;
    if (route(r, "GET", "/api/v2/users/me"))
        return SimResponse::json(200, QJsonObject{{QStringLiteral("user"), QJsonObject{{QStringLiteral("id"), kUserId}, {QStringLiteral("name"), QStringLiteral("Demo Agent")},
                                                                                       {QStringLiteral("email"), QString::fromLatin1(kDemoUser)}, {QStringLiteral("role"), QStringLiteral("admin")}}}});
    if (route(r, "GET", "/api/v2/tickets")) {
        QList<QJsonObject> all = m_tickets.values();
        if (r.queryValue(QStringLiteral("sort")).startsWith(QLatin1Char('-')))
            std::reverse(all.begin(), all.end());
        return page(r, all, QStringLiteral("tickets"));
    }
    if (route(r, "GET", "/api/v2/search/export")) {
        if (r.queryValue(QStringLiteral("filter[type]")).isEmpty())
            return SimResponse::json(400, QJsonObject{{QStringLiteral("error"), QStringLiteral("InvalidSearchParameter")},
                                                      {QStringLiteral("description"), QStringLiteral("filter[type] is required")}});
        QList<QJsonObject> hits;
        for (const QJsonObject& t : std::as_const(m_tickets))
            if (matches(t, r.queryValue(QStringLiteral("query"))))
                hits.append(t);
        return page(r, hits, QStringLiteral("results"));
    }
    if (route(r, "POST", "/api/v2/tickets"))
        return create(r);
    if (route(r, "GET", "/api/v2/tickets/(\\d+)", &m) || route(r, "PUT", "/api/v2/tickets/(\\d+)", &m) || route(r, "GET", "/api/v2/tickets/(\\d+)/comments", &m)) {
        const qint64 id = m.captured(1).toLongLong();
        if (!m_tickets.contains(id))
            return SimResponse::json(404, QJsonObject{{QStringLiteral("error"), QStringLiteral("RecordNotFound")}, {QStringLiteral("description"), QStringLiteral("Not found")}});
        if (r.path.endsWith(QLatin1String("/comments")))
            return page(r, m_comments.value(id), QStringLiteral("comments"));
        return r.method == "GET" ? SimResponse::json(200, QJsonObject{{QStringLiteral("ticket"), m_tickets.value(id)}}) : update(r, id);
    }
    return SimResponse::json(404, QJsonObject{{QStringLiteral("error"), QStringLiteral("InvalidEndpoint")}, {QStringLiteral("description"), QStringLiteral("Not found")}});
}

} // namespace pb::sim
