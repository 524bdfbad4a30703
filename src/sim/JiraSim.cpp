#include "sim/JiraSim.h"

#include <QRegularExpression>

namespace pb::sim {

namespace {

QJsonObject user()
{
    return {{QStringLiteral("accountId"), QStringLiteral("5b10a2844c20165700ede21g")},
            {QStringLiteral("emailAddress"), QString::fromLatin1(kDemoUser)},
            {QStringLiteral("displayName"), QStringLiteral("Demo User")},
            {QStringLiteral("active"), true}};
}

QJsonObject status(const QString& name)
{
    return {{QStringLiteral("name"), name}, {QStringLiteral("id"), name == QLatin1String("To Do") ? QStringLiteral("10000") : name == QLatin1String("In Progress") ? QStringLiteral("3") : QStringLiteral("10001")}};
}

QJsonObject adf(const QString& text)
{
    return {{QStringLiteral("type"), QStringLiteral("doc")}, {QStringLiteral("version"), 1},
            {QStringLiteral("content"), QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("paragraph")},
                                                               {QStringLiteral("content"), QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), text}}}}}}}};
}

QString adfText(const QJsonValue& v)
{
    const QJsonObject o = v.toObject();
    if (o.value(QStringLiteral("type")).toString() == QLatin1String("text"))
        return o.value(QStringLiteral("text")).toString();
    QString s;
    for (const QJsonValue& c : o.value(QStringLiteral("content")).toArray())
        s += adfText(c);
    return s;
}

const QStringList& priorities()
{
    static const QStringList p{QStringLiteral("Highest"), QStringLiteral("High"), QStringLiteral("Medium"), QStringLiteral("Low"), QStringLiteral("Lowest")};
    return p;
}

} // namespace

JiraSim::JiraSim()
{
    m_projects = {QJsonObject{{QStringLiteral("id"), QStringLiteral("10000")}, {QStringLiteral("key"), QStringLiteral("DEMO")},
                              {QStringLiteral("name"), QStringLiteral("Demo project")}, {QStringLiteral("projectTypeKey"), QStringLiteral("software")}},
                  QJsonObject{{QStringLiteral("id"), QStringLiteral("10001")}, {QStringLiteral("key"), QStringLiteral("OPS")},
                              {QStringLiteral("name"), QStringLiteral("Operations")}, {QStringLiteral("projectTypeKey"), QStringLiteral("service_desk")}},
                  QJsonObject{{QStringLiteral("id"), QStringLiteral("10002")}, {QStringLiteral("key"), QStringLiteral("TRIAL")},
                              {QStringLiteral("name"), QStringLiteral("Trial")}, {QStringLiteral("projectTypeKey"), QStringLiteral("software")}}};
    for (const QJsonValue& p : std::as_const(m_projects))
        m_nextNumber.insert(p.toObject().value(QStringLiteral("key")).toString(), 1);
    addIssue(QStringLiteral("DEMO"), {{QStringLiteral("summary"), QStringLiteral("Login page returns 500")},
                                      {QStringLiteral("description"), adf(QStringLiteral("Users see an error after SSO."))},
                                      {QStringLiteral("priority"), QJsonObject{{QStringLiteral("name"), QStringLiteral("High")}}},
                                      {QStringLiteral("labels"), QJsonArray{QStringLiteral("auth"), QStringLiteral("prod")}}});
    addIssue(QStringLiteral("DEMO"), {{QStringLiteral("summary"), QStringLiteral("Rotate the TLS certificate")},
                                      {QStringLiteral("priority"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Medium")}}}});
    addIssue(QStringLiteral("OPS"), {{QStringLiteral("summary"), QStringLiteral("Disk usage above 90% on db-2")},
                                     {QStringLiteral("priority"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Highest")}}}});
    // The demo workspace's trial Integration defaults to TRIAL: give it something to show.
    addIssue(QStringLiteral("TRIAL"), {{QStringLiteral("summary"), QStringLiteral("Invite the pilot team")},
                                       {QStringLiteral("priority"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Medium")}}},
                                       {QStringLiteral("labels"), QJsonArray{QStringLiteral("onboarding")}}});
    addIssue(QStringLiteral("TRIAL"), {{QStringLiteral("summary"), QStringLiteral("Webhook deliveries time out")},
                                       {QStringLiteral("description"), adf(QStringLiteral("Retries pile up after 30 s."))},
                                       {QStringLiteral("priority"), QJsonObject{{QStringLiteral("name"), QStringLiteral("High")}}}});
}

SimResponse JiraSim::errors(int status, const QStringList& messages, const QJsonObject& fieldErrors)
{
    return SimResponse::json(status, QJsonObject{{QStringLiteral("errorMessages"), QJsonArray::fromStringList(messages)},
                                                 {QStringLiteral("errors"), fieldErrors}});
}

SimResponse JiraSim::errorFor(int status, const QString& message) const
{
    return errors(status, {message});
}

QJsonObject JiraSim::addIssue(const QString& project, const QJsonObject& fields)
{
    const int n = m_nextNumber.value(project, 1);
    m_nextNumber[project] = n + 1;
    const QString key = project + QLatin1Char('-') + QString::number(n);
    QJsonObject f = fields;
    QJsonObject proj;
    for (const QJsonValue& p : std::as_const(m_projects))
        if (p.toObject().value(QStringLiteral("key")).toString() == project)
            proj = p.toObject();
    f[QStringLiteral("project")] = proj;
    if (!f.contains(QStringLiteral("issuetype")))
        f[QStringLiteral("issuetype")] = QJsonObject{{QStringLiteral("name"), QStringLiteral("Task")}};
    f[QStringLiteral("status")] = status(QStringLiteral("To Do"));
    f[QStringLiteral("creator")] = user();
    f[QStringLiteral("reporter")] = user();
    if (!f.contains(QStringLiteral("labels")))
        f[QStringLiteral("labels")] = QJsonArray();
    if (!f.contains(QStringLiteral("priority")))
        f[QStringLiteral("priority")] = QJsonObject{{QStringLiteral("name"), QStringLiteral("Medium")}};
    f[QStringLiteral("created")] = QStringLiteral("2026-11-01T10:%1:00.000+0000").arg(m_nextId % 60, 2, 10, QLatin1Char('0'));
    f[QStringLiteral("updated")] = f[QStringLiteral("created")];
    f[QStringLiteral("customfield_10010")] = QStringLiteral("sim");
    const QJsonObject issue{{QStringLiteral("id"), QString::number(m_nextId++)}, {QStringLiteral("key"), key}, {QStringLiteral("fields"), f}};
    m_issues.insert(key, issue);
    return issue;
}

QJsonObject JiraSim::withSelf(const SimRequest& r, QJsonObject issue) const
{
    issue[QStringLiteral("self")] = QString(r.baseUrl + QStringLiteral("/rest/api/3/issue/") + issue.value(QStringLiteral("id")).toString());
    return issue;
}

SimResponse JiraSim::handle(const SimRequest& r)
{
    if (!basicOk(r) && !bearerOk(r))
        return errors(401, {QStringLiteral("You are not authenticated. Authentication required to perform this operation.")});
    QRegularExpressionMatch m;
    if (route(r, "GET", "/rest/api/3/myself"))
        return SimResponse::json(200, user());
    if (route(r, "GET", "/rest/api/3/project"))
        return SimResponse::json(200, m_projects);
    if (route(r, "GET", "/rest/api/3/project/search")) {
        const int start = r.queryValue(QStringLiteral("startAt")).toInt();
        const int max = r.queryValue(QStringLiteral("maxResults")).isEmpty() ? 50 : r.queryValue(QStringLiteral("maxResults")).toInt();
        QJsonArray page;
        for (int i = start; i < m_projects.size() && page.size() < max; ++i)
            page.append(m_projects.at(i));
        return SimResponse::json(200, QJsonObject{{QStringLiteral("startAt"), start}, {QStringLiteral("maxResults"), max},
                                                  {QStringLiteral("total"), m_projects.size()},
                                                  {QStringLiteral("isLast"), start + page.size() >= m_projects.size()},
                                                  {QStringLiteral("values"), page}});
    }
    if (route(r, "GET", "/rest/api/3/search/jql") || route(r, "POST", "/rest/api/3/search/jql"))
        return search(r);
    if (route(r, "POST", "/rest/api/3/issue"))
        return createIssue(r);
    if (route(r, "GET", "/rest/api/3/issue/([^/]+)", &m) || route(r, "PUT", "/rest/api/3/issue/([^/]+)", &m)) {
        const QString key = m.captured(1);
        if (!m_issues.contains(key))
            return errors(404, {QStringLiteral("Issue does not exist or you do not have permission to see it.")});
        return r.method == "GET" ? SimResponse::json(200, withSelf(r, m_issues.value(key))) : editIssue(r, key);
    }
    if (route(r, "GET", "/rest/api/3/issue/([^/]+)/transitions", &m) || route(r, "POST", "/rest/api/3/issue/([^/]+)/transitions", &m)) {
        const QString key = m.captured(1);
        if (!m_issues.contains(key))
            return errors(404, {QStringLiteral("Issue does not exist or you do not have permission to see it.")});
        const QList<QPair<QString, QString>> transitions{{QStringLiteral("11"), QStringLiteral("To Do")},
                                                         {QStringLiteral("21"), QStringLiteral("In Progress")},
                                                         {QStringLiteral("31"), QStringLiteral("Done")}};
        if (r.method == "GET") {
            QJsonArray out;
            for (const auto& [id, name] : transitions)
                out.append(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("name"), name}, {QStringLiteral("to"), status(name)}});
            return SimResponse::json(200, QJsonObject{{QStringLiteral("transitions"), out}});
        }
        const QString id = r.json().toObject().value(QStringLiteral("transition")).toObject().value(QStringLiteral("id")).toString();
        for (const auto& [tid, name] : transitions) {
            if (tid == id) {
                QJsonObject issue = m_issues.value(key);
                QJsonObject f = issue.value(QStringLiteral("fields")).toObject();
                f[QStringLiteral("status")] = status(name);
                issue[QStringLiteral("fields")] = f;
                m_issues.insert(key, issue);
                return SimResponse::empty(204);
            }
        }
        return errors(400, {QStringLiteral("Transition id '%1' is not valid for this issue.").arg(id)});
    }
    if (route(r, "GET", "/rest/api/3/issue/([^/]+)/comment", &m) || route(r, "POST", "/rest/api/3/issue/([^/]+)/comment", &m) ||
        route(r, "DELETE", "/rest/api/3/issue/([^/]+)/comment/([^/]+)", &m))
        return comments(r, m.captured(1));
    return errors(404, {QStringLiteral("No resource at %1").arg(r.path)});
}

SimResponse JiraSim::search(const SimRequest& r)
{
    const QString jql = r.method == "GET" ? r.queryValue(QStringLiteral("jql")) : r.json().toObject().value(QStringLiteral("jql")).toString();
    const QString where = jql.section(QStringLiteral("ORDER BY"), 0, 0).trimmed();
    const bool asc = jql.contains(QLatin1String(" ASC"));
    static const QRegularExpression clause(QStringLiteral("^(\\w+)\\s*(=|!=|~|!~|in|not in)\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|\\([^)]*\\)|\\S+)$"));
    QList<std::function<bool(const QJsonObject&)>> preds;
    if (!where.isEmpty()) {
        for (const QString& c : where.split(QStringLiteral(" AND "))) {
            const auto m = clause.match(c.trimmed());
            if (!m.hasMatch())
                return errors(400, {QStringLiteral("Error in the JQL Query: Expecting operator but got '%1'.").arg(c.trimmed())});
            const QString field = m.captured(1);
            const QString op = m.captured(2);
            QStringList values;
            QString raw = m.captured(3);
            if (raw.startsWith(QLatin1Char('(')))
                raw = raw.mid(1, raw.size() - 2);
            for (QString v : raw.split(QLatin1Char(','))) {
                v = v.trimmed();
                if (v.startsWith(QLatin1Char('"')))
                    v = v.mid(1, v.size() - 2).replace(QStringLiteral("\\\""), QStringLiteral("\""));
                values << v;
            }
            static const QStringList known{QStringLiteral("project"), QStringLiteral("status"), QStringLiteral("priority"), QStringLiteral("labels"),
                                           QStringLiteral("summary"), QStringLiteral("text"), QStringLiteral("key"), QStringLiteral("issuetype"),
                                           QStringLiteral("assignee"), QStringLiteral("creator"), QStringLiteral("created"), QStringLiteral("updated")};
            if (!known.contains(field))
                return errors(400, {QStringLiteral("Field '%1' does not exist or you do not have permission to view it.").arg(field)});
            preds.append([field, op, values](const QJsonObject& issue) {
                const QJsonObject f = issue.value(QStringLiteral("fields")).toObject();
                QStringList have;
                if (field == QLatin1String("key")) have << issue.value(QStringLiteral("key")).toString();
                else if (field == QLatin1String("project")) have << f.value(QStringLiteral("project")).toObject().value(QStringLiteral("key")).toString();
                else if (field == QLatin1String("labels")) for (const QJsonValue& l : f.value(QStringLiteral("labels")).toArray()) have << l.toString();
                else if (field == QLatin1String("summary")) have << f.value(QStringLiteral("summary")).toString();
                else if (field == QLatin1String("text")) have << f.value(QStringLiteral("summary")).toString() + QLatin1Char(' ') + adfText(f.value(QStringLiteral("description")));
                else if (field == QLatin1String("issuetype")) have << f.value(QStringLiteral("issuetype")).toObject().value(QStringLiteral("name")).toString();
                else if (field == QLatin1String("created") || field == QLatin1String("updated")) have << f.value(field).toString();
                else have << f.value(field).toObject().value(QStringLiteral("name")).toString()
                          << f.value(field).toObject().value(QStringLiteral("accountId")).toString();
                auto any = [&](auto pred) { return std::any_of(have.begin(), have.end(), pred); };
                if (op == QLatin1String("~"))
                    return any([&](const QString& h) { return h.contains(values.first(), Qt::CaseInsensitive); });
                if (op == QLatin1String("!~"))
                    return !any([&](const QString& h) { return h.contains(values.first(), Qt::CaseInsensitive); });
                const bool hit = any([&](const QString& h) { return values.contains(h, Qt::CaseInsensitive); });
                return (op == QLatin1String("=") || op == QLatin1String("in")) ? hit : !hit;
            });
        }
    }
    QList<QJsonObject> hits;
    for (const QJsonObject& issue : std::as_const(m_issues)) {
        if (std::all_of(preds.begin(), preds.end(), [&](const auto& p) { return p(issue); }))
            hits.append(issue);
    }
    std::sort(hits.begin(), hits.end(), [asc](const QJsonObject& a, const QJsonObject& b) {
        const int ia = a.value(QStringLiteral("id")).toString().toInt(), ib = b.value(QStringLiteral("id")).toString().toInt();
        return asc ? ia < ib : ia > ib;
    });
    const QString token = r.method == "GET" ? r.queryValue(QStringLiteral("nextPageToken")) : r.json().toObject().value(QStringLiteral("nextPageToken")).toString();
    const int start = token.isEmpty() ? 0 : QByteArray::fromBase64(token.toLatin1()).toInt();
    const QString maxText = r.queryValue(QStringLiteral("maxResults"));
    const int max = maxText.isEmpty() ? 50 : std::max(1, maxText.toInt());
    QJsonArray page;
    for (int i = start; i < hits.size() && page.size() < max; ++i)
        page.append(withSelf(r, hits.at(i)));
    QJsonObject body{{QStringLiteral("issues"), page}, {QStringLiteral("isLast"), start + page.size() >= hits.size()}};
    if (start + page.size() < hits.size())
        body.insert(QStringLiteral("nextPageToken"), QString::fromLatin1(QByteArray::number(start + page.size()).toBase64()));
    return SimResponse::json(200, body);
}

SimResponse JiraSim::createIssue(const SimRequest& r)
{
    const QJsonObject f = r.json().toObject().value(QStringLiteral("fields")).toObject();
    QJsonObject fieldErrors;
    const QString project = f.value(QStringLiteral("project")).toObject().value(QStringLiteral("key")).toString();
    if (!m_nextNumber.contains(project))
        fieldErrors.insert(QStringLiteral("project"), QStringLiteral("valid project is required"));
    if (f.value(QStringLiteral("summary")).toString().isEmpty())
        fieldErrors.insert(QStringLiteral("summary"), QStringLiteral("You must specify a summary of the issue."));
    if (f.value(QStringLiteral("issuetype")).toObject().isEmpty())
        fieldErrors.insert(QStringLiteral("issuetype"), QStringLiteral("Specify an issue type"));
    const QString prio = f.value(QStringLiteral("priority")).toObject().value(QStringLiteral("name")).toString();
    if (!prio.isEmpty() && !priorities().contains(prio))
        fieldErrors.insert(QStringLiteral("priority"), QStringLiteral("Specify the Priority (name) in the string format"));
    if (!fieldErrors.isEmpty())
        return errors(400, {}, fieldErrors);
    QJsonObject fields = f;
    fields.remove(QStringLiteral("project"));
    const QJsonObject issue = addIssue(project, fields);
    return SimResponse::json(201, QJsonObject{{QStringLiteral("id"), issue.value(QStringLiteral("id"))},
                                              {QStringLiteral("key"), issue.value(QStringLiteral("key"))},
                                              {QStringLiteral("self"), withSelf(r, issue).value(QStringLiteral("self"))}});
}

SimResponse JiraSim::editIssue(const SimRequest& r, const QString& key)
{
    const QJsonObject body = r.json().toObject();
    QJsonObject issue = m_issues.value(key);
    QJsonObject f = issue.value(QStringLiteral("fields")).toObject();
    const QJsonObject set = body.value(QStringLiteral("fields")).toObject();
    static const QStringList editable{QStringLiteral("summary"), QStringLiteral("description"), QStringLiteral("priority"), QStringLiteral("assignee"),
                                      QStringLiteral("labels"), QStringLiteral("duedate"), QStringLiteral("issuetype")};
    for (auto it = set.begin(); it != set.end(); ++it) {
        if (!editable.contains(it.key()))
            return errors(400, {}, {{it.key(), QStringLiteral("Field '%1' cannot be set. It is not on the appropriate screen, or unknown.").arg(it.key())}});
        if (it.key() == QLatin1String("priority") && !priorities().contains(it.value().toObject().value(QStringLiteral("name")).toString()))
            return errors(400, {}, {{QStringLiteral("priority"), QStringLiteral("Specify the Priority (name) in the string format")}});
        if (it.key() == QLatin1String("summary") && it.value().toString().isEmpty())
            return errors(400, {}, {{QStringLiteral("summary"), QStringLiteral("You must specify a summary of the issue.")}});
        f[it.key()] = it.value();
    }
    QJsonArray labels = f.value(QStringLiteral("labels")).toArray();
    for (const QJsonValue& op : body.value(QStringLiteral("update")).toObject().value(QStringLiteral("labels")).toArray()) {
        if (op.toObject().contains(QStringLiteral("add")))
            labels.append(op.toObject().value(QStringLiteral("add")));
    }
    f[QStringLiteral("labels")] = labels;
    f[QStringLiteral("updated")] = QStringLiteral("2026-11-02T09:00:00.000+0000");
    issue[QStringLiteral("fields")] = f;
    m_issues.insert(key, issue);
    return SimResponse::empty(204);
}

SimResponse JiraSim::comments(const SimRequest& r, const QString& key)
{
    if (!m_issues.contains(key))
        return errors(404, {QStringLiteral("Issue does not exist or you do not have permission to see it.")});
    QJsonArray& list = m_comments[key];
    if (r.method == "GET") {
        const int start = r.queryValue(QStringLiteral("startAt")).toInt();
        const QString maxText = r.queryValue(QStringLiteral("maxResults"));
        const int max = maxText.isEmpty() ? 50 : std::max(1, maxText.toInt());
        QJsonArray page;
        for (int i = start; i < list.size() && page.size() < max; ++i)
            page.append(list.at(i));
        return SimResponse::json(200, QJsonObject{{QStringLiteral("startAt"), start}, {QStringLiteral("maxResults"), max},
                                                  {QStringLiteral("total"), list.size()}, {QStringLiteral("comments"), page}});
    }
    if (r.method == "POST") {
        const QJsonObject body = r.json().toObject().value(QStringLiteral("body")).toObject();
        if (body.value(QStringLiteral("type")).toString() != QLatin1String("doc"))
            return errors(400, {}, {{QStringLiteral("comment"), QStringLiteral("Comment body can not be empty!")}});
        const QJsonObject c{{QStringLiteral("id"), QString::number(m_nextId++)}, {QStringLiteral("author"), user()},
                            {QStringLiteral("body"), body}, {QStringLiteral("created"), QStringLiteral("2026-11-03T08:00:00.000+0000")},
                            {QStringLiteral("updated"), QStringLiteral("2026-11-03T08:00:00.000+0000")}};
        list.append(c);
        return SimResponse::json(201, c);
    }
    const QString id = r.path.section(QLatin1Char('/'), -1);
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (list.at(i).toObject().value(QStringLiteral("id")).toString() == id) {
            list.removeAt(i);
            return SimResponse::empty(204);
        }
    }
    return errors(404, {QStringLiteral("Can not find a comment for the id: %1.").arg(id)});
}

} // namespace pb::sim
