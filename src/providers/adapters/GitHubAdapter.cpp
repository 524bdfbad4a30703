#include "providers/adapters/GitHubAdapter.h"

#include "core/Clock.h"
#include "providers/TicketMapping.h"

#include <QRegularExpression>
#include <QUrlQuery>

namespace pb {

namespace {

QString login(const QJsonValue& user)
{
    return user.toObject().value(QStringLiteral("login")).toString();
}

QString ghTime(const QJsonValue& v)
{
    const QDateTime t = parseRfc3339(v.toString());
    return t.isValid() ? toRfc3339(t) : QString();
}

QString repoPath(const RunPtr& run)
{
    return QStringLiteral("/repos/%1/%2").arg(QString::fromUtf8(QUrl::toPercentEncoding(run->call().config.value(QStringLiteral("owner")).toString())),
                                              QString::fromUtf8(QUrl::toPercentEncoding(run->call().config.value(QStringLiteral("repository")).toString())));
}

} // namespace

QStringList GitHubAdapter::operations() const
{
    return {QStringLiteral("verify"), QStringLiteral("ticketing_list_projects"), QStringLiteral("ticketing_query_tickets"),
            QStringLiteral("ticketing_get_ticket"), QStringLiteral("ticketing_create_ticket"),
            QStringLiteral("ticketing_patch_ticket"), QStringLiteral("ticketing_list_comments"),
            QStringLiteral("ticketing_create_comment"), QStringLiteral("ticketing_delete_comment")};
}

Status GitHubAdapter::applyAuth(HttpRequest& req, const OperationCall& call) const
{
    if (Status s = requireCredential(call, {"token"}); !s)
        return s;
    req.headers.append({QByteArrayLiteral("Authorization"), "Bearer " + call.secrets.value(QStringLiteral("secret"))});
    req.headers.append({QByteArrayLiteral("X-GitHub-Api-Version"), QByteArrayLiteral("2022-11-28")});
    for (auto& h : req.headers)
        if (h.first == "Accept")
            h.second = QByteArrayLiteral("application/vnd.github+json");
    return {};
}

QString GitHubAdapter::providerMessage(const HttpResult& result) const
{
    const QJsonObject o = QJsonDocument::fromJson(result.body).object();
    QStringList parts{o.value(QStringLiteral("message")).toString()};
    for (const QJsonValue& e : o.value(QStringLiteral("errors")).toArray()) {
        const QJsonObject eo = e.toObject();
        parts << (eo.contains(QStringLiteral("message")) ? eo.value(QStringLiteral("message")).toString()
                                                          : QStringLiteral("%1 %2").arg(eo.value(QStringLiteral("field")).toString(), eo.value(QStringLiteral("code")).toString()));
    }
    parts.removeAll(QString());
    return parts.isEmpty() ? ProviderAdapter::providerMessage(result) : parts.join(QStringLiteral("; "));
}

QString GitHubAdapter::nextPage(const QByteArray& link)
{
    static const QRegularExpression re(QStringLiteral("<([^>]+)>\\s*;\\s*rel=\"next\""));
    const auto m = re.match(QString::fromLatin1(link));
    return m.hasMatch() ? QUrlQuery(QUrl(m.captured(1))).queryItemValue(QStringLiteral("page")) : QString();
}

QJsonObject GitHubAdapter::toTicket(const RunPtr& run, const QJsonObject& i) const
{
    QJsonObject t = ticket::skeleton();
    const QString number = QString::number(i.value(QStringLiteral("number")).toInteger());
    auto setIf = [&t](const char* k, const QString& v) { if (!v.isEmpty()) t[QLatin1String(k)] = v; };
    t[QStringLiteral("id")] = number;
    t[QStringLiteral("name")] = QString(QLatin1Char('#') + number);
    setIf("summary", i.value(QStringLiteral("title")).toString());
    setIf("description", i.value(QStringLiteral("body")).toString());
    setIf("status", i.value(QStringLiteral("state")).toString());
    setIf("creator", login(i.value(QStringLiteral("user"))));
    setIf("assignee", login(i.value(QStringLiteral("assignee"))));
    setIf("created_at", ghTime(i.value(QStringLiteral("created_at"))));
    setIf("updated_at", ghTime(i.value(QStringLiteral("updated_at"))));
    setIf("completion_date", ghTime(i.value(QStringLiteral("closed_at"))));
    setIf("url", i.value(QStringLiteral("html_url")).toString());
    t[QStringLiteral("project")] = QString(config(run, QStringLiteral("owner")) + QLatin1Char('/') + config(run, QStringLiteral("repository")));
    t[QStringLiteral("issue_type")] = QStringLiteral("issue");
    QJsonArray tags;
    for (const QJsonValue& l : i.value(QStringLiteral("labels")).toArray()) {
        const QString name = l.isString() ? l.toString() : l.toObject().value(QStringLiteral("name")).toString();
        // GitHub has no priority field; a "priority:<level>" label stands in for it.
        if (name.startsWith(QLatin1String("priority:")) && ticket::priorities().contains(name.mid(9).trimmed().toUpper()))
            t[QStringLiteral("priority")] = name.mid(9).trimmed().toUpper();
        tags.append(name);
    }
    t[QStringLiteral("tags")] = tags;
    t[QStringLiteral("unmapped")] = ticket::unmapped(i, {QStringLiteral("number"), QStringLiteral("title"), QStringLiteral("body"), QStringLiteral("state"),
                                                         QStringLiteral("user"), QStringLiteral("assignee"), QStringLiteral("created_at"),
                                                         QStringLiteral("updated_at"), QStringLiteral("closed_at"), QStringLiteral("html_url"),
                                                         QStringLiteral("labels")});
    return t;
}

QJsonObject GitHubAdapter::toComment(const QString& ticketId, const QJsonObject& c)
{
    return {{QStringLiteral("id"), QString::number(c.value(QStringLiteral("id")).toInteger())},
            {QStringLiteral("ticket_id"), ticketId},
            {QStringLiteral("creator"), login(c.value(QStringLiteral("user")))},
            {QStringLiteral("content"), c.value(QStringLiteral("body"))},
            {QStringLiteral("created_at"), ghTime(c.value(QStringLiteral("created_at")))},
            {QStringLiteral("updated_at"), ghTime(c.value(QStringLiteral("updated_at")))}};
}

void GitHubAdapter::getIssue(const RunPtr& run, const QString& number, int status) const
{
    api(run, "GET", repoPath(run) + QStringLiteral("/issues/") + enc(number), {}, QJsonValue::Undefined,
        [this, run, status](const QJsonValue& v, const HttpResult&) { run->succeed(toTicket(run, v.toObject()), {}, status); });
}

static Result<QJsonObject> toIssueFields(const QJsonObject& t)
{
    QJsonObject f;
    if (t.contains(QStringLiteral("summary")))
        f.insert(QStringLiteral("title"), t.value(QStringLiteral("summary")));
    if (t.contains(QStringLiteral("description")))
        f.insert(QStringLiteral("body"), t.value(QStringLiteral("description")));
    if (t.contains(QStringLiteral("status"))) {
        const QString s = t.value(QStringLiteral("status")).toString().toLower();
        if (s != QLatin1String("open") && s != QLatin1String("closed"))
            return Problem(400, QStringLiteral("validation_failed"), QStringLiteral("Invalid parameter status"),
                           QStringLiteral("GitHub issues are \"open\" or \"closed\"."));
        f.insert(QStringLiteral("state"), s);
    }
    QJsonArray labels = t.value(QStringLiteral("tags")).toArray();
    if (t.contains(QStringLiteral("priority")))
        labels.append(QString(QStringLiteral("priority:") + t.value(QStringLiteral("priority")).toString().toLower()));
    if (t.contains(QStringLiteral("tags")) || t.contains(QStringLiteral("priority")))
        f.insert(QStringLiteral("labels"), labels);
    if (t.contains(QStringLiteral("assignee")))
        f.insert(QStringLiteral("assignees"), t.value(QStringLiteral("assignee")).isNull() ? QJsonArray() : QJsonArray{t.value(QStringLiteral("assignee"))});
    return f;
}

void GitHubAdapter::execute(const RunPtr& run)
{
    const QString op = run->call().operationId;
    const QJsonObject params = run->call().params;
    const QString page = params.value(QStringLiteral("cursor")).toString(QStringLiteral("1"));
    const QList<QPair<QString, QString>> paging{{QStringLiteral("per_page"), QString::number(limitParam(run))}, {QStringLiteral("page"), page}};
    if (op == QLatin1String("verify")) {
        api(run, "GET", repoPath(run), {}, QJsonValue::Undefined, [run](const QJsonValue& v, const HttpResult&) {
            run->succeed(QJsonObject{{QStringLiteral("verified"), true}, {QStringLiteral("identity"), v.toObject().value(QStringLiteral("full_name"))}});
        });
    } else if (op == QLatin1String("ticketing_list_projects")) {
        api(run, "GET", QStringLiteral("/users/%1/repos").arg(enc(config(run, QStringLiteral("owner")))), paging, QJsonValue::Undefined, [run](const QJsonValue& v, const HttpResult& r) {
            QJsonArray out;
            for (const QJsonValue& repo : v.toArray())
                out.append(QJsonObject{{QStringLiteral("id"), repo.toObject().value(QStringLiteral("full_name"))}, {QStringLiteral("name"), repo.toObject().value(QStringLiteral("name"))}});
            run->succeed(out, nextPage(r.header("Link")));
        });
    } else if (op == QLatin1String("ticketing_query_tickets")) {
        QList<QPair<QString, QString>> q = paging;
        QString state = QStringLiteral("all");
        QStringList labels;
        for (const FilterTerm& f : filters(run)) {
            if (f.field == QLatin1String("status") && f.op == QLatin1String("eq"))
                state = f.value.toLower();
            else if (f.field == QLatin1String("tags") && f.op == QLatin1String("eq"))
                labels << f.value;
            else if (f.field == QLatin1String("priority") && f.op == QLatin1String("eq"))
                labels << QStringLiteral("priority:") + f.value.toLower();
            else if ((f.field == QLatin1String("assignee") || f.field == QLatin1String("creator")) && f.op == QLatin1String("eq"))
                q.append({f.field, f.value});
            else if (f.field == QLatin1String("updated_at") && f.op == QLatin1String("gte"))
                q.append({QStringLiteral("since"), f.value});
            else {
                run->fail(invalidParam(QStringLiteral("filter"), QStringLiteral("Filter \"%1[%2]\" is not supported for GitHub.").arg(f.field, f.op)));
                return;
            }
        }
        q.append({QStringLiteral("state"), state});
        if (!labels.isEmpty())
            q.append({QStringLiteral("labels"), labels.join(QLatin1Char(','))});
        const QString order = params.value(QStringLiteral("order")).toString();
        q.append({QStringLiteral("sort"), order.startsWith(QLatin1String("updated_at")) ? QStringLiteral("updated") : QStringLiteral("created")});
        q.append({QStringLiteral("direction"), order.endsWith(QLatin1String("[asc]")) ? QStringLiteral("asc") : QStringLiteral("desc")});
        api(run, "GET", repoPath(run) + QStringLiteral("/issues"), q, QJsonValue::Undefined, [this, run](const QJsonValue& v, const HttpResult& r) {
            if (!v.isArray()) {
                run->fail(malformed(QStringLiteral("The issue list is not an array.")));
                return;
            }
            QJsonArray out;
            for (const QJsonValue& i : v.toArray())
                if (!i.toObject().contains(QStringLiteral("pull_request"))) // the issues API lists pull requests too
                    out.append(toTicket(run, i.toObject()));
            run->succeed(out, nextPage(r.header("Link")));
        });
    } else if (op == QLatin1String("ticketing_get_ticket")) {
        if (auto id = requireParam(run, QStringLiteral("ticketId")))
            getIssue(run, *id, 200);
    } else if (op == QLatin1String("ticketing_create_ticket")) {
        auto body = requireBody(run);
        auto f = body ? toIssueFields(*body) : Result<QJsonObject>(Problem());
        if (!body)
            return;
        if (!f) {
            run->fail(f.problem());
            return;
        }
        f->remove(QStringLiteral("state"));
        api(run, "POST", repoPath(run) + QStringLiteral("/issues"), {}, *f,
            [this, run](const QJsonValue& v, const HttpResult&) { run->succeed(toTicket(run, v.toObject()), {}, 201); });
    } else if (op == QLatin1String("ticketing_patch_ticket")) {
        auto id = requireParam(run, QStringLiteral("ticketId"));
        if (!id)
            return;
        auto changes = patchChanges(params.value(QStringLiteral("body")));
        if (!changes) {
            run->fail(changes.problem());
            return;
        }
        const QJsonArray addLabels = changes->take(QStringLiteral("+tags")).toArray();
        auto f = toIssueFields(*changes);
        if (!f) {
            run->fail(f.problem());
            return;
        }
        const QString number = *id;
        auto addThenGet = [this, run, number, addLabels] {
            if (addLabels.isEmpty()) {
                getIssue(run, number, 200);
                return;
            }
            api(run, "POST", repoPath(run) + QStringLiteral("/issues/%1/labels").arg(enc(number)), {}, QJsonObject{{QStringLiteral("labels"), addLabels}},
                [this, run, number](const QJsonValue&, const HttpResult&) { getIssue(run, number, 200); });
        };
        if (f->isEmpty())
            addThenGet();
        else
            api(run, "PATCH", repoPath(run) + QStringLiteral("/issues/") + enc(number), {}, *f, [addThenGet](const QJsonValue&, const HttpResult&) { addThenGet(); });
    } else if (op == QLatin1String("ticketing_list_comments")) {
        auto id = requireParam(run, QStringLiteral("ticketId"));
        if (!id)
            return;
        api(run, "GET", repoPath(run) + QStringLiteral("/issues/%1/comments").arg(enc(*id)), paging, QJsonValue::Undefined,
            [run, key = *id](const QJsonValue& v, const HttpResult& r) {
                QJsonArray out;
                for (const QJsonValue& c : v.toArray())
                    out.append(toComment(key, c.toObject()));
                run->succeed(out, nextPage(r.header("Link")));
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
        api(run, "POST", repoPath(run) + QStringLiteral("/issues/%1/comments").arg(enc(*id)), {}, QJsonObject{{QStringLiteral("body"), content}},
            [run, key = *id](const QJsonValue& v, const HttpResult&) { run->succeed(toComment(key, v.toObject()), {}, 201); });
    } else if (op == QLatin1String("ticketing_delete_comment")) {
        auto cid = requireParam(run, QStringLiteral("commentId"));
        if (!cid)
            return;
        api(run, "DELETE", repoPath(run) + QStringLiteral("/issues/comments/") + enc(*cid), {}, QJsonValue::Undefined,
            [run](const QJsonValue&, const HttpResult&) { run->succeed(QJsonValue(), {}, 204); });
    } else {
        run->fail(unsupported(run->call()));
    }
}

} // namespace pb
