#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QString>

namespace pb::bench {

// The shape of the generated workspace. Every Account gets one basic credential (metadata only)
// that its Integrations use, and Integrations are Jira Integrations; Integration 0 of every
// Account sits under Integration Point "ip-00", so that point is referenced by `accounts`
// Integrations; the others share the remaining 49 points.
struct Shape {
    int accounts = 10000;
    int integrationsPerAccount = 10;
    int integrationPoints = 50;

    int credentials() const { return accounts; }
    int integrations() const { return accounts * integrationsPerAccount; }
    // Rows of the import: accounts, points, credentials, integrations and their status rows.
    int rows() const { return accounts + integrationPoints + credentials() + 2 * integrations(); }
};

// An Integration Point body ("ip-NN"): ticketing, every provider in test and prod, HTTPS.
QJsonObject integrationPointBody(int index);

// A patchbay-export document (format 1) holding the whole shape, for POST /v1/import.
QJsonObject importDocument(const Shape& shape);

// Inserts the same rows with plain QtSql prepared statements in one transaction into the
// (empty, closed) workspace file at path, with the workspace's own pragmas. Returns the
// number of rows inserted.
Result<int> insertPlainSql(const QString& workspacePath, const Shape& shape);

} // namespace pb::bench
