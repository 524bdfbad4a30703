#pragma once

#include "cli/Output.h"
#include "core/Api.h"
#include "core/Result.h"

#include <QString>
#include <QTextStream>

#include <memory>

namespace pb {
class Platform;
class CredentialVault;
class AdapterRegistry;
}

namespace pb::cli {

class Invocation;

// What every command handler gets: the global options, the platform (opened on first use, with
// the OS-keychain vault and the provider adapters) and the output streams.
class CommandContext final {
public:
    CommandContext();
    ~CommandContext();

    QString workspace; // --workspace or PATCHBAY_WORKSPACE
    QString token;     // --token or PATCHBAY_TOKEN (never printed)
    bool json = false; // --json

    QTextStream& out() { return m_out; }
    QTextStream& err() { return m_err; }

    // The vault and adapters handed to Platform::Options (also used by `init` and `demo`).
    CredentialVault* vault();
    AdapterRegistry* adapters();

    // Opens the workspace named by --workspace; a missing file is a clear problem, never created.
    Result<Platform*> platform();

    // Dispatches with the global token (unless the request already carries one).
    Result<ApiResponse> call(ApiRequest request);

    // Sends the request and prints the response: raw JSON with --json, else the view.
    // Returns the exit code.
    int run(ApiRequest request, const View& view = {});
    // Prints a response already obtained; returns the exit code.
    int show(const ApiResponse& response, const View& view = {});
    // Prints a success value in the chosen mode, wrapping it as {"result": value} for --json.
    int showResult(const QJsonValue& result, const View& view = {});

    int fail(const Problem& problem);
    int usageError(const QString& message, const QStringList& commandPath = {});
    void note(const QString& message); // human-mode remark on stderr (suppressed by --json)

private:
    QTextStream m_out;
    QTextStream m_err;
    std::unique_ptr<CredentialVault> m_vault;
    std::unique_ptr<AdapterRegistry> m_adapters;
    std::unique_ptr<Platform> m_platform;
};

// Helpers shared by the command groups.
QString percentEncoded(const QString& segment);
// "/v1/accounts/" + encoded id etc.
QString apiPath(std::initializer_list<QString> segments);
// Adds --limit, --start-after, --order, --filter to a list request.
void applyListOptions(ApiRequest& request, const Invocation& inv);
QList<struct OptionSpec> listOptions();
// Builds a JSON Patch array of "replace" operations from option values that are set.
QJsonArray replaceOps(const QList<QPair<QString, QJsonValue>>& fields);
// Parses key=value; a missing '=' is a usage problem.
Result<QPair<QString, QString>> splitKeyValue(const QString& text, const QString& optionName);
// Parses JSON from --body / --file style options.
Result<QJsonValue> parseJsonText(const QByteArray& text, const QString& what);
Result<QByteArray> readFileBytes(const QString& path);
// The JSON object in the file named by `option` (e.g. --file), or {} when the option is not set.
// With unwrapResult, a saved API answer ({"result": {...}}) is accepted as well.
Result<QJsonObject> jsonObjectFromFileOption(const Invocation& inv, const QString& option, bool unwrapResult);
// "90", "90s", "10m", "1h", "2d" -> seconds (the API's token_ttl unit).
Result<qint64> parseDurationSeconds(const QString& text, const QString& optionName);

} // namespace pb::cli
