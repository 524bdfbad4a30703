// The workspace schema, one step per version. Portable SQL only: TEXT UUID ids, timestamps as
// RFC 3339 UTC TEXT, JSON documents as TEXT, INTEGER booleans.
#include "storage/Migrations.h"

namespace pb::migrations {

namespace {

QStringList version1()
{
    return {
        QStringLiteral(R"(CREATE TABLE organization (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, fullname TEXT NOT NULL,
            options TEXT NOT NULL DEFAULT '{}', created_at TEXT NOT NULL, updated_at TEXT NOT NULL))"),
        QStringLiteral(R"(CREATE TABLE roles (
            id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, fullname TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '', builtin INTEGER NOT NULL DEFAULT 0,
            permission_set TEXT NOT NULL, resources TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL))"),
        QStringLiteral(R"(CREATE TABLE members (
            id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, fullname TEXT NOT NULL,
            email TEXT NOT NULL DEFAULT '', type TEXT NOT NULL CHECK (type IN ('personal','service')),
            state TEXT NOT NULL CHECK (state IN ('enabled','disabled')),
            role_binding TEXT NOT NULL DEFAULT '[]', token_ttl INTEGER, last_logon TEXT,
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL))"),
        QStringLiteral(R"(CREATE TABLE accounts (
            id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, fullname TEXT NOT NULL,
            environment TEXT NOT NULL CHECK (environment IN ('test','prod')),
            labels TEXT NOT NULL DEFAULT '[]', created_at TEXT NOT NULL, updated_at TEXT NOT NULL))"),
        QStringLiteral(R"(CREATE TABLE end_users (
            id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            name TEXT NOT NULL, fullname TEXT NOT NULL, email TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL, UNIQUE (account_id, name)))"),
        QStringLiteral(R"(CREATE TABLE integration_points (
            id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, fullname TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '', connector TEXT NOT NULL,
            environments TEXT NOT NULL DEFAULT '{}', rules TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL))"),
        QStringLiteral(R"(CREATE TABLE credentials (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, fullname TEXT NOT NULL,
            owner_type TEXT NOT NULL CHECK (owner_type IN ('account','integration','integration_point')),
            owner_id TEXT NOT NULL, account_id TEXT REFERENCES accounts(id) ON DELETE CASCADE,
            type TEXT NOT NULL, metadata TEXT NOT NULL DEFAULT '{}', expires TEXT,
            secret_set_at TEXT NOT NULL, rotated_at TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL, UNIQUE (owner_id, name)))"),
        QStringLiteral(R"(CREATE TABLE integrations (
            id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            name TEXT NOT NULL, fullname TEXT NOT NULL, category TEXT NOT NULL,
            provider_type TEXT NOT NULL, provider_config TEXT NOT NULL DEFAULT '{}',
            credential_id TEXT REFERENCES credentials(id) ON DELETE RESTRICT,
            integration_point_id TEXT REFERENCES integration_points(id) ON DELETE RESTRICT,
            enabled INTEGER NOT NULL DEFAULT 1, compliance TEXT NOT NULL DEFAULT 'compliant',
            violations TEXT NOT NULL DEFAULT '[]', refresh_token_id TEXT,
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL, UNIQUE (account_id, name)))"),
        // Non-secret index of what lives in the keychain, so entries can be found and removed
        // in bulk; 'pending' rows mark a write whose metadata commit has not happened yet.
        QStringLiteral(R"(CREATE TABLE vault_index (
            vault_key TEXT PRIMARY KEY, credential_id TEXT NOT NULL, account_id TEXT,
            field TEXT NOT NULL, state TEXT NOT NULL CHECK (state IN ('pending','stored')),
            created_at TEXT NOT NULL))"),
        QStringLiteral(R"(CREATE TABLE tokens (
            id TEXT PRIMARY KEY, kind TEXT NOT NULL, token_hash TEXT NOT NULL, name TEXT NOT NULL DEFAULT '',
            resource_type TEXT NOT NULL CHECK (resource_type IN ('organization','integration')),
            member_id TEXT, account_id TEXT, integration_id TEXT, refresh_id TEXT,
            role TEXT, permissions TEXT NOT NULL DEFAULT '{}', ttl_seconds INTEGER NOT NULL,
            expires_at TEXT NOT NULL, revoked_at TEXT, last_used_at TEXT, created_at TEXT NOT NULL))"),
        QStringLiteral(R"(CREATE TABLE audit_events (
            id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, created_at TEXT NOT NULL,
            member_id TEXT, token_id TEXT, method TEXT NOT NULL, path TEXT NOT NULL,
            action TEXT NOT NULL, resource_type TEXT NOT NULL DEFAULT '', resource_id TEXT NOT NULL DEFAULT '',
            account_id TEXT NOT NULL DEFAULT '', integration_id TEXT NOT NULL DEFAULT '',
            status INTEGER NOT NULL, outcome TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '',
            prev_hash TEXT NOT NULL, hash TEXT NOT NULL))"),
        // The chain's head, so a removed last row is noticed too.
        QStringLiteral(R"(CREATE TABLE audit_head (
            id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, hash TEXT NOT NULL))"),
        QStringLiteral(R"(CREATE TABLE integration_status (
            integration_id TEXT PRIMARY KEY REFERENCES integrations(id) ON DELETE CASCADE,
            account_id TEXT NOT NULL, requests INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0,
            in_bytes INTEGER NOT NULL DEFAULT 0, out_bytes INTEGER NOT NULL DEFAULT 0,
            last_success_at TEXT, last_failure_at TEXT, last_error TEXT NOT NULL DEFAULT '',
            last_latency_ms INTEGER NOT NULL DEFAULT 0, total_latency_ms INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL))"),
        QStringLiteral(R"(CREATE TABLE call_history (
            id TEXT PRIMARY KEY, integration_id TEXT NOT NULL REFERENCES integrations(id) ON DELETE CASCADE,
            account_id TEXT NOT NULL, created_at TEXT NOT NULL, operation_id TEXT NOT NULL,
            method TEXT NOT NULL, path TEXT NOT NULL, status INTEGER NOT NULL, error TEXT NOT NULL DEFAULT '',
            duration_ms INTEGER NOT NULL DEFAULT 0, request TEXT NOT NULL DEFAULT '{}'))"),
        QStringLiteral("CREATE INDEX idx_integrations_account ON integrations(account_id)"),
        QStringLiteral("CREATE INDEX idx_integrations_point ON integrations(integration_point_id)"),
        QStringLiteral("CREATE INDEX idx_credentials_account ON credentials(account_id)"),
        QStringLiteral("CREATE INDEX idx_end_users_account ON end_users(account_id)"),
        QStringLiteral("CREATE INDEX idx_vault_index_credential ON vault_index(credential_id)"),
        QStringLiteral("CREATE INDEX idx_tokens_integration ON tokens(integration_id)"),
        QStringLiteral("CREATE INDEX idx_tokens_member ON tokens(member_id)"),
    };
}

// v2: the status and history screens list per Integration, newest first; audit queries filter
// by time and Account.
QStringList version2()
{
    return {
        QStringLiteral("CREATE INDEX idx_call_history_integration ON call_history(integration_id, created_at)"),
        QStringLiteral("CREATE INDEX idx_call_history_account ON call_history(account_id)"),
        QStringLiteral("CREATE INDEX idx_audit_created ON audit_events(created_at)"),
        QStringLiteral("CREATE INDEX idx_audit_account ON audit_events(account_id)"),
        QStringLiteral("CREATE INDEX idx_tokens_refresh ON tokens(refresh_id)"),
    };
}

// v3: the local API server's access log (method, path, status, duration, token id; never a
// secret, never a query string).
QStringList version3()
{
    return {
        QStringLiteral(R"(CREATE TABLE access_log (
            id TEXT PRIMARY KEY, created_at TEXT NOT NULL, method TEXT NOT NULL, path TEXT NOT NULL,
            status INTEGER NOT NULL, duration_ms INTEGER NOT NULL DEFAULT 0, token_id TEXT NOT NULL DEFAULT '-'))"),
        QStringLiteral("CREATE INDEX idx_access_log_created ON access_log(created_at)"),
    };
}

// v4 (issue "Benchmarks at scale"): an Integration names its credential by name within its
// Account, and the import resolves 10,000s of such references, so that lookup needs its own
// index. Judging the Integrations of an Integration Point (preview, re-evaluation) joins each to
// its Account and credential: covering indexes answer those joins without a second seek into
// the table.
QStringList version4()
{
    return {
        QStringLiteral("CREATE INDEX idx_credentials_account_name ON credentials(account_id, name)"),
        QStringLiteral("CREATE INDEX idx_accounts_facts ON accounts(id, name, environment)"),
        QStringLiteral("CREATE INDEX idx_credentials_facts ON credentials(id, type, secret_set_at, expires)"),
        // The Integrations of one point with every column their evaluation reads, in point order:
        // a scan of this index replaces 10,000s of random seeks into the integrations table.
        // It serves every integration_point_id lookup, so it replaces idx_integrations_point.
        QStringLiteral("CREATE INDEX idx_integrations_point_facts ON integrations(integration_point_id, id, name, account_id, "
                       "provider_type, credential_id, provider_config)"),
        QStringLiteral("DROP INDEX idx_integrations_point"),
    };
}

} // namespace

// v5: the search index of GET /v1/search (SearchSchema.cpp).
QStringList searchIndexStep();

int latest()
{
    return 5;
}

QStringList step(int version)
{
    switch (version) {
    case 1:
        return version1();
    case 2:
        return version2();
    case 3:
        return version3();
    case 4:
        return version4();
    case 5:
        return searchIndexStep();
    default:
        return {};
    }
}

} // namespace pb::migrations
