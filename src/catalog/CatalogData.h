#pragma once

// Internal to the catalog target: the loaded, validated, immutable catalog shared by copies.

#include "catalog/Catalog.h"

#include <QRegularExpression>

namespace pb {

struct Catalog::Data {
    QList<ConnectorSpec> connectors;
    QList<ProviderSpec> providers;
    QHash<QString, const ConnectorSpec*> connectorById;
    QHash<QString, const ProviderSpec*> providerById;
    QHash<QString, const OperationSpec*> operationById;
    QHash<QString, QList<const ProviderSpec*>> providersByConnector;
    // Compiled full-match patterns of config fields, keyed "<provider>/<field>".
    QHash<QString, QRegularExpression> fieldPatterns;

    struct Route {
        QStringList segments; // "{name}" marks a path parameter
        const OperationSpec* operation = nullptr;
    };
    QList<Route> routes;

    // Fills the lookup tables; call once after connectors and providers are final.
    void index();
};

// Loads and validates connectors.json and providers/*.json below `dir` (a file system path or
// ":/catalog"). Problems name the file and the JSON pointer of the fault.
Result<std::shared_ptr<Catalog::Data>> loadCatalogData(const QString& dir);

// Checks one value against a config field; returns the user-facing reason it is refused, or an
// empty string. Shared by catalog loading (defaults) and validateConfig.
QString checkConfigValue(const ConfigField& field, const QJsonValue& value,
                         const QRegularExpression* pattern);

} // namespace pb
