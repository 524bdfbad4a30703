#include "PlatformHarness.h"

#include "FuzzApp.h"

#include "core/Clock.h"
#include "platform/Json.h"
#include "platform/Platform.h"
#include "platform/TokenService.h"
#include "storage/Workspace.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <memory>

namespace pb::fuzz {

namespace {

// A fresh workspace file with its Organization and first administrator, as `patchbay-cli init`
// makes it. Returns the administrator's member id.
QString initializeWorkspace(const QString& path)
{
    ensureApplication();
    auto init = Platform::initialize({path, nullptr, nullptr}, QStringLiteral("Fuzz Org"), QStringLiteral("Fuzz Admin"));
    if (!init)
        invariantBroken("could not initialize the fuzz workspace", init.problem().detail.toUtf8());
    return init->value(QStringLiteral("member")).toObject().value(QStringLiteral("id")).toString();
}

// The workspace the import target posts to, through the public Platform API exactly as the CLI
// and the local API server do. A successful import is undone by restoring the pristine copy of
// the file, so the next input does not collide with its names.
struct ImportFixture {
    QString pristine;
    QString path;
    QString adminToken;
    std::unique_ptr<Platform> platform;
    QJsonObject baseline; // the pristine workspace's export
    int dispatched = 0;

    QJsonObject exported()
    {
        const ApiResponse r = platform->dispatchSync(ApiRequest::get(QStringLiteral("/v1/export"), adminToken));
        if (r.isError())
            invariantBroken("GET /v1/export failed", QJsonDocument(r.body.toObject()).toJson());
        QJsonObject doc = r.result().toObject();
        doc.remove(QStringLiteral("exported_at"));
        return doc;
    }

    void reopen()
    {
        platform.reset();
        for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(path + suffix);
        if (!QFile::copy(pristine, path))
            invariantBroken("could not restore the fuzz workspace");
        auto p = Platform::open({path, nullptr, nullptr});
        if (!p)
            invariantBroken("could not open the fuzz workspace", p.problem().detail.toUtf8());
        platform = std::move(*p);
        dispatched = 0;
    }
};

ImportFixture& importFixture()
{
    static ImportFixture* f = [] {
        auto* fx = new ImportFixture;
        fx->pristine = scratchDir() + QStringLiteral("/import-pristine.patchbay");
        fx->path = scratchDir() + QStringLiteral("/import.patchbay");
        ensureApplication();
        auto init = Platform::initialize({fx->pristine, nullptr, nullptr}, QStringLiteral("Fuzz Org"), QStringLiteral("Fuzz Admin"));
        if (!init)
            invariantBroken("could not initialize the fuzz workspace", init.problem().detail.toUtf8());
        fx->adminToken = init->value(QStringLiteral("token")).toObject().value(QStringLiteral("access")).toObject()
                             .value(QStringLiteral("secret")).toString();
        fx->reopen();
        fx->baseline = fx->exported();
        return fx;
    }();
    return *f;
}

void checkResponse(const ApiResponse& r)
{
    if (r.status < 200 || r.status > 599)
        invariantBroken("a response status outside 200..599", QByteArray::number(r.status));
    if (r.isError() && r.problem().type.isEmpty())
        invariantBroken("an error response without a problem type", QJsonDocument(r.body.toObject()).toJson());
}

// Known tokens: id -> (secret prefix, row values). Secrets are "<prefix>_<id>_" + 43 x 'A'..
struct KnownToken {
    const char* id;
    const char* prefix;
    const char* kind;
    const char* resourceType;
    const char* member; // "admin", "disabled", "gone" or empty
    int expiresInSeconds;
    bool revoked;
};

const KnownToken kTokens[] = {
    {"00000000-0000-4000-8000-000000000001", "pbo", "access", "organization", "admin", 3600, false},
    {"00000000-0000-4000-8000-000000000002", "pbr", "refresh", "organization", "admin", 86400, false},
    {"00000000-0000-4000-8000-000000000003", "pbi", "access", "integration", "", 600, false},
    {"00000000-0000-4000-8000-000000000004", "pbr", "refresh", "integration", "", 86400, false},
    {"00000000-0000-4000-8000-000000000005", "pbo", "access", "organization", "admin", 3600, true},
    {"00000000-0000-4000-8000-000000000006", "pbo", "access", "organization", "admin", -60, false},
    {"00000000-0000-4000-8000-000000000007", "pbo", "access", "organization", "disabled", 3600, false},
    {"00000000-0000-4000-8000-000000000008", "pbo", "access", "organization", "gone", 3600, false},
};

struct TokenFixture {
    std::unique_ptr<Workspace> ws;
};

TokenFixture& tokenFixture()
{
    static TokenFixture* f = [] {
        auto* fx = new TokenFixture;
        const QString path = scratchDir() + QStringLiteral("/tokens.patchbay");
        const QString adminId = initializeWorkspace(path);
        auto ws = Workspace::open(path);
        if (!ws)
            invariantBroken("could not open the fuzz workspace", ws.problem().detail.toUtf8());
        fx->ws = std::move(*ws);
        const QString now = toRfc3339(nowUtc());
        const QString disabledId = QStringLiteral("00000000-0000-4000-8000-0000000000d1");
        Status s = fx->ws->insert(QStringLiteral("members"),
                                  {{QStringLiteral("id"), disabledId}, {QStringLiteral("name"), QStringLiteral("disabled")},
                                   {QStringLiteral("fullname"), QStringLiteral("Disabled")}, {QStringLiteral("type"), QStringLiteral("personal")},
                                   {QStringLiteral("state"), QStringLiteral("disabled")},
                                   {QStringLiteral("role_binding"), QStringLiteral("[\"member\"]")},
                                   {QStringLiteral("created_at"), now}, {QStringLiteral("updated_at"), now}});
        for (const KnownToken& t : kTokens) {
            if (!s)
                break;
            const QString id = QString::fromLatin1(t.id);
            const QByteArray secret = QByteArray(t.prefix) + '_' + t.id + '_' + QByteArray(43, 'A');
            const QString member = qstrcmp(t.member, "admin") == 0      ? adminId
                                   : qstrcmp(t.member, "disabled") == 0 ? disabledId
                                   : qstrcmp(t.member, "gone") == 0     ? QStringLiteral("00000000-0000-4000-8000-0000000000ee")
                                                                        : QString();
            const bool integration = qstrcmp(t.resourceType, "integration") == 0;
            s = fx->ws->insert(QStringLiteral("tokens"),
                               {{QStringLiteral("id"), id}, {QStringLiteral("kind"), QString::fromLatin1(t.kind)},
                                {QStringLiteral("token_hash"), sha256Hex(secret)}, {QStringLiteral("name"), QStringLiteral("fuzz")},
                                {QStringLiteral("resource_type"), QString::fromLatin1(t.resourceType)},
                                {QStringLiteral("member_id"), json::optional(member)},
                                {QStringLiteral("account_id"), json::optional(integration ? QStringLiteral("00000000-0000-4000-8000-0000000000a1") : QString())},
                                {QStringLiteral("integration_id"), json::optional(integration ? QStringLiteral("00000000-0000-4000-8000-0000000000b1") : QString())},
                                {QStringLiteral("refresh_id"), json::optional(qstrcmp(t.kind, "access") == 0 ? QStringLiteral("00000000-0000-4000-8000-000000000002") : QString())},
                                {QStringLiteral("role"), json::optional(integration ? QString() : QStringLiteral("administrator"))},
                                {QStringLiteral("ttl_seconds"), t.expiresInSeconds},
                                {QStringLiteral("expires_at"), toRfc3339(nowUtc().addSecs(t.expiresInSeconds))},
                                {QStringLiteral("revoked_at"), json::optional(t.revoked ? now : QString())},
                                {QStringLiteral("created_at"), now}});
        }
        if (!s)
            invariantBroken("could not seed the fuzz tokens", s.problem().detail.toUtf8());
        return fx;
    }();
    return *f;
}

// Always rolls back: the fuzz workspaces never change from one input to the next.
Status rolledBack()
{
    return Problem::internal(QStringLiteral("fuzz: roll back"));
}

} // namespace

void runImportInput(const uint8_t* data, size_t size)
{
    ImportFixture& fx = importFixture();
    // As the local API server reads a request body (server/HttpTranslation.cpp).
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes(data, size), &error);
    if (error.error != QJsonParseError::NoError || doc.isNull())
        return;
    const QJsonValue body = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
    const ApiResponse r = fx.platform->dispatchSync(ApiRequest::post(QStringLiteral("/v1/import"), body, fx.adminToken));
    checkResponse(r);
    if (r.status == 401)
        invariantBroken("the administrator token was refused", QJsonDocument(r.body.toObject()).toJson());
    // All or nothing: a refused import leaves the workspace exactly as it was.
    if (r.isError() && fx.exported() != fx.baseline)
        invariantBroken("a refused import changed the workspace", QJsonDocument(r.body.toObject()).toJson());
    // Every call appends to the audit log; restart from the pristine file now and then so the
    // workspace (and the cost of an input) stays small.
    if (!r.isError() || ++fx.dispatched >= 5000)
        fx.reopen();
}

void runTokenInput(const uint8_t* data, size_t size)
{
    TokenFixture& fx = tokenFixture();
    if (size == 0)
        return;
    const ApiLayer layer = data[0] == 'C' ? ApiLayer::Connector : data[0] == 'R' ? ApiLayer::Refresh : ApiLayer::Management;
    const QString secret = QString::fromUtf8(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1));
    (void)fx.ws->transaction([&]() -> Status {
        // A fresh service per input: nothing it caches or records outlives the input.
        TokenService tokens(*fx.ws, QStringLiteral("org"));
        const Result<Caller> caller = tokens.authenticate(secret, layer);
        if (caller) {
            // Only the exact secrets of the seeded, usable tokens may authenticate.
            const QByteArray expected = secret.toUtf8();
            bool known = false;
            for (const KnownToken& t : kTokens)
                known |= expected == QByteArray(t.prefix) + '_' + t.id + '_' + QByteArray(43, 'A');
            if (!known)
                invariantBroken("an unknown secret authenticated", expected);
            if (caller->tokenId.isEmpty())
                invariantBroken("an authenticated caller without a token id");
        } else if (caller.problem().status != 401 || caller.problem().type.isEmpty()) {
            invariantBroken("a refused token did not answer 401 with a problem type", caller.problem().type.toUtf8());
        }
        return rolledBack();
    });
}

} // namespace pb::fuzz
