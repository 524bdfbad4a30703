#include "catalog/Catalog.h"

#include "catalog/CatalogData.h"

#include <QStringBuilder>
#include <QUrl>

#include <cstdio>
#include <cstdlib>

using namespace Qt::Literals::StringLiterals;

namespace pb {

const ConfigField* ProviderSpec::field(const QString& fieldName) const {
    for (const ConfigField& f : config) {
        if (f.name == fieldName)
            return &f;
    }
    return nullptr;
}

void Catalog::Data::index() {
    for (const ConnectorSpec& connector : std::as_const(connectors)) {
        connectorById.insert(connector.id, &connector);
        providersByConnector.insert(connector.id, {});
        for (const OperationSpec& op : connector.operations) {
            operationById.insert(op.id, &op);
            routes.append({op.path.split(u'/', Qt::SkipEmptyParts), &op});
        }
    }
    for (const ProviderSpec& provider : std::as_const(providers)) {
        providerById.insert(provider.id, &provider);
        providersByConnector[provider.connectorId].append(&provider);
    }
}

Catalog::Catalog()
    : d(std::make_shared<const Data>()) {}

Catalog::Catalog(std::shared_ptr<const Data> data)
    : d(std::move(data)) {}

Result<Catalog> Catalog::loadFromDirectory(const QString& dir) {
    Result<std::shared_ptr<Data>> data = loadCatalogData(dir);
    if (!data)
        return data.problem();
    return Catalog(std::shared_ptr<const Data>(std::move(data).value()));
}

Result<Catalog> Catalog::loadBuiltin() {
    return loadFromDirectory(u":/catalog"_s);
}

const Catalog& Catalog::builtin() {
    static const Catalog catalog = [] {
        Result<Catalog> loaded = loadBuiltin();
        if (!loaded) {
            // Nothing works without the catalog; say exactly which file is broken and stop.
            const QByteArray text = loaded.problem().toText().toUtf8();
            std::fprintf(stderr, "patchbay: %s\n", text.constData());
            std::fflush(stderr);
            std::exit(2);
        }
        return std::move(loaded).value();
    }();
    return catalog;
}

const QList<ConnectorSpec>& Catalog::connectors() const {
    return d->connectors;
}

const ConnectorSpec* Catalog::connector(const QString& id) const {
    return d->connectorById.value(id);
}

const QList<ProviderSpec>& Catalog::providers() const {
    return d->providers;
}

const ProviderSpec* Catalog::provider(const QString& id) const {
    return d->providerById.value(id);
}

QList<const ProviderSpec*> Catalog::providersOf(const QString& connectorId) const {
    return d->providersByConnector.value(connectorId);
}

const OperationSpec* Catalog::operation(const QString& id) const {
    return d->operationById.value(id);
}

namespace {

QStringList requestSegments(const QString& path) {
    // Empty inner segments are kept, so "tickets//comments" can never bind an empty ticketId
    // nor collapse into another route.
    const qsizetype query = path.indexOf(u'?');
    QStringView view = QStringView(path).left(query < 0 ? path.size() : query);
    if (view.startsWith(u'/'))
        view = view.mid(1);
    if (view.endsWith(u'/'))
        view.chop(1);
    return view.toString().split(u'/');
}

// Matches literal segments exactly and binds "{name}" segments; fills params when given.
bool matchRoute(const QStringList& pattern, const QStringList& segments, QHash<QString, QString>* params) {
    if (pattern.size() != segments.size())
        return false;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QString& want = pattern.at(i);
        if (want.startsWith(u'{')) {
            const QString value = QUrl::fromPercentEncoding(segments.at(i).toUtf8());
            if (value.isEmpty())
                return false;
            if (params)
                params->insert(want.mid(1, want.size() - 2), value);
        } else if (want != segments.at(i)) {
            return false;
        }
    }
    return true;
}

} // namespace

std::optional<OperationMatch> Catalog::matchOperation(const QByteArray& method, const QString& path) const {
    const QByteArray upper = method.toUpper();
    const QStringList segments = requestSegments(path);
    for (const Data::Route& route : d->routes) {
        if (route.operation->method != upper)
            continue;
        OperationMatch match;
        if (matchRoute(route.segments, segments, &match.pathParams)) {
            match.operation = route.operation;
            return match;
        }
    }
    return std::nullopt;
}

QList<QByteArray> Catalog::methodsForPath(const QString& path) const {
    const QStringList segments = requestSegments(path);
    QList<QByteArray> methods;
    for (const Data::Route& route : d->routes) {
        if (matchRoute(route.segments, segments, nullptr) && !methods.contains(route.operation->method))
            methods.append(route.operation->method);
    }
    return methods;
}

const QStringList& Catalog::configFieldTypes() {
    static const QStringList types{u"string"_s, u"url"_s, u"integer"_s, u"boolean"_s, u"enum"_s, u"text"_s};
    return types;
}

const QStringList& Catalog::credentialTypeIds() {
    static const QStringList types{u"basic"_s, u"token"_s, u"secret"_s, u"o_auth_client"_s,
                                   u"tls_certificate"_s};
    return types;
}

} // namespace pb
