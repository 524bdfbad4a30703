// /v1/capabilities: the catalog's connectors and providers.
#include "catalog/Catalog.h"
#include "platform/routes/RouteUtil.h"

namespace pb {

void addCapabilityRoutes(Router& r)
{
    r.add("GET", QStringLiteral("/v1/capabilities/connectors"), Access::Read, QStringLiteral("capabilities.connectors"),
          [](Call& call) -> Result<ApiResponse> {
              const Catalog& catalog = Catalog::builtin();
              QJsonArray all;
              for (const ConnectorSpec& c : catalog.connectors()) {
                  QJsonObject o = catalog.connectorJson(c);
                  if (!o.contains(QStringLiteral("name")))
                      o.insert(QStringLiteral("name"), c.id);
                  all.append(o);
              }
              return listResponse(call, all);
          });
    r.add("GET", QStringLiteral("/v1/capabilities/connectors/{connectorId}"), Access::Read, QStringLiteral("capabilities.connector"),
          [](Call& call) -> Result<ApiResponse> {
              const Catalog& catalog = Catalog::builtin();
              const ConnectorSpec* c = catalog.connector(call.param(QStringLiteral("connectorId")));
              if (!c)
                  return Problem::notFound(QStringLiteral("No such connector."))
                      .withParameter(QStringLiteral("connectorId"), QStringLiteral("path"), call.param(QStringLiteral("connectorId")));
              return ApiResponse::ofResult(catalog.connectorJson(*c));
          });
    r.add("GET", QStringLiteral("/v1/capabilities/providers"), Access::Read, QStringLiteral("capabilities.providers"),
          [](Call& call) -> Result<ApiResponse> {
              const Catalog& catalog = Catalog::builtin();
              QJsonArray all;
              for (const ProviderSpec& p : catalog.providers()) {
                  QJsonObject o = catalog.providerJson(p);
                  if (!o.contains(QStringLiteral("name")))
                      o.insert(QStringLiteral("name"), p.id);
                  all.append(o);
              }
              return listResponse(call, all);
          });
    r.add("GET", QStringLiteral("/v1/capabilities/providers/{providerId}"), Access::Read, QStringLiteral("capabilities.provider"),
          [](Call& call) -> Result<ApiResponse> {
              const Catalog& catalog = Catalog::builtin();
              const ProviderSpec* p = catalog.provider(call.param(QStringLiteral("providerId")));
              if (!p)
                  return Problem::notFound(QStringLiteral("No such provider."))
                      .withParameter(QStringLiteral("providerId"), QStringLiteral("path"), call.param(QStringLiteral("providerId")));
              return ApiResponse::ofResult(catalog.providerJson(*p));
          });
}

} // namespace pb
