#include "sim/GitHubSim.h"

#include <QRegularExpression>

namespace pb::sim {

namespace {

QJsonObject user()
{
    return {{QStringLiteral("login"), QStringLiteral("demo")}, {QStringLiteral("id"), 583231}, {QStringLiteral("type"), QStringLiteral("User")}};
}

QJsonObject repoJson(const QString& fullName)
{
    return {{QStringLiteral("id"), 1296269 + int(qHash(fullName) % 100000)}, {QStringLiteral("name"), fullName.section(QLatin1Char('/'), 1)},
            {QStringLiteral("full_name"), fullName}, {QStringLiteral("private"), false},
            {QStringLiteral("owner"), QJsonObject{{QStringLiteral("login"), fullName.section(QLatin1Char('/'), 0, 0)}}}, {QStringLiteral("has_issues"), true}};
}

QString stamp(int n)
{
    return QStringLiteral("2026-11-01T12:%1:00Z").arg(n % 60, 2, 10, QLatin1Char('0'));
}

const char kDocs[] = "https://docs.github.com/rest";

} // namespace

GitHubSim::GitHubSim() = default;

GitHubSim::Repo& GitHubSim::repo(const QString& fullName)
{
    auto it = m_repos.find(fullName);
    if (it != m_repos.end())
        return *it;
    Repo& r = m_repos[fullName];
    r.fullName = fullName;
    addIssue(r, {{QStringLiteral("title"), QStringLiteral("Crash when the keychain is locked")}, {QStringLiteral("body"), QStringLiteral("Steps: lock, open.")},
                 {QStringLiteral("labels"), QJsonArray{QStringLiteral("bug"), QStringLiteral("priority:high")}}});
    addIssue(r, {{QStringLiteral("title"), QStringLiteral("Add dark theme")}, {QStringLiteral("labels"), QJsonArray{QStringLiteral("enhancement")}}});
    addIssue(r, {{QStringLiteral("title"), QStringLiteral("Fix typo in README")}}, true);
    return r;
}

SimResponse GitHubSim::message(int status, const QString& text, const QJsonArray& errors)
{
    QJsonObject body{{QStringLiteral("message"), text}, {QStringLiteral("documentation_url"), QString::fromLatin1(kDocs)}, {QStringLiteral("status"), QString::number(status)}};
    if (!errors.isEmpty())
        body.insert(QStringLiteral("errors"), errors);
    return SimResponse::json(status, body);
}

SimResponse GitHubSim::errorFor(int status, const QString& text) const
{
    return message(status, text);
}

QJsonArray GitHubSim::labelObjects(const QJsonArray& names)
{
    QJsonArray out;
    for (const QJsonValue& n : names)
        out.append(QJsonObject{{QStringLiteral("name"), n.isObject() ? n.toObject().value(QStringLiteral("name")) : n}, {QStringLiteral("color"), QStringLiteral("ededed")}});
    return out;
}

QJsonObject GitHubSim::addIssue(Repo& repo, const QJsonObject& f, bool pullRequest)
{
    const int n = repo.nextNumber++;
    QJsonObject issue{{QStringLiteral("id"), 1000 + n}, {QStringLiteral("number"), n}, {QStringLiteral("title"), f.value(QStringLiteral("title"))},
                      {QStringLiteral("body"), f.value(QStringLiteral("body"))}, {QStringLiteral("state"), QStringLiteral("open")},
                      {QStringLiteral("state_reason"), QJsonValue::Null}, {QStringLiteral("user"), user()},
                      {QStringLiteral("labels"), labelObjects(f.value(QStringLiteral("labels")).toArray())},
                      {QStringLiteral("assignee"), QJsonValue::Null}, {QStringLiteral("assignees"), QJsonArray()},
                      {QStringLiteral("comments"), 0}, {QStringLiteral("created_at"), stamp(n)}, {QStringLiteral("updated_at"), stamp(n)},
                      {QStringLiteral("closed_at"), QJsonValue::Null}, {QStringLiteral("locked"), false},
                      {QStringLiteral("html_url"), QStringLiteral("https://github.com/%1/issues/%2").arg(repo.fullName).arg(n)},
                      {QStringLiteral("repository_url"), QStringLiteral("https://api.github.com/repos/%1").arg(repo.fullName)}};
    const QJsonArray assignees = f.value(QStringLiteral("assignees")).toArray();
    if (!assignees.isEmpty()) {
        const QJsonObject a{{QStringLiteral("login"), assignees.first()}};
        issue[QStringLiteral("assignee")] = a;
        issue[QStringLiteral("assignees")] = QJsonArray{a};
    }
    if (pullRequest)
        issue.insert(QStringLiteral("pull_request"), QJsonObject{{QStringLiteral("url"), QStringLiteral("https://github.com/%1/pull/%2").arg(repo.fullName).arg(n)}});
    repo.issues.insert(n, issue);
    return issue;
}

SimResponse GitHubSim::paged(const SimRequest& r, const QJsonArray& items) const
{
    const int perPage = std::clamp(r.queryValue(QStringLiteral("per_page")).isEmpty() ? 30 : r.queryValue(QStringLiteral("per_page")).toInt(), 1, 100);
    const int page = std::max(1, r.queryValue(QStringLiteral("page")).toInt());
    QJsonArray out;
    for (int i = (page - 1) * perPage; i < items.size() && out.size() < perPage; ++i)
        out.append(items.at(i));
    SimResponse resp = SimResponse::json(200, out);
    if (page * perPage < items.size()) {
        QUrlQuery q = r.query;
        q.removeAllQueryItems(QStringLiteral("page"));
        q.addQueryItem(QStringLiteral("page"), QString::number(page + 1));
        resp.headers.append({QByteArrayLiteral("Link"), "<" + (r.baseUrl + r.path + QLatin1Char('?') + q.toString(QUrl::FullyEncoded)).toUtf8() + ">; rel=\"next\""});
    }
    return resp;
}

SimResponse GitHubSim::issues(const SimRequest& r, const Repo& repo) const
{
    const QString state = r.queryValue(QStringLiteral("state")).isEmpty() ? QStringLiteral("open") : r.queryValue(QStringLiteral("state"));
    const QStringList labels = r.queryValue(QStringLiteral("labels")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    const QString assignee = r.queryValue(QStringLiteral("assignee"));
    const QString creator = r.queryValue(QStringLiteral("creator"));
    QList<QJsonObject> hits;
    for (const QJsonObject& i : repo.issues) {
        if (state != QLatin1String("all") && i.value(QStringLiteral("state")).toString() != state)
            continue;
        QStringList have;
        for (const QJsonValue& l : i.value(QStringLiteral("labels")).toArray())
            have << l.toObject().value(QStringLiteral("name")).toString();
        if (!std::all_of(labels.begin(), labels.end(), [&](const QString& l) { return have.contains(l); }))
            continue;
        if (!assignee.isEmpty() && i.value(QStringLiteral("assignee")).toObject().value(QStringLiteral("login")).toString() != assignee)
            continue;
        if (!creator.isEmpty() && i.value(QStringLiteral("user")).toObject().value(QStringLiteral("login")).toString() != creator)
            continue;
        hits.append(i);
    }
    if (r.queryValue(QStringLiteral("direction")) != QLatin1String("asc"))
        std::reverse(hits.begin(), hits.end());
    QJsonArray items;
    for (const QJsonObject& i : hits)
        items.append(i);
    return paged(r, items);
}

SimResponse GitHubSim::handle(const SimRequest& r)
{
    const QByteArray auth = r.header("Authorization");
    if (auth != "Bearer " + QByteArray(kDemoSecret) && auth != "token " + QByteArray(kDemoSecret))
        return message(401, QStringLiteral("Bad credentials"));
    QRegularExpressionMatch m;
    if (route(r, "GET", "/user"))
        return SimResponse::json(200, user());
    if (route(r, "GET", "/users/([^/]+)/repos", &m) || route(r, "GET", "/orgs/([^/]+)/repos", &m)) {
        const QString owner = m.captured(1);
        if (owner == QLatin1String("ghost"))
            return message(404, QStringLiteral("Not Found"));
        QJsonArray repos;
        for (const char* name : {"patchbay", "platform", "docs"})
            repos.append(repoJson(owner + QLatin1Char('/') + QLatin1String(name)));
        return paged(r, repos);
    }
    if (!route(r, r.method.constData(), "/repos/([^/]+)/([^/]+)(/.*)?", &m))
        return message(404, QStringLiteral("Not Found"));
    if (m.captured(1) == QLatin1String("ghost"))
        return message(404, QStringLiteral("Not Found"));
    return repoRequest(r, repo(m.captured(1) + QLatin1Char('/') + m.captured(2)), m.captured(3));
}

SimResponse GitHubSim::repoRequest(const SimRequest& request, Repo& repo, const QString& tail)
{
    SimRequest r = request;
    r.path = tail.isEmpty() ? QStringLiteral("/") : tail;
    QRegularExpressionMatch m;
    if (route(r, "GET", "/"))
        return SimResponse::json(200, repoJson(repo.fullName));
    if (route(r, "GET", "/issues")) {
        r.path = request.path; // Link headers name the full path
        return issues(r, repo);
    }
    if (route(r, "POST", "/issues")) {
        const QJsonObject f = r.json().toObject();
        if (f.value(QStringLiteral("title")).toString().trimmed().isEmpty())
            return message(422, QStringLiteral("Validation Failed"),
                           QJsonArray{QJsonObject{{QStringLiteral("resource"), QStringLiteral("Issue")}, {QStringLiteral("code"), QStringLiteral("missing_field")}, {QStringLiteral("field"), QStringLiteral("title")}}});
        return SimResponse::json(201, addIssue(repo, f));
    }
    if (route(r, "DELETE", "/issues/comments/(\\d+)", &m)) {
        const qint64 id = m.captured(1).toLongLong();
        if (m_comments.value(id).value(QStringLiteral("repository")).toString() != repo.fullName || m_comments.remove(id) == 0)
            return message(404, QStringLiteral("Not Found"));
        return SimResponse::empty(204);
    }
    if (route(r, "GET", "/issues/(\\d+)(/.*)?", &m) || route(r, "PATCH", "/issues/(\\d+)", &m) ||
        route(r, "POST", "/issues/(\\d+)/(labels|comments)", &m)) {
        const int n = m.captured(1).toInt();
        if (!repo.issues.contains(n))
            return message(404, QStringLiteral("Not Found"));
        QJsonObject issue = repo.issues.value(n);
        const QString sub = m.captured(2);
        if (r.method == "GET" && sub.isEmpty())
            return SimResponse::json(200, issue);
        if (r.method == "GET" && sub == QLatin1String("/comments")) {
            QJsonArray out;
            for (const QJsonObject& c : std::as_const(m_comments))
                if (c.value(QStringLiteral("issue_number")).toInt() == n && c.value(QStringLiteral("repository")).toString() == repo.fullName)
                    out.append(c);
            r.path = request.path;
            return paged(r, out);
        }
        if (r.method == "POST" && sub == QLatin1String("comments")) {
            const QString body = r.json().toObject().value(QStringLiteral("body")).toString();
            if (body.isEmpty())
                return message(422, QStringLiteral("Validation Failed"), QJsonArray{QJsonObject{{QStringLiteral("resource"), QStringLiteral("IssueComment")}, {QStringLiteral("code"), QStringLiteral("missing_field")}, {QStringLiteral("field"), QStringLiteral("body")}}});
            const qint64 id = m_nextCommentId++;
            const QJsonObject c{{QStringLiteral("id"), id}, {QStringLiteral("body"), body}, {QStringLiteral("user"), user()}, {QStringLiteral("issue_number"), n},
                                {QStringLiteral("repository"), repo.fullName},
                                {QStringLiteral("created_at"), stamp(int(id))}, {QStringLiteral("updated_at"), stamp(int(id))},
                                {QStringLiteral("html_url"), QStringLiteral("https://github.com/%1/issues/%2#issuecomment-%3").arg(repo.fullName).arg(n).arg(id)}};
            m_comments.insert(id, c);
            return SimResponse::json(201, c);
        }
        if (r.method == "POST" && sub == QLatin1String("labels")) {
            QJsonArray labels = issue.value(QStringLiteral("labels")).toArray();
            for (const QJsonValue& l : labelObjects(r.json().toObject().value(QStringLiteral("labels")).toArray()))
                labels.append(l);
            issue[QStringLiteral("labels")] = labels;
            repo.issues.insert(n, issue);
            return SimResponse::json(200, labels);
        }
        if (r.method == "PATCH") {
            const QJsonObject f = r.json().toObject();
            if (f.contains(QStringLiteral("state")) && f.value(QStringLiteral("state")) != QStringLiteral("open") && f.value(QStringLiteral("state")) != QStringLiteral("closed"))
                return message(422, QStringLiteral("Validation Failed"), QJsonArray{QJsonObject{{QStringLiteral("resource"), QStringLiteral("Issue")}, {QStringLiteral("code"), QStringLiteral("invalid")}, {QStringLiteral("field"), QStringLiteral("state")}}});
            for (const char* k : {"title", "body", "state"})
                if (f.contains(QLatin1String(k)))
                    issue[QLatin1String(k)] = f.value(QLatin1String(k));
            if (f.contains(QStringLiteral("labels")))
                issue[QStringLiteral("labels")] = labelObjects(f.value(QStringLiteral("labels")).toArray());
            if (f.contains(QStringLiteral("assignees"))) {
                const QJsonArray a = f.value(QStringLiteral("assignees")).toArray();
                issue[QStringLiteral("assignee")] = a.isEmpty() ? QJsonValue::Null : QJsonValue(QJsonObject{{QStringLiteral("login"), a.first()}});
            }
            issue[QStringLiteral("closed_at")] = issue.value(QStringLiteral("state")) == QStringLiteral("closed") ? QJsonValue(stamp(n + 30)) : QJsonValue::Null;
            issue[QStringLiteral("updated_at")] = stamp(n + 30);
            repo.issues.insert(n, issue);
            return SimResponse::json(200, issue);
        }
    }
    return message(404, QStringLiteral("Not Found"));
}

} // namespace pb::sim
