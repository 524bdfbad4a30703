#pragma once

namespace pb::test {
class TestWorkspace;
}

namespace pb::bench {

// Section 6: a Connector API call (Platform::dispatch with an Integration Access Token) against
// a patchbay-sim Jira endpoint, beside a raw QNetworkAccessManager request to the same endpoint
// from the same process. Needs a Secret Service (the credential's secret lives in the keychain).
void runConnectorSection(test::TestWorkspace& ws, int samples);

} // namespace pb::bench
