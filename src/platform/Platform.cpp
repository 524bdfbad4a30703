#include "platform/Platform.h"

#include "core/Clock.h"
#include "core/Ids.h"
#include "platform/ConnectorApi.h"
#include "platform/Core.h"
#include "platform/Json.h"
#include "providers/AdapterRegistry.h"

#include <QEventLoop>
#include <QFile>

namespace pb {

struct Platform::Private {
    Core core;
};

void Core::dropCaches()
{
    if (tokens)
        tokens->clearCache();
    secrets.clear();
    organization.reset();
}

void Core::noticeExternalWrites()
{
    const qint64 version = ws->dataVersion();
    if (version != seenDataVersion) {
        if (seenDataVersion != -1)
            dropCaches();
        seenDataVersion = version;
    }
}

namespace {

bool isConnectorPath(const QStringList& segs)
{
    static const QStringList connectors{QStringLiteral("ticketing"), QStringLiteral("notifications"),
                                        QStringLiteral("sink")};
    return segs.size() >= 2 && segs.at(0) == QStringLiteral("v1") && connectors.contains(segs.at(1));
}

QString accessName(Access a)
{
    switch (a) {
    case Access::Read:
        return QStringLiteral("read");
    case Access::Manage:
        return QStringLiteral("manage");
    case Access::Administer:
        return QStringLiteral("administer");
    case Access::Refresh:
        return QStringLiteral("refresh");
    }
    return {};
}

void registerRoutes(Router& r)
{
    addOrganizationRoutes(r);
    addMemberRoutes(r);
    addRoleRoutes(r);
    addAccountRoutes(r);
    addEndUserRoutes(r);
    addTokenRoutes(r);
    addAuditRoutes(r);
    addIntegrationPointRoutes(r);
    addIntegrationRoutes(r);
    addCredentialRoutes(r);
    addVaultRoutes(r);
    addStatusRoutes(r);
    addCapabilityRoutes(r);
    addExportRoutes(r);
    addSearchRoutes(r);
}

Status seedOrganization(Workspace& ws, const QString& orgId, const QString& orgFullname, const QString& memberId,
                        const QString& adminFullname, const QString& adminEmail)
{
    const QString now = toRfc3339(nowUtc());
    QString orgName = slugify(orgFullname);
    if (orgName.isEmpty())
        orgName = QStringLiteral("organization");
    const QJsonObject options{{QStringLiteral("token_ttl"), TokenService::personalAccessMaxSeconds},
                              {QStringLiteral("refresh_token_ttl"), TokenService::refreshSeconds}};
    if (Status s = ws.insert(QStringLiteral("organization"), {{QStringLiteral("id"), orgId},
                                                               {QStringLiteral("name"), orgName},
                                                               {QStringLiteral("fullname"), orgFullname},
                                                               {QStringLiteral("options"), json::text(options)},
                                                               {QStringLiteral("created_at"), now},
                                                               {QStringLiteral("updated_at"), now}});
        !s)
        return s;
    const QStringList descriptions{QStringLiteral("Everything, including members, roles and Integration Points."),
                                   QStringLiteral("Accounts, Integrations, Credentials and Integration Access Tokens."),
                                   QStringLiteral("Read-only access to everything except secrets.")};
    const QStringList roles = builtinRoleNames();
    for (int i = 0; i < roles.size(); ++i) {
        QString fullname = roles.at(i);
        fullname[0] = fullname.at(0).toUpper();
        if (Status s = ws.insert(QStringLiteral("roles"), {{QStringLiteral("id"), newId()},
                                                           {QStringLiteral("name"), roles.at(i)},
                                                           {QStringLiteral("fullname"), fullname},
                                                           {QStringLiteral("description"), descriptions.at(i)},
                                                           {QStringLiteral("builtin"), 1},
                                                           {QStringLiteral("permission_set"), roles.at(i)},
                                                           {QStringLiteral("resources"), QStringLiteral("{}")},
                                                           {QStringLiteral("created_at"), now},
                                                           {QStringLiteral("updated_at"), now}});
            !s)
            return s;
    }
    QString memberName = slugify(adminFullname);
    if (memberName.isEmpty())
        memberName = QStringLiteral("admin");
    return ws.insert(QStringLiteral("members"),
                     {{QStringLiteral("id"), memberId},
                      {QStringLiteral("name"), memberName},
                      {QStringLiteral("fullname"), adminFullname.isEmpty() ? memberName : adminFullname},
                      {QStringLiteral("email"), adminEmail},
                      {QStringLiteral("type"), QStringLiteral("personal")},
                      {QStringLiteral("state"), QStringLiteral("enabled")},
                      {QStringLiteral("role_binding"), QStringLiteral("[\"administrator\"]")},
                      {QStringLiteral("created_at"), now},
                      {QStringLiteral("updated_at"), now}});
}

} // namespace

Platform::Platform(QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
}

Platform::~Platform() = default;

Result<QJsonObject> Platform::initialize(const Options& options, const QString& organizationFullname,
                                         const QString& adminFullname, const QString& adminEmail)
{
    if (organizationFullname.trimmed().isEmpty())
        return Problem::badRequest(QStringLiteral("The Organization needs a name."))
            .withParameter(QStringLiteral("organization"), QStringLiteral("body"));
    const bool existed = QFile::exists(options.workspacePath);
    QJsonObject out;
    {
        auto ws = Workspace::create(options.workspacePath);
        if (!ws)
            return ws.problem();
        const QString orgId = newId();
        const QString memberId = newId();
        TokenService tokens(**ws, orgId);
        Status s = (*ws)->transaction([&]() -> Status {
            if (Status seeded = seedOrganization(**ws, orgId, organizationFullname.trimmed(), memberId,
                                                 adminFullname.trimmed(), adminEmail.trimmed());
                !seeded)
                return seeded;
            auto pair = tokens.issueOrganizationPair(memberId, RoleLevel::Administrator,
                                                     TokenService::personalAccessMaxSeconds,
                                                     QStringLiteral("initial administrator token"));
            if (!pair)
                return pair.problem();
            out.insert(QStringLiteral("token"), *pair);
            AuditLog audit(**ws);
            return audit.append({memberId, {}, QStringLiteral("POST"), QStringLiteral("/v1/organization"),
                                 QStringLiteral("organization.initialize"), QStringLiteral("organization"), orgId,
                                 {}, {}, 201, QStringLiteral("success"), {}});
        });
        if (!s) {
            ws->reset();
            if (!existed)
                QFile::remove(options.workspacePath);
            return s.problem();
        }
        auto org = (*ws)->selectOne(QStringLiteral("SELECT id, name, fullname, created_at FROM organization"));
        auto member = (*ws)->selectOne(QStringLiteral("SELECT id, name, fullname, email FROM members"));
        if (org && org->has_value())
            out.insert(QStringLiteral("organization"), QJsonObject::fromVariantMap(**org));
        if (member && member->has_value())
            out.insert(QStringLiteral("member"), QJsonObject::fromVariantMap(**member));
    }
    return out;
}

Result<std::unique_ptr<Platform>> Platform::open(const Options& options)
{
    auto ws = Workspace::open(options.workspacePath);
    if (!ws)
        return ws.problem();
    auto orgId = (*ws)->scalar(QStringLiteral("SELECT id FROM organization"));
    if (!orgId)
        return orgId.problem();
    if (!orgId->isValid())
        return Problem(500, QStringLiteral("workspace_corrupt"), QStringLiteral("The workspace has no Organization."),
                       options.workspacePath, QStringLiteral("Create a new workspace or restore a backup."));
    std::unique_ptr<Platform> p(new Platform);
    Core& c = p->d->core;
    c.ws = std::move(*ws);
    c.organizationId = orgId->toString();
    c.vault = options.vault;
    if (options.adapters) {
        c.adapters = options.adapters;
    } else {
        c.ownAdapters = std::make_unique<AdapterRegistry>();
        c.adapters = c.ownAdapters.get();
    }
    c.tokens = std::make_unique<TokenService>(*c.ws, c.organizationId);
    c.audit = std::make_unique<AuditLog>(*c.ws);
    c.recorder = std::make_unique<CallRecorder>(*c.ws);
    c.seenDataVersion = c.ws->dataVersion();
    registerRoutes(c.router);
    return p;
}

QString Platform::workspacePath() const
{
    return d->core.ws->path();
}

QString Platform::workspaceId() const
{
    return d->core.organizationId;
}

void Platform::setFaultForTesting(Fault fault)
{
    d->core.fault = fault;
}

Status Platform::recordAccess(const AccessRecord& record)
{
    // Defence in depth: whatever the caller passes, no query string (which could carry a secret)
    // and nothing but a token id reaches the workspace.
    const QString path = record.path.section(QLatin1Char('?'), 0, 0).left(2048);
    QString tokenId = record.tokenId.left(64);
    if (tokenId.isEmpty() || !looksLikeId(tokenId))
        tokenId = QStringLiteral("-");
    return d->core.ws->insert(QStringLiteral("access_log"),
                              {{QStringLiteral("id"), newId()},
                               {QStringLiteral("created_at"), toRfc3339(record.time.isValid() ? record.time : nowUtc())},
                               {QStringLiteral("method"), record.method.left(16)},
                               {QStringLiteral("path"), path},
                               {QStringLiteral("status"), record.status},
                               {QStringLiteral("duration_ms"), record.durationMs},
                               {QStringLiteral("token_id"), tokenId}});
}

QList<Platform::RouteInfo> Platform::routes() const
{
    QList<RouteInfo> out;
    for (const Route& r : d->core.router.routes())
        out.append({r.method, r.pattern, accessName(r.access)});
    return out;
}

void Platform::dispatch(const ApiRequest& request, ApiCallback done)
{
    Core& core = d->core;
    const QString path = request.path;
    auto finish = [done, path](ApiResponse response) {
        if (response.isError() && response.body.isObject()) {
            QJsonObject body = response.body.toObject();
            if (!body.contains(QStringLiteral("instance")))
                body.insert(QStringLiteral("instance"), path);
            response.body = body;
        }
        done(response);
    };
    const QStringList segs = Router::split(path);
    if (segs.isEmpty() || segs.first() != QStringLiteral("v1"))
        return finish(ApiResponse::ofProblem(
            Problem::notFound(QStringLiteral("No such API path."), path).withRemediation(QStringLiteral("Paths start with /v1/."))));
    core.noticeExternalWrites();
    if (isConnectorPath(segs))
        return handleConnectorCall(core, request, finish);
    // Connector calls answered earlier are written before any Management call, so status and
    // history read through the API are complete, and a delete never races a kept record.
    core.recorder->flush();

    const Router::Match match = core.router.match(request.method, segs);
    if (!match.route) {
        if (match.otherMethod)
            return finish(ApiResponse::ofProblem(
                Problem(405, QStringLiteral("method_not_allowed"),
                        QStringLiteral("%1 is not allowed on this path.").arg(QString::fromLatin1(request.method)), path)));
        return finish(ApiResponse::ofProblem(Problem::notFound(QStringLiteral("No such API path."), path)
                                                 .withRemediation(QStringLiteral("See docs/API-NOTES.md for the routes."))));
    }
    const Route& route = *match.route;
    // Last-use times are kept in memory for up to a minute; reads of them see the latest.
    if (route.action.startsWith(QStringLiteral("tokens.")) || route.action.startsWith(QStringLiteral("members.")))
        core.tokens->flushUsage();
    auto call = std::make_shared<Call>();
    call->request = request;
    call->params = match.params;
    call->core = &core;
    call->action = route.action;
    call->resourceType = route.action.section(QLatin1Char('.'), 0, 0);
    // Reading a secret back is audited like a mutation, refused attempts included.
    call->auditRead = route.action.endsWith(QStringLiteral(".reveal"));

    // Audit every mutation (and flagged reads) with its outcome, whatever happened.
    auto reply = [call, finish, &core](ApiResponse response) {
        const bool mutation = call->request.method != QByteArrayLiteral("GET");
        if (mutation || call->auditRead) {
            AuditEntry e{call->caller.memberId,
                         call->caller.tokenId,
                         QString::fromLatin1(call->request.method),
                         call->request.path,
                         call->action,
                         call->resourceType,
                         call->resourceId,
                         call->accountId,
                         call->integrationId,
                         response.status,
                         response.isError() ? QStringLiteral("failure") : QStringLiteral("success"),
                         response.isError() ? response.problem().message : call->auditDetail};
            if (Status s = core.audit->append(e); !s)
                qWarning("patchbay: could not append to the audit log: %s", qPrintable(s.problem().detail));
            // Whatever this call changed (a revoked or rotated token, a member's role, a rotated
            // or deleted credential, a reconcile), nothing cached may outlive it.
            if (mutation)
                core.dropCaches();
        }
        finish(response);
    };

    Result<Caller> caller = Problem::internal(QStringLiteral("unauthenticated"));
    if (route.access == Access::Refresh && request.token.startsWith(QStringLiteral("pbr_")))
        caller = core.tokens->authenticate(request.token, ApiLayer::Refresh);
    else
        caller = core.tokens->authenticate(request.token, ApiLayer::Management);
    if (!caller)
        return reply(ApiResponse::ofProblem(caller.problem()));
    call->caller = *caller;
    const bool refreshOwn = route.access == Access::Refresh && caller->kind == QStringLiteral("refresh");
    if (!refreshOwn && !allows(caller->role, route.access)) {
        const QString needs = route.access == Access::Manage ? QStringLiteral("member or administrator")
                                                             : QStringLiteral("administrator");
        return reply(ApiResponse::ofProblem(
            Problem(403, QStringLiteral("permission_denied"),
                    QStringLiteral("Your role does not allow this call."),
                    QStringLiteral("%1 %2 needs the %3 role; this token acts as %4.")
                        .arg(QString::fromLatin1(request.method), route.pattern, needs,
                             roleName(caller->role).isEmpty() ? QStringLiteral("no role") : roleName(caller->role)),
                    QStringLiteral("Ask an administrator for a role that allows it."))));
    }
    route.handler(call, reply);
}

ApiResponse Platform::dispatchSync(const ApiRequest& request)
{
    std::optional<ApiResponse> out;
    QEventLoop loop;
    bool waiting = false;
    dispatch(request, [&](ApiResponse r) {
        out = std::move(r);
        if (waiting)
            loop.quit();
    });
    if (!out) {
        waiting = true;
        loop.exec();
    }
    return *out;
}

} // namespace pb
