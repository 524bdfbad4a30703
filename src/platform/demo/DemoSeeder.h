#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QString>

namespace pb {

class Platform;

// Fills a workspace with a believable demo through the Management API (never SQL): three
// Integration Points, six Accounts (test and prod, labelled), one Integration per provider pointing
// at the local provider simulator (<simulatorBaseUrl>/<prefix>: jira, servicenow, zendesk, github,
// slack, splunk, elasticsearch; Teams and Slack webhooks as .../demo-hook secrets, see
// docs/SIMULATOR.md), credentials with the simulator's demo secrets (demo@example.com /
// demo-token), a member, a viewer, two End Users, and one Integration (initech/teams) left
// non-compliant by a tightened Integration Point. `adminToken` is an administrator's Organization
// Access Token. Fails on the first refused call (e.g. names already taken). Returns a summary:
// {"integration_points": [...], "accounts": [...], "integrations": [{account, name, provider_type,
//  compliant}], "members": [...]}.
// Runs the calls with Platform::dispatchSync, so call it before the GUI shows a window or from a
// command-line tool.
Result<QJsonObject> seedDemoWorkspace(Platform& platform, const QString& adminToken, const QString& simulatorBaseUrl);

// The demo's simulator credentials (what patchbay-sim accepts).
QString demoUsername();
QString demoSecret();

} // namespace pb
