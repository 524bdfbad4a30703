#pragma once

#include "providers/ProviderAdapter.h"

namespace pb {

// GitHub REST Issues of one repository (config "owner" and "repository"; "url" defaults to
// https://api.github.com). Pages follow the Link header (rel="next"); the cursor is the page.
class GitHubAdapter final : public ProviderAdapter {
public:
    QString providerId() const override { return QStringLiteral("ticketing_github"); }
    QStringList operations() const override;
    void execute(const RunPtr& run) override;
    static QString nextPage(const QByteArray& linkHeader);

protected:
    QString defaultBaseUrl() const override { return QStringLiteral("https://api.github.com"); }
    Status applyAuth(HttpRequest& req, const OperationCall& call) const override;
    QString providerMessage(const HttpResult& result) const override;

private:
    QJsonObject toTicket(const RunPtr& run, const QJsonObject& issue) const;
    static QJsonObject toComment(const QString& ticketId, const QJsonObject& c);
    void getIssue(const RunPtr& run, const QString& number, int status) const;
};

} // namespace pb
