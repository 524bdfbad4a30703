#pragma once

#include "sim/SimHttp.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpressionMatch>

namespace pb::sim {

// Demo credentials every simulated provider accepts (documented in docs/SIMULATOR.md).
inline constexpr char kDemoUser[] = "demo@example.com";
inline constexpr char kDemoSecret[] = "demo-token";
inline constexpr char kDemoHook[] = "demo-hook";

// One simulated provider, mounted under its path prefix (e.g. "jira").
class ProviderSim {
public:
    virtual ~ProviderSim() = default;
    virtual QString prefix() const = 0;
    virtual SimResponse handle(const SimRequest& request) = 0;
    // The provider's own error body for an injected status fault.
    virtual SimResponse errorFor(int status, const QString& message) const;

protected:
    static bool basicOk(const SimRequest& r, const QByteArray& user = kDemoUser);
    static bool bearerOk(const SimRequest& r, const QByteArray& scheme = "Bearer");
    // Matches the request path against a pattern with (...) captures; fills `m`.
    static bool route(const SimRequest& r, const char* method, const char* pattern, QRegularExpressionMatch* m = nullptr);
    static QString now();
};

} // namespace pb::sim
