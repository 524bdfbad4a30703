#pragma once

#include <cstddef>
#include <cstdint>

namespace pb::fuzz {

// POST /v1/import as the local API server receives it: the body bytes are parsed as JSON, then
// dispatched through Platform with an administrator's token, so the whole Management API path
// runs (authentication, the import's validation, its one transaction, the audit entry). After a
// successful import the workspace is restored, so inputs never see each other's objects.
void runImportInput(const uint8_t* data, size_t size);

// TokenService::authenticate over a workspace holding known tokens (valid, revoked, expired,
// refresh, integration, disabled or missing member), in a transaction that is always rolled
// back. The first byte picks the API layer
// ('C' Connector, 'R' refresh, anything else Management); the rest is the bearer secret.
void runTokenInput(const uint8_t* data, size_t size);

} // namespace pb::fuzz
