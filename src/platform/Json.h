#pragma once

#include "core/Result.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace pb::json {

// JSON documents stored as TEXT columns.
QString text(const QJsonValue& value);
QJsonObject object(const QVariant& column);
QJsonArray array(const QVariant& column);
QStringList strings(const QJsonValue& value);
QJsonArray fromStrings(const QStringList& list);

// Null-aware column value for optional TEXT columns.
QVariant optional(const QString& text);
// A column as a JSON value: null stays null.
QJsonValue column(const QVariant& value);

// Body must be an object; otherwise a 400 naming the body.
Result<QJsonObject> bodyObject(const QJsonValue& body);

// Validates name/fullname of a create or replace body: name defaults to slugify(fullname).
// Returns {name, fullname} or a 400 naming the field.
struct Names {
    QString name;
    QString fullname;
};
Result<Names> names(const QJsonObject& body, const QString& fallbackName = {});

} // namespace pb::json
