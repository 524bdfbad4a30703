#pragma once

#include "sim/ProviderSim.h"

#include <QMap>

namespace pb::sim {

// Zendesk Support API v2 under /zendesk: tickets (cursor pagination), search export, comments
// through ticket updates, users/me. Paths answer with and without the ".json" suffix.
class ZendeskSim final : public ProviderSim {
public:
    ZendeskSim();
    QString prefix() const override { return QStringLiteral("zendesk"); }
    SimResponse handle(const SimRequest& r) override;
    SimResponse errorFor(int status, const QString& message) const override;

private:
    SimResponse page(const SimRequest& r, const QList<QJsonObject>& items, const QString& key) const;
    SimResponse create(const SimRequest& r);
    SimResponse update(const SimRequest& r, qint64 id);
    static bool matches(const QJsonObject& t, const QString& query);
    static SimResponse invalid(const QString& field, const QString& message);
    QJsonObject addComment(qint64 ticket, const QString& body);

    QMap<qint64, QJsonObject> m_tickets;
    QMap<qint64, QList<QJsonObject>> m_comments;
    qint64 m_nextId = 1;
    qint64 m_nextCommentId = 1000;
};

} // namespace pb::sim
