#include "sim/ServiceNowSim.h"

#include <QCryptographicHash>
#include <QRegularExpression>

namespace pb::sim {

namespace {

QString sysId(int seq)
{
    return QString::fromLatin1(QCryptographicHash::hash(QByteArray::number(seq), QCryptographicHash::Md5).toHex());
}

QString stamp(int seq)
{
    return QStringLiteral("2026-11-01 10:%1:00").arg(seq % 60, 2, 10, QLatin1Char('0'));
}

QString plain(const QJsonValue& v)
{
    return v.isObject() ? v.toObject().value(QStringLiteral("value")).toString() : v.toString();
}

QString priorityFor(int impact, int urgency)
{
    const int sum = impact + urgency;
    return QString::number(std::clamp(sum - 1, 1, 5));
}

} // namespace

ServiceNowSim::ServiceNowSim()
{
    for (const auto& [name, desc] : {QPair<QString, QString>{QStringLiteral("Service Desk"), QStringLiteral("First line")},
                                     QPair<QString, QString>{QStringLiteral("Network"), QStringLiteral("Network operations")}})
        m_tables[QStringLiteral("sys_user_group")].append(QJsonObject{{QStringLiteral("sys_id"), sysId(m_seq++)}, {QStringLiteral("name"), name}, {QStringLiteral("description"), desc}});
    newIncident({{QStringLiteral("short_description"), QStringLiteral("Email not syncing on mobile")}, {QStringLiteral("impact"), QStringLiteral("2")}, {QStringLiteral("urgency"), QStringLiteral("2")}});
    const QJsonObject vpn = newIncident({{QStringLiteral("short_description"), QStringLiteral("VPN down for the Berlin office")}, {QStringLiteral("impact"), QStringLiteral("1")}, {QStringLiteral("urgency"), QStringLiteral("1")}});
    addJournal(vpn.value(QStringLiteral("sys_id")).toString(), QStringLiteral("Router rebooted, watching."));
}

SimResponse ServiceNowSim::error(int status, const QString& message, const QString& detail)
{
    return SimResponse::json(status, QJsonObject{{QStringLiteral("error"), QJsonObject{{QStringLiteral("message"), message}, {QStringLiteral("detail"), detail}}},
                                                 {QStringLiteral("status"), QStringLiteral("failure")}});
}

SimResponse ServiceNowSim::errorFor(int status, const QString& message) const
{
    return error(status, message, QString());
}

QJsonObject ServiceNowSim::newIncident(const QJsonObject& fields)
{
    const int seq = m_seq++;
    QJsonObject rec{{QStringLiteral("sys_id"), sysId(seq)},
                    {QStringLiteral("number"), QStringLiteral("INC%1").arg(10000 + seq, 7, 10, QLatin1Char('0'))},
                    {QStringLiteral("short_description"), QString()}, {QStringLiteral("description"), QString()},
                    {QStringLiteral("state"), QStringLiteral("1")}, {QStringLiteral("impact"), QStringLiteral("3")}, {QStringLiteral("urgency"), QStringLiteral("3")},
                    {QStringLiteral("assigned_to"), QString()}, {QStringLiteral("category"), QStringLiteral("inquiry")},
                    {QStringLiteral("assignment_group"), QJsonObject{{QStringLiteral("link"), QString(QStringLiteral("https://sim/api/now/table/sys_user_group/") + sysId(1))}, {QStringLiteral("value"), sysId(1)}}},
                    {QStringLiteral("caller_id"), QString()}, {QStringLiteral("sys_created_by"), QStringLiteral("admin")},
                    {QStringLiteral("sys_created_on"), stamp(seq)}, {QStringLiteral("sys_updated_on"), stamp(seq)},
                    {QStringLiteral("opened_at"), stamp(seq)}, {QStringLiteral("u_sim_flag"), QStringLiteral("seeded")}};
    for (auto it = fields.begin(); it != fields.end(); ++it)
        rec[it.key()] = it.value();
    rec[QStringLiteral("priority")] = priorityFor(plain(rec.value(QStringLiteral("impact"))).toInt(), plain(rec.value(QStringLiteral("urgency"))).toInt());
    m_tables[QStringLiteral("incident")].append(rec);
    return rec;
}

void ServiceNowSim::addJournal(const QString& incident, const QString& text)
{
    const int seq = m_seq++;
    m_tables[QStringLiteral("sys_journal_field")].append(QJsonObject{{QStringLiteral("sys_id"), sysId(seq)}, {QStringLiteral("element_id"), incident},
                                                                     {QStringLiteral("element"), QStringLiteral("comments")}, {QStringLiteral("name"), QStringLiteral("incident")},
                                                                     {QStringLiteral("value"), text}, {QStringLiteral("sys_created_by"), QStringLiteral("admin")},
                                                                     {QStringLiteral("sys_created_on"), stamp(seq)}});
}

bool ServiceNowSim::matches(const QJsonObject& rec, const QString& query)
{
    static const QRegularExpression term(QStringLiteral("^([a-z_]+)(NOT LIKE|LIKE|STARTSWITH|NOT IN|IN|!=|>=|<=|=|>|<)(.*)$"));
    for (const QString& part : query.split(QLatin1Char('^'), Qt::SkipEmptyParts)) {
        if (part.startsWith(QLatin1String("ORDERBY")))
            continue;
        const auto m = term.match(part);
        if (!m.hasMatch())
            return false;
        const QString have = plain(rec.value(m.captured(1)));
        const QString op = m.captured(2);
        const QString want = m.captured(3);
        bool ok = false;
        if (op == QLatin1String("=")) ok = have == want;
        else if (op == QLatin1String("!=")) ok = have != want;
        else if (op == QLatin1String("LIKE")) ok = have.contains(want, Qt::CaseInsensitive);
        else if (op == QLatin1String("NOT LIKE")) ok = !have.contains(want, Qt::CaseInsensitive);
        else if (op == QLatin1String("STARTSWITH")) ok = have.startsWith(want, Qt::CaseInsensitive);
        else if (op == QLatin1String("IN")) ok = want.split(QLatin1Char(',')).contains(have);
        else if (op == QLatin1String("NOT IN")) ok = !want.split(QLatin1Char(',')).contains(have);
        else if (op == QLatin1String(">=")) ok = have >= want;
        else if (op == QLatin1String("<=")) ok = have <= want;
        else if (op == QLatin1String(">")) ok = have > want;
        else if (op == QLatin1String("<")) ok = have < want;
        if (!ok)
            return false;
    }
    return true;
}

SimResponse ServiceNowSim::list(const SimRequest& r, const QString& table)
{
    const QString query = r.queryValue(QStringLiteral("sysparm_query"));
    Table hits;
    for (const QJsonObject& rec : std::as_const(m_tables[table]))
        if (matches(rec, query))
            hits.append(rec);
    static const QRegularExpression order(QStringLiteral("\\^?ORDERBY(DESC)?([a-z_]+)"));
    const auto om = order.match(query);
    if (om.hasMatch()) {
        const bool desc = !om.captured(1).isEmpty();
        const QString field = om.captured(2);
        std::stable_sort(hits.begin(), hits.end(), [&](const QJsonObject& a, const QJsonObject& b) {
            return desc ? plain(a.value(field)) > plain(b.value(field)) : plain(a.value(field)) < plain(b.value(field));
        });
    }
    const int offset = r.queryValue(QStringLiteral("sysparm_offset")).toInt();
    const QString limitText = r.queryValue(QStringLiteral("sysparm_limit"));
    const int limit = limitText.isEmpty() ? 10000 : limitText.toInt();
    const QStringList fields = r.queryValue(QStringLiteral("sysparm_fields")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    QJsonArray out;
    for (int i = offset; i < hits.size() && out.size() < limit; ++i) {
        QJsonObject rec = hits.at(i);
        if (!fields.isEmpty())
            for (const QString& k : rec.keys())
                if (!fields.contains(k))
                    rec.remove(k);
        out.append(rec);
    }
    SimResponse resp = SimResponse::json(200, QJsonObject{{QStringLiteral("result"), out}});
    resp.headers.append({QByteArrayLiteral("X-Total-Count"), QByteArray::number(hits.size())});
    return resp;
}

SimResponse ServiceNowSim::write(const SimRequest& r, const QString& table, const QString& id)
{
    const QJsonObject body = r.json().toObject();
    if (r.json().isUndefined())
        return error(400, QStringLiteral("Exception while reading request"), QStringLiteral("The payload is not valid JSON."));
    if (table != QLatin1String("incident"))
        return error(403, QStringLiteral("Operation Failed"), QStringLiteral("ACL restricts writes to %1").arg(table));
    if (id.isEmpty()) {
        if (body.value(QStringLiteral("short_description")).toString().trimmed().isEmpty())
            return error(400, QStringLiteral("Operation Failed"), QStringLiteral("Data Policy Exception: Short description is mandatory"));
        QJsonObject fields = body;
        fields.remove(QStringLiteral("comments"));
        const QJsonObject rec = newIncident(fields);
        if (body.contains(QStringLiteral("comments")))
            addJournal(rec.value(QStringLiteral("sys_id")).toString(), body.value(QStringLiteral("comments")).toString());
        return SimResponse::json(201, QJsonObject{{QStringLiteral("result"), rec}});
    }
    Table& t = m_tables[table];
    for (QJsonObject& rec : t) {
        if (rec.value(QStringLiteral("sys_id")).toString() != id)
            continue;
        if (body.contains(QStringLiteral("short_description")) && body.value(QStringLiteral("short_description")).toString().trimmed().isEmpty())
            return error(400, QStringLiteral("Operation Failed"), QStringLiteral("Data Policy Exception: Short description is mandatory"));
        for (auto it = body.begin(); it != body.end(); ++it)
            if (it.key() != QLatin1String("comments") && it.key() != QLatin1String("work_notes"))
                rec[it.key()] = it.value();
        rec[QStringLiteral("priority")] = priorityFor(plain(rec.value(QStringLiteral("impact"))).toInt(), plain(rec.value(QStringLiteral("urgency"))).toInt());
        rec[QStringLiteral("sys_updated_on")] = stamp(m_seq++);
        if (body.contains(QStringLiteral("comments")))
            addJournal(id, body.value(QStringLiteral("comments")).toString());
        return SimResponse::json(200, QJsonObject{{QStringLiteral("result"), rec}});
    }
    return error(404, QStringLiteral("No Record found"), QStringLiteral("Record doesn't exist or ACL restricts the record retrieval"));
}

SimResponse ServiceNowSim::handle(const SimRequest& r)
{
    if (route(r, "POST", "/oauth_token.do")) {
        const QUrlQuery form(QString::fromUtf8(r.body));
        if (form.queryItemValue(QStringLiteral("grant_type")) != QLatin1String("client_credentials") ||
            form.queryItemValue(QStringLiteral("client_secret"), QUrl::FullyDecoded) != QLatin1String(kDemoSecret))
            return SimResponse::json(401, QJsonObject{{QStringLiteral("error"), QStringLiteral("access_denied")}, {QStringLiteral("error_description"), QStringLiteral("access_denied")}});
        const QString token = QStringLiteral("sn-access-%1").arg(m_seq++);
        m_tokens.append(token);
        return SimResponse::json(200, QJsonObject{{QStringLiteral("access_token"), token}, {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                                                  {QStringLiteral("expires_in"), 1799}, {QStringLiteral("scope"), QStringLiteral("useraccount")}});
    }
    const QByteArray auth = r.header("Authorization");
    const bool bearer = auth.startsWith("Bearer ") && m_tokens.contains(QString::fromLatin1(auth.mid(7)));
    if (!basicOk(r) && r.header("x-sn-apikey") != kDemoSecret && !bearer)
        return error(401, QStringLiteral("User Not Authenticated"), QStringLiteral("Required to provide Auth information"));
    QRegularExpressionMatch m;
    if (route(r, "GET", "/api/now/table/([a-z_0-9]+)", &m))
        return list(r, m.captured(1));
    if (route(r, "POST", "/api/now/table/([a-z_0-9]+)", &m))
        return write(r, m.captured(1), QString());
    if (route(r, "GET", "/api/now/table/([a-z_0-9]+)/([0-9a-f]+)", &m) || route(r, "PATCH", "/api/now/table/([a-z_0-9]+)/([0-9a-f]+)", &m) ||
        route(r, "PUT", "/api/now/table/([a-z_0-9]+)/([0-9a-f]+)", &m) || route(r, "DELETE", "/api/now/table/([a-z_0-9]+)/([0-9a-f]+)", &m)) {
        if (r.method == "PATCH" || r.method == "PUT")
            return write(r, m.captured(1), m.captured(2));
        Table& t = m_tables[m.captured(1)];
        for (qsizetype i = 0; i < t.size(); ++i) {
            if (t.at(i).value(QStringLiteral("sys_id")).toString() == m.captured(2)) {
                if (r.method == "GET")
                    return SimResponse::json(200, QJsonObject{{QStringLiteral("result"), t.at(i)}});
                t.removeAt(i);
                return SimResponse::empty(204);
            }
        }
        return error(404, QStringLiteral("No Record found"), QStringLiteral("Record doesn't exist or ACL restricts the record retrieval"));
    }
    return error(400, QStringLiteral("Requested URI does not represent any resource"), r.path);
}

} // namespace pb::sim
