#pragma once

#include <QString>
#include <QStringView>

namespace pb {

// Object ids are random UUIDs (never SQLite rowids), portable to any SQL server.
QString newId();
bool looksLikeId(QStringView text);

// Names are unique slugs within their scope: [a-z0-9_-], 1..64 characters.
bool isValidSlug(QStringView name);
// Derives a slug from a display name: lower-cased, runs of other characters folded to '-'.
QString slugify(const QString& fullname);

} // namespace pb
