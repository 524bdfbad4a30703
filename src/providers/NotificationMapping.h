#pragma once

#include "core/Result.h"

#include <QJsonObject>

namespace pb::notification {

// The unified notification body: {summary, description?, priority?, channel?}.
struct Message {
    QString summary;
    QString description;
    QString priority;
    QString channel;
    QString link;
    QJsonObject fields; // name → text
    // One plain-text rendering for providers without structure.
    QString text() const;
    // The normalized Message result: {id, channel, summary, description, priority, created_at}.
    QJsonObject toJson(const QString& id) const;
};

Result<Message> parse(const QJsonValue& body);

} // namespace pb::notification
