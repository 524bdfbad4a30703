<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Patchbay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;Patchbay&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Admin console for a multi-tenant integration platform.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patchbay uses these libraries:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Libraries and their licenses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>License</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountEditor</name>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Acme Corporation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>derived from the display name when empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Labels:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>comma-separated, e.g. eu, gold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account id</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditLogView</name>
    <message>
        <source>&amp;Account:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Member:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;ction:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>method or path, e.g. POST /v1/accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yyyy-MM-dd HH:mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;pply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply the filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Verify chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify the audit hash chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the shown entries as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectorConsole</name>
    <message>
        <source>Connector console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Integration:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Integration selected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Operation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as curl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History of this Integration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CredentialEditor</name>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credential display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credential name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>derived from the display name when empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credential type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password / API token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password or API token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Secret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OAuth token URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://…/oauth/token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client &amp;id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OAuth client id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client s&amp;ecret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OAuth client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Certificate (PEM):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>-----BEGIN CERTIFICATE-----</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private &amp;key (PEM):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiry:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xpires on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credential expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiry date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yyyy-MM-dd HH:mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;veal secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reveal secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrators only: reads the secrets from the keychain and shows them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;otate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotate the secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a new secret; the old one is replaced when you save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret storage</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditorHost</name>
    <message>
        <source>Editor title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revert the changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the changes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EndUserEditor</name>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End user display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End user name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>derived from the display name when empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-&amp;mail:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to Patchbay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Welcome to Patchbay.&lt;/b&gt; A workspace holds one Organization: its Accounts, Integrations, Integration Points and Members. You become its first administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a new workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Organization:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organization name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Acme Integrations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Your name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Ada Lovelace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-&amp;mail:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or open a workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent workspaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the selected workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a workspace file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IntegrationEditor</name>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integration display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Jira for support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integration name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>derived from the display name when empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integration &amp;Point:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integration Point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Providers not offered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Credential:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New credential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New credential type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New credential username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Secret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New credential secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;nabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compliance:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IntegrationPointEditor</name>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integration Point display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. EU ticketing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integration Point name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>derived from the display name when empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;onnector:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pro&amp;viders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All providers (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test Accounts: all providers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test Accounts: allowed providers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Production Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Production Accounts: all providers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Production Accounts: allowed providers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Credentials &amp;&amp; hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credential &amp;types:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed credential types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None checked: every type the provider accepts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Host patterns:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host patterns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one per line, e.g. *.atlassian.net</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP&amp;S required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTPS required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required con&amp;fig</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required config values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern the value must match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a required config value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Operations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All operations of the connector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All operations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed operations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integration token &amp;lifetime at most:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum Integration Access Token lifetime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no cap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credential &amp;age at most:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum credential age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Impact preview (before saving)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Impact preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Impact preview status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integrations that would become non-compliant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why it would break</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Patchbay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Organization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter the tree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter (Ctrl+F): name, provider, label…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organization tree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;workspace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open workspace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+O</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in as another &amp;member…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign o&amp;ut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export workspace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Del</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue &amp;integration token…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-evaluate &amp;compliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Patchbay</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MemberEditor</name>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Ada Lovelace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>derived from the display name when empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-ma&amp;il:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name@example.com (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal (a person)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service (a program)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;State:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sign-in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrganizationEditor</name>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organization display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organization name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a unique slug: lower-case letters, digits, - and _</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organization id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created at</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste an Organization Access Token (it begins with pbo_ or pbr_). Patchbay keeps it in the system keychain, never in settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pbo_… or pbr_…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TokenSecretDialog</name>
    <message>
        <source>New token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Copy this secret now.&lt;/b&gt; It is shown only once: Patchbay keeps only its hash.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the secret to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TokensPage</name>
    <message>
        <source>Na&amp;me:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New token name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. ci-pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New token role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same as mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lifetime:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New token lifetime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Issue token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue an organization token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;voke…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke the selected token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload the tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Open the workspace FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a fresh demo workspace served by the local provider simulator (patchbay-sim).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the object named NAME in the tree.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Admin console for a multi-tenant integration platform: Accounts, Integrations, Integration Points, members and tokens.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb</name>
    <message>
        <source>test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integration Point “%1” allows no provider for %2 Accounts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integration Point “%1” allows only %2 for %3 Accounts.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::AboutDialog</name>
    <message>
        <source>Version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GNU LGPL v3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BSD 3-Clause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public domain</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::AccountEditor</name>
    <message>
        <source>New Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>assigned when created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a valid label: use letters, digits, “-” or “_”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::ApiClient</name>
    <message>
        <source>No workspace is open.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::AuditLogView</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seq</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All members</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>✔ Chain intact: %n entries verified.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>#%1 %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✘ Chain broken: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n entries to %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pb::CallChart</name>
    <message>
        <source>No calls yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::ConfigForm</name>
    <message>
        <source>(not set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a full URL such as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Does not have the expected form (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Integration Point requires a value matching %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Integration Point requires HTTPS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Integration Point allows only hosts matching %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::ConnectorConsole</name>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Integration Access Token: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not support this operation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not allowed by the Integration Point “%1” (allowed: %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unavailable: %1. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON error at character %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request must be a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The operation %1 is not available for this Integration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick an operation first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JSON request is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix the JSON tab, or edit the form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied. Set PATCHBAY_INTEGRATION_TOKEN to an Integration Access Token first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled. The answer will be ignored when it arrives.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1 in %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No provider exchange came back with this answer. The platform attaches them when it supports the X-Patchbay-Trace: exchanges request header; calls refused before reaching the provider have none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round trip through the platform: %1 ms
Status: %2
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
Provider exchanges:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Integration selected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Obtaining an Integration Access Token…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integration Access Token %1 · expires %2 (renewed automatically)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is no longer available for this Integration.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::CredentialEditor</name>
    <message>
        <source>Username and password (basic)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OAuth client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS client certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secrets are kept in the system keychain; the workspace stores only where to find them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Credential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credential %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stored in the keychain — type to replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Secret set %1; rotated %n time(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Enter the %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the username.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>password or API token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the token endpoint as a URL, e.g. https://login.example.com/oauth/token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the client id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the certificate in PEM form (-----BEGIN CERTIFICATE-----…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the private key in PEM form (-----BEGIN PRIVATE KEY-----…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The expiry date is in the past.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the new secret</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::EditorHost</name>
    <message>
        <source>Patchbay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select something in the tree on the left to see and edit it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an object, or use New (Ctrl+N) to create one here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” has unsaved changes. Save them before leaving?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only: your role cannot change this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::EditorPage</name>
    <message>
        <source>Enter a display name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use 1 to 64 lower-case letters, digits, “-” or “_”, e.g. “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::EndUserEditor</name>
    <message>
        <source>New End User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End User %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an e-mail address like name@example.com, or leave it empty.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::FirstRunDialog</name>
    <message>
        <source>&amp;Create workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patchbay workspaces (*.patchbay);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name your Organization.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file exists: open it below, or choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::IntegrationEditor</name>
    <message>
        <source>Username and password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Integration in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integration %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checked when saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not compliant: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compliant with its Integration Point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none — no rules apply)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — not allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider of an existing Integration cannot change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not offered: %1. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every %1 provider is allowed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without an Integration Point no rules apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a provider of this connector.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This provider does not accept %1 credentials here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New credential…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a provider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This provider needs a credential type that cannot be typed in here; create it under the Account first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the username.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the secret.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::IntegrationPointEditor</name>
    <message>
        <source>New Integration Point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integration Point %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (changes data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new Integration Point governs no Integration yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n Integration(s) use this Integration Point. Edit a rule to see which of them it would break.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Row %1: the pattern is not a valid regular expression (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the impact…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix the marked fields to see the impact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rules cannot be checked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>already non-compliant: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>No further Integration would break (%n already non-compliant).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No Integration would become non-compliant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Saving would make %n Integration(s) non-compliant:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pb::IntegrationStatusView</name>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Integration selected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failures:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last success:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last failure:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent calls (height = duration, red = failed):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · HTTP %3 · %4 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p50 %1 ms · p95 %2 ms (last %3 calls)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no calls yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::IntegrationTokenKeeper</name>
    <message>
        <source>No Integration is selected.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::JsonTreeModel</name>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::MainWindow</name>
    <message>
        <source>&amp;Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connector console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed-in member and role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token expiry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Token expires in %n min</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Token expires in %1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — Patchbay</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n item(s). Press Ctrl+N or use the context menu to create a new one.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integration Point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new language is used the next time Patchbay starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new %1 belongs to an Account: select the Account first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1 “%2”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its Integrations, Credentials (and their keychain entries), End Users and tokens are deleted with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in connector &amp;console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No token issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integration Access Token for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scoped to this Integration only; expires %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-evaluating compliance</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::MaskedTextEdit</name>
    <message>
        <source>Secret text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Hidden (%n characters)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::MemberEditor</name>
    <message>
        <source>New Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an e-mail address like name@example.com, or leave it empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cannot disable yourself or give up your own administrator role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First token of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give this Organization Access Token to the new member; it expires %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::NodePresentation</name>
    <message>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integrations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integration Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account %1 · environment %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not compliant: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credential of type %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 member · %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::OperationForm</name>
    <message>
        <source>This body is a %1; edit it in the JSON tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This operation takes no parameters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One value per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON array, e.g. [&quot;a&quot;, &quot;b&quot;]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON object</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::OrganizationEditor</name>
    <message>
        <source>Organization %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::OrganizationTreeModel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::ProgressTask</name>
    <message>
        <source>Preparing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1 of %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n step(s) failed. The first problem:
%1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pb::SignInDialog</name>
    <message>
        <source>&amp;Sign in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::TokenSecretDialog</name>
    <message>
        <source>Copied — clears in 30 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::TokensPage</name>
    <message>
        <source>Integration %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>integration access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>organization access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n active token(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>New Organization Access Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires %1. Use it as “Authorization: Bearer …” or with patchbay-cli --token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke “%1” (%2)? Programs using it stop working at once.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::WorkspaceLauncher</name>
    <message>
        <source>Cannot open the workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your stored session could not be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session not kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are signed in, but your token could not be kept in the keychain, so you will be asked for a token next time.

%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in as another member.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You have signed out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session has expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session has expired. Sign in again to continue; your unsaved changes are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patchbay workspaces (*.patchbay);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patchbay workspaces (*.patchbay)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exists already; choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to %1. Secrets are not exported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported. Imported credentials have no secret yet: rotate them to set one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo Organization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo data incomplete</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
