#include "cli/CommandContext.h"

#include "cli/Command.h"
#include "cli/ExitCodes.h"
#include "platform/Platform.h"
#include "providers/AdapterRegistry.h"
#include "vault/KeychainVault.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QStringBuilder>
#include <QUrl>

#include <cstdio>

namespace pb::cli {

CommandContext::CommandContext()
    : m_out(stdout)
    , m_err(stderr)
{
}

CommandContext::~CommandContext()
{
    // The platform refers to the vault and adapters: close it first.
    m_platform.reset();
    m_out.flush();
    m_err.flush();
}

CredentialVault* CommandContext::vault()
{
    if (!m_vault)
        m_vault = std::make_unique<KeychainVault>();
    return m_vault.get();
}

AdapterRegistry* CommandContext::adapters()
{
    if (!m_adapters)
        m_adapters = std::make_unique<AdapterRegistry>();
    return m_adapters.get();
}

Result<Platform*> CommandContext::platform()
{
    if (m_platform)
        return m_platform.get();
    if (workspace.isEmpty()) {
        return Problem(400, QStringLiteral("usage_error"), QStringLiteral("No workspace given"),
                       QStringLiteral("This command works on a workspace file."),
                       QStringLiteral("Pass --workspace FILE or set PATCHBAY_WORKSPACE; create one with "
                                      "'patchbay-cli init --workspace FILE --organization NAME --admin NAME'."));
    }
    if (!QFileInfo::exists(workspace)) {
        return Problem(404, QStringLiteral("workspace_not_found"), QStringLiteral("Workspace file not found"),
                       QStringLiteral("No file at '%1'.").arg(workspace),
                       QStringLiteral("Check the path, or create the workspace with 'patchbay-cli init "
                                      "--workspace %1 --organization NAME --admin NAME'.")
                           .arg(workspace));
    }
    Platform::Options options;
    options.workspacePath = workspace;
    options.vault = vault();
    options.adapters = adapters();
    Result<std::unique_ptr<Platform>> opened = Platform::open(options);
    if (!opened)
        return opened.problem();
    m_platform = std::move(opened).value();
    return m_platform.get();
}

Result<ApiResponse> CommandContext::call(ApiRequest request)
{
    Result<Platform*> p = platform();
    if (!p)
        return p.problem();
    if (request.token.isEmpty())
        request.token = token;
    if (request.token.isEmpty()) {
        return Problem(401, QStringLiteral("unauthorized"), QStringLiteral("No token given"),
                       QStringLiteral("This command calls the API and needs an access token."),
                       QStringLiteral("Pass --token TOKEN or set PATCHBAY_TOKEN (an Organization Access Token "
                                      "for management commands, an Integration Access Token for 'connector call')."));
    }
    return (*p)->dispatchSync(request);
}

int CommandContext::run(ApiRequest request, const View& view)
{
    Result<ApiResponse> response = call(std::move(request));
    if (!response)
        return fail(response.problem());
    return show(*response, view);
}

int CommandContext::show(const ApiResponse& response, const View& view)
{
    if (response.isError()) {
        Problem problem = response.problem();
        if (problem.status == 500 && problem.type.isEmpty())
            problem.status = response.status;
        if (json) {
            m_out << QJsonDocument(response.body.toObject()).toJson(QJsonDocument::Indented);
            m_out.flush();
        }
        m_err << problem.toText() << '\n';
        m_err.flush();
        return exitCodeFor(problem);
    }
    if (json) {
        if (response.body.isObject())
            m_out << QJsonDocument(response.body.toObject()).toJson(QJsonDocument::Indented);
        else if (response.body.isArray())
            m_out << QJsonDocument(response.body.toArray()).toJson(QJsonDocument::Indented);
        else
            m_out << "{}\n"; // 204 No Content: still valid JSON for scripts
    } else if (response.status == 204 || response.body.isUndefined()) {
        m_out << "done\n";
    } else {
        Output::printValue(m_out, response.result(), view);
        const QString cursor = response.body.toObject().value(QStringLiteral("cursor")).toString();
        if (!cursor.isEmpty())
            m_out << "next page: --cursor " << cursor << '\n';
    }
    m_out.flush();
    return ExitOk;
}

int CommandContext::showResult(const QJsonValue& result, const View& view)
{
    return show(ApiResponse::ofResult(result), view);
}

int CommandContext::fail(const Problem& problem)
{
    if (json) {
        m_out << QJsonDocument(problem.toJson()).toJson(QJsonDocument::Indented);
        m_out.flush();
    }
    m_err << problem.toText() << '\n';
    m_err.flush();
    return exitCodeFor(problem);
}

int CommandContext::usageError(const QString& message, const QStringList& commandPath)
{
    m_err << "patchbay-cli: " << message << '\n';
    if (!commandPath.isEmpty())
        m_err << "Run '" << commandPath.join(QLatin1Char(' ')) << " --help' for usage.\n";
    m_err.flush();
    return ExitUsage;
}

void CommandContext::note(const QString& message)
{
    if (json)
        return;
    m_err << message << '\n';
    m_err.flush();
}

QString percentEncoded(const QString& segment)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(segment));
}

QString apiPath(std::initializer_list<QString> segments)
{
    QString path = QStringLiteral("/v1");
    for (const QString& s : segments)
        path += QLatin1Char('/') + percentEncoded(s);
    return path;
}

QList<OptionSpec> listOptions()
{
    return {
        {QStringLiteral("limit"), QStringLiteral("N"), QStringLiteral("Return at most N objects (default 100).")},
        {QStringLiteral("start-after"), QStringLiteral("NAME"), QStringLiteral("Start after the object of this name (paging).")},
        {QStringLiteral("order"), QStringLiteral("FIELD[asc|desc]"), QStringLiteral("Sort order, e.g. name[desc]; repeatable."), true},
        {QStringLiteral("filter"), QStringLiteral("EXPR"), QStringLiteral("Filter, e.g. environment[eq]test or name[like]~demo-%; repeatable, ANDed."), true},
    };
}

void applyListOptions(ApiRequest& request, const Invocation& inv)
{
    if (inv.isSet(QStringLiteral("limit")))
        request.withQuery(QStringLiteral("limit"), inv.value(QStringLiteral("limit")));
    if (inv.isSet(QStringLiteral("start-after")))
        request.withQuery(QStringLiteral("start_after"), inv.value(QStringLiteral("start-after")));
    for (const QString& o : inv.valuesOf(QStringLiteral("order")))
        request.withQuery(QStringLiteral("order"), o);
    for (const QString& f : inv.valuesOf(QStringLiteral("filter")))
        request.withQuery(QStringLiteral("filter"), f);
}

QJsonArray replaceOps(const QList<QPair<QString, QJsonValue>>& fields)
{
    QJsonArray ops;
    for (const auto& [path, value] : fields)
        ops.append(QJsonObject{{QStringLiteral("op"), QStringLiteral("replace")},
                               {QStringLiteral("path"), QString(QLatin1Char('/') + path)},
                               {QStringLiteral("value"), value}});
    return ops;
}

Result<QPair<QString, QString>> splitKeyValue(const QString& text, const QString& optionName)
{
    const qsizetype eq = text.indexOf(QLatin1Char('='));
    if (eq <= 0) {
        return Problem(400, QStringLiteral("usage_error"),
                       QStringLiteral("--%1 expects key=value, got '%2'").arg(optionName, text), {},
                       QStringLiteral("Write it as --%1 key=value.").arg(optionName));
    }
    return QPair<QString, QString>(text.left(eq), text.mid(eq + 1));
}

Result<QJsonValue> parseJsonText(const QByteArray& text, const QString& what)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError) {
        return Problem(400, QStringLiteral("usage_error"), QStringLiteral("%1 is not valid JSON").arg(what),
                       QStringLiteral("%1 at offset %2.").arg(error.errorString()).arg(error.offset),
                       QStringLiteral("Check the JSON syntax."));
    }
    if (doc.isArray())
        return QJsonValue(doc.array());
    return QJsonValue(doc.object());
}

Result<QByteArray> readFileBytes(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Problem(400, QStringLiteral("usage_error"), QStringLiteral("Cannot read file '%1'").arg(path),
                       file.errorString(), QStringLiteral("Check the path and its permissions."));
    }
    return file.readAll();
}

Result<QJsonObject> jsonObjectFromFileOption(const Invocation& inv, const QString& option, bool unwrapResult)
{
    if (!inv.isSet(option))
        return QJsonObject();
    Result<QByteArray> bytes = readFileBytes(inv.value(option));
    if (!bytes)
        return bytes.problem();
    Result<QJsonValue> json = parseJsonText(*bytes, QStringLiteral("--") + option);
    if (!json)
        return json.problem();
    QJsonObject object = json->toObject();
    if (unwrapResult && object.value(QStringLiteral("result")).isObject())
        object = object.value(QStringLiteral("result")).toObject();
    return object;
}

Result<qint64> parseDurationSeconds(const QString& text, const QString& optionName)
{
    static const QList<QPair<QChar, qint64>> units{{QLatin1Char('s'), 1}, {QLatin1Char('m'), 60},
                                                   {QLatin1Char('h'), 3600}, {QLatin1Char('d'), 86400}};
    QString number = text.trimmed();
    qint64 factor = 1;
    for (const auto& [unit, seconds] : units) {
        if (number.endsWith(unit)) {
            number.chop(1);
            factor = seconds;
            break;
        }
    }
    bool ok = false;
    const qint64 value = number.toLongLong(&ok);
    if (!ok || value <= 0) {
        return Problem(400, QStringLiteral("usage_error"),
                       QStringLiteral("--%1 expects a duration like 90s, 10m, 1h or 2d, got '%2'").arg(optionName, text));
    }
    return value * factor;
}

} // namespace pb::cli
