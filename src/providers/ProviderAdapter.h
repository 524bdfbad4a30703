#pragma once

#include "core/Result.h"
#include "providers/HttpClient.h"
#include "providers/OperationCall.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace pb {

// One running operation: the call, where its answer goes, and every exchange made for it.
// Adapters chain HTTP steps through it; the first problem or success ends it (once).
class OperationRun final : public std::enable_shared_from_this<OperationRun> {
public:
    OperationRun(OperationCall call, OperationCallback done, HttpClient* http);

    const OperationCall& call() const { return m_call; }
    HttpClient* http() const { return m_http; }
    bool isDone() const { return m_done; }
    // Access token from an OAuth client-credentials exchange made earlier in this run.
    const QByteArray& accessToken() const { return m_accessToken; }
    void setAccessToken(const QByteArray& token) { m_accessToken = token; }
    // What is left of the call's timeoutMs: every step of an operation shares one deadline.
    int remainingMs() const;

    // Sends and hands over the result; a transport problem (policy, timeout, TLS, size) ends the
    // run with that problem instead.
    void send(const HttpRequest& request, std::function<void(const HttpResult&)> next);
    void fail(Problem problem);
    void succeed(const QJsonValue& result, const QString& cursor = {}, int httpStatus = 200);

private:
    OperationCall m_call;
    OperationCallback m_doneCb;
    HttpClient* m_http;
    QList<ExchangeRecord> m_exchanges;
    QByteArray m_accessToken;
    QElapsedTimer m_clock;
    bool m_done = false;
};
using RunPtr = std::shared_ptr<OperationRun>;

// A filter term of the unified API, e.g. "status[eq]Open" → {status, eq, Open}.
struct FilterTerm {
    QString field;
    QString op;
    QString value;
};

// Base of every provider adapter: request building with the Integration's transport policy,
// auth, and the mapping of provider answers to unified problems.
class ProviderAdapter {
public:
    virtual ~ProviderAdapter() = default;
    virtual QString providerId() const = 0;
    virtual QStringList operations() const = 0; // "verify" is always among them
    virtual void execute(const RunPtr& run) = 0;

protected:
    // The vendor's public API base when config "url" is empty (e.g. https://api.github.com).
    virtual QString defaultBaseUrl() const { return {}; }
    // Base URL from config "url" (trailing slash removed) + path; query items appended.
    HttpRequest makeRequest(const RunPtr& run, const QByteArray& method, const QString& path,
                            const QList<QPair<QString, QString>>& query = {}) const;
    void setJsonBody(HttpRequest& req, const QJsonValue& body) const;
    // Whether the provider takes an o_auth_client credential (client-credentials grant, Bearer).
    virtual bool acceptsOAuthClient() const { return false; }
    void fetchAccessToken(const RunPtr& run, std::function<void()> next) const;
    // Adds credentials and declares secret values for redaction.
    virtual Status applyAuth(HttpRequest& req, const OperationCall& call) const = 0;
    // The provider's own error text from an error body (empty if none).
    virtual QString providerMessage(const HttpResult& result) const;

    // Sends; maps error statuses to unified problems; parses JSON (malformed → problem).
    void sendJson(const RunPtr& run, const HttpRequest& req, std::function<void(const QJsonValue&, const HttpResult&)> next) const;
    // makeRequest + JSON body (unless Undefined) + applyAuth + sendJson.
    void api(const RunPtr& run, const QByteArray& method, const QString& path, const QList<QPair<QString, QString>>& query,
             const QJsonValue& body, std::function<void(const QJsonValue&, const HttpResult&)> next) const;
    virtual Problem problemFor(const HttpResult& result) const;
    static QString enc(const QString& pathSegment);
    static QString baseUrl(const RunPtr& run);
    static Problem malformed(const QString& detail);
    static Problem unsupported(const OperationCall& call);
    static Problem invalidParam(const QString& name, const QString& detail);

    // Parameter helpers: required string params end the run with a validation problem.
    static std::optional<QString> requireParam(const RunPtr& run, const QString& name);
    static std::optional<QJsonObject> requireBody(const RunPtr& run);
    static QString config(const RunPtr& run, const QString& key, const QString& fallback = {});
    static int limitParam(const RunPtr& run, int fallback = 50, int max = 100);
    static QList<FilterTerm> filters(const RunPtr& run);
    static Result<QJsonObject> patchChanges(const QJsonValue& patch);
    static QString secret(const OperationCall& call, const char* field);
    static Status requireCredential(const OperationCall& call, std::initializer_list<const char*> types);
};

} // namespace pb
