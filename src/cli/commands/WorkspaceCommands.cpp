#include "cli/Builders.h"
#include "cli/ExitCodes.h"
#include "cli/commands/Commands.h"

#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

namespace pb::cli {

namespace {

// Patchbay additions to the API (docs/API-NOTES.md).
const QString kExportPath = QStringLiteral("/v1/export");
const QString kImportPath = QStringLiteral("/v1/import");
const QString kReconcilePath = QStringLiteral("/v1/vault/reconcile");

int runExport(CommandContext& ctx, const Invocation& inv)
{
    Result<ApiResponse> response = ctx.call(ApiRequest::get(kExportPath));
    if (!response)
        return ctx.fail(response.problem());
    if (response->isError() || (ctx.json && !inv.isSet(QStringLiteral("output"))))
        return ctx.show(*response);
    // The export file is the document itself (importable as is), not the API envelope.
    const QJsonValue doc = response->result();
    const QByteArray bytes = doc.isArray() ? QJsonDocument(doc.toArray()).toJson(QJsonDocument::Indented)
                                           : QJsonDocument(doc.toObject()).toJson(QJsonDocument::Indented);
    if (!inv.isSet(QStringLiteral("output"))) {
        ctx.out() << QString::fromUtf8(bytes);
        ctx.out().flush();
        return ExitOk;
    }
    QSaveFile file(inv.value(QStringLiteral("output")));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        return ctx.fail(Problem(500, QStringLiteral("io_error"), QStringLiteral("Cannot write the export file"),
                                file.errorString(), QStringLiteral("Check the path and free space.")));
    }
    ctx.note(QStringLiteral("Exported the configuration to %1 (no secrets: credentials need their secrets again after import).")
                 .arg(inv.value(QStringLiteral("output"))));
    if (ctx.json)
        return ctx.showResult(QJsonObject{{QStringLiteral("file"), inv.value(QStringLiteral("output"))}});
    return ExitOk;
}

int runImport(CommandContext& ctx, const Invocation& inv)
{
    Result<QByteArray> bytes = readFileBytes(inv.arg(0));
    if (!bytes)
        return ctx.fail(bytes.problem());
    Result<QJsonValue> doc = parseJsonText(*bytes, QStringLiteral("The import file"));
    if (!doc)
        return ctx.fail(doc.problem());
    QJsonValue body = *doc;
    // An export captured with --json ({"result": ...}) is accepted too.
    if (body.isObject() && body.toObject().contains(QStringLiteral("result")) && body.toObject().size() == 1)
        body = body.toObject().value(QStringLiteral("result"));
    return ctx.run(ApiRequest::post(kImportPath, body));
}

} // namespace

Command exportCommand()
{
    return leaf(QStringLiteral("export"), QStringLiteral("Export the workspace configuration as JSON (never secrets)."), {},
                {opt(QStringLiteral("output"), QStringLiteral("FILE"), QStringLiteral("Write to FILE instead of stdout."))},
                {QStringLiteral("patchbay-cli export --output acme-config.json")}, runExport);
}

Command importCommand()
{
    return leaf(QStringLiteral("import"),
                QStringLiteral("Import a configuration export into a fresh workspace; validated by the same rules, all or nothing."),
                {arg(QStringLiteral("FILE"), QStringLiteral("A file written by 'export'."))},
                {},
                {QStringLiteral("patchbay-cli import acme-config.json")}, runImport);
}

Command vaultCommands()
{
    return group(
        QStringLiteral("vault"), QStringLiteral("The OS keychain that holds credential secrets."),
        {leaf(QStringLiteral("reconcile"),
              QStringLiteral("Report keychain entries without metadata and metadata without keychain entries."), {},
              {flag(QStringLiteral("clean"), QStringLiteral("Remove orphaned keychain entries (missing ones are only reported)."))},
              {QStringLiteral("patchbay-cli vault reconcile"), QStringLiteral("patchbay-cli vault reconcile --clean")},
              [](CommandContext& ctx, const Invocation& inv) {
                  if (inv.isSet(QStringLiteral("clean")))
                      return ctx.run(ApiRequest::post(kReconcilePath, QJsonObject()));
                  return ctx.run(ApiRequest::get(kReconcilePath));
              })});
}

Command apiCommand()
{
    return leaf(QStringLiteral("api"), QStringLiteral("Send a raw API request (escape hatch); prints the JSON answer."),
                {arg(QStringLiteral("METHOD"), QStringLiteral("GET, POST, PUT, PATCH or DELETE.")),
                 arg(QStringLiteral("PATH"), QStringLiteral("Path under /v1, e.g. /v1/accounts."))},
                {opt(QStringLiteral("body"), QStringLiteral("JSON"), QStringLiteral("Request body.")),
                 opt(QStringLiteral("body-file"), QStringLiteral("FILE"), QStringLiteral("Request body from a file.")),
                 opt(QStringLiteral("query"), QStringLiteral("KEY=VALUE"), QStringLiteral("Query parameter."), true)},
                {QStringLiteral("patchbay-cli api GET /v1/accounts --query limit=5"),
                 QStringLiteral("patchbay-cli api PATCH /v1/accounts/globex --body '[{\"op\":\"replace\",\"path\":\"/fullname\",\"value\":\"Globex\"}]'")},
                [](CommandContext& ctx, const Invocation& inv) {
                    const QByteArray method = inv.arg(0).toUpper().toLatin1();
                    static const QList<QByteArray> methods{"GET", "POST", "PUT", "PATCH", "DELETE"};
                    if (!methods.contains(method))
                        return ctx.usageError(QStringLiteral("unknown method '%1' (GET, POST, PUT, PATCH, DELETE)").arg(inv.arg(0)),
                                              inv.commandPath);
                    ApiRequest r;
                    r.method = method;
                    r.path = inv.arg(1).startsWith(QLatin1Char('/')) ? inv.arg(1) : QLatin1Char('/') + inv.arg(1);
                    for (const QString& kv : inv.valuesOf(QStringLiteral("query"))) {
                        Result<QPair<QString, QString>> pair = splitKeyValue(kv, QStringLiteral("query"));
                        if (!pair)
                            return ctx.fail(pair.problem());
                        r.withQuery(pair->first, pair->second);
                    }
                    if (inv.isSet(QStringLiteral("body")) || inv.isSet(QStringLiteral("body-file"))) {
                        QByteArray text = inv.value(QStringLiteral("body")).toUtf8();
                        if (inv.isSet(QStringLiteral("body-file"))) {
                            Result<QByteArray> bytes = readFileBytes(inv.value(QStringLiteral("body-file")));
                            if (!bytes)
                                return ctx.fail(bytes.problem());
                            text = *bytes;
                        }
                        Result<QJsonValue> body = parseJsonText(text, QStringLiteral("--body"));
                        if (!body)
                            return ctx.fail(body.problem());
                        r.body = *body;
                    }
                    // The raw answer is what this command is for: always JSON.
                    ctx.json = true;
                    return ctx.run(r);
                });
}

} // namespace pb::cli
