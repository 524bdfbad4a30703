<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Patchbay</source>
        <translation>Über Patchbay</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Patchbay&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Patchbay&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Admin console for a multi-tenant integration platform.</source>
        <translation>Verwaltungskonsole für eine mandantenfähige Integrationsplattform.</translation>
    </message>
    <message>
        <source>Patchbay uses these libraries:</source>
        <translation>Patchbay verwendet diese Bibliotheken:</translation>
    </message>
    <message>
        <source>Libraries and their licenses</source>
        <translation>Bibliotheken und ihre Lizenzen</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothek</translation>
    </message>
    <message>
        <source>License</source>
        <translation>Lizenz</translation>
    </message>
</context>
<context>
    <name>AccessLogView</name>
    <message>
        <source>&amp;Path or status:</source>
        <translation>&amp;Pfad oder Status:</translation>
    </message>
    <message>
        <source>Access log filter</source>
        <translation>Filter für das Zugriffsprotokoll</translation>
    </message>
    <message>
        <source>e.g. /v1/accounts or 401</source>
        <translation>z. B. /v1/accounts oder 401</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Refresh the access log</source>
        <translation>Zugriffsprotokoll aktualisieren</translation>
    </message>
    <message>
        <source>Local API server access log</source>
        <translation>Zugriffsprotokoll des lokalen API-Servers</translation>
    </message>
</context>
<context>
    <name>AccountEditor</name>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation>Anzeige&amp;name:</translation>
    </message>
    <message>
        <source>Account display name</source>
        <translation>Anzeigename des Kontos</translation>
    </message>
    <message>
        <source>e.g. Acme Corporation</source>
        <translation>z. B. Acme GmbH</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>Na&amp;me:</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>Kontoname</translation>
    </message>
    <message>
        <source>derived from the display name when empty</source>
        <translation>wird aus dem Anzeigenamen abgeleitet, wenn leer</translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation>&amp;Umgebung:</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>Produktion</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>&amp;Labels:</source>
        <translation>&amp;Labels:</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>comma-separated, e.g. eu, gold</source>
        <translation>durch Kommas getrennt, z. B. eu, gold</translation>
    </message>
    <message>
        <source>Id:</source>
        <translation>ID:</translation>
    </message>
    <message>
        <source>Account id</source>
        <translation>Konto-ID</translation>
    </message>
</context>
<context>
    <name>AuditLogView</name>
    <message>
        <source>&amp;Account:</source>
        <translation>&amp;Konto:</translation>
    </message>
    <message>
        <source>Account filter</source>
        <translation>Kontofilter</translation>
    </message>
    <message>
        <source>&amp;Member:</source>
        <translation>&amp;Mitglied:</translation>
    </message>
    <message>
        <source>Member filter</source>
        <translation>Mitgliedsfilter</translation>
    </message>
    <message>
        <source>A&amp;ction:</source>
        <translation>A&amp;ktion:</translation>
    </message>
    <message>
        <source>Action filter</source>
        <translation>Aktionsfilter</translation>
    </message>
    <message>
        <source>method or path, e.g. POST /v1/accounts</source>
        <translation>Methode oder Pfad, z. B. POST /v1/accounts</translation>
    </message>
    <message>
        <source>&amp;Since</source>
        <translation>&amp;Seit</translation>
    </message>
    <message>
        <source>Filter by time</source>
        <translation>Nach Zeit filtern</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <source>yyyy-MM-dd HH:mm</source>
        <translation>yyyy-MM-dd HH:mm</translation>
    </message>
    <message>
        <source>until</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>A&amp;pply</source>
        <translation>An&amp;wenden</translation>
    </message>
    <message>
        <source>Apply the filter</source>
        <translation>Filter anwenden</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Prüfprotokoll</translation>
    </message>
    <message>
        <source>&amp;Verify chain</source>
        <translation>&amp;Kette prüfen</translation>
    </message>
    <message>
        <source>Verify the audit hash chain</source>
        <translation>Hash-Kette des Prüfprotokolls prüfen</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>Als CSV &amp;exportieren…</translation>
    </message>
    <message>
        <source>Export the shown entries as CSV</source>
        <translation>Die angezeigten Einträge als CSV exportieren</translation>
    </message>
    <message>
        <source>Audit status</source>
        <translation>Status des Prüfprotokolls</translation>
    </message>
</context>
<context>
    <name>ConnectorConsole</name>
    <message>
        <source>Connector console</source>
        <translation>Konnektor-Konsole</translation>
    </message>
    <message>
        <source>&amp;Integration:</source>
        <translation>&amp;Integration:</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>No Integration selected.</source>
        <translation>Keine Integration ausgewählt.</translation>
    </message>
    <message>
        <source>&amp;Operation:</source>
        <translation>&amp;Operation:</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Formular</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Copy as curl</source>
        <translation>Als curl kopieren</translation>
    </message>
    <message>
        <source>History of this Integration</source>
        <translation>Verlauf dieser Integration</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Operation</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Fill form</source>
        <translation>Formular ausfüllen</translation>
    </message>
    <message>
        <source>Re-run</source>
        <translation>Erneut ausführen</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Nächste Seite</translation>
    </message>
    <message>
        <source>Provider exchange</source>
        <translation>Anbieter-Austausch</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>Zeitverlauf</translation>
    </message>
</context>
<context>
    <name>CredentialEditor</name>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation>Anzeige&amp;name:</translation>
    </message>
    <message>
        <source>Credential display name</source>
        <translation>Anzeigename der Zugangsdaten</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>Na&amp;me:</translation>
    </message>
    <message>
        <source>Credential name</source>
        <translation>Name der Zugangsdaten</translation>
    </message>
    <message>
        <source>derived from the display name when empty</source>
        <translation>wird aus dem Anzeigenamen abgeleitet, wenn leer</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>T&amp;yp:</translation>
    </message>
    <message>
        <source>Credential type</source>
        <translation>Art der Zugangsdaten</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>&amp;Password / API token:</source>
        <translation>&amp;Passwort / API-Token:</translation>
    </message>
    <message>
        <source>Password or API token</source>
        <translation>Passwort oder API-Token</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>&amp;Secret:</source>
        <translation>&amp;Geheimnis:</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Geheimnis</translation>
    </message>
    <message>
        <source>Token &amp;URL:</source>
        <translation>Token-&amp;URL:</translation>
    </message>
    <message>
        <source>OAuth token URL</source>
        <translation>OAuth-Token-URL</translation>
    </message>
    <message>
        <source>https://…/oauth/token</source>
        <translation>https://…/oauth/token</translation>
    </message>
    <message>
        <source>Client &amp;id:</source>
        <translation>Client-&amp;ID:</translation>
    </message>
    <message>
        <source>OAuth client id</source>
        <translation>OAuth-Client-ID</translation>
    </message>
    <message>
        <source>Client s&amp;ecret:</source>
        <translation>Client-G&amp;eheimnis:</translation>
    </message>
    <message>
        <source>OAuth client secret</source>
        <translation>OAuth-Client-Geheimnis</translation>
    </message>
    <message>
        <source>&amp;Certificate (PEM):</source>
        <translation>&amp;Zertifikat (PEM):</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Zertifikat</translation>
    </message>
    <message>
        <source>-----BEGIN CERTIFICATE-----</source>
        <translation>-----BEGIN CERTIFICATE-----</translation>
    </message>
    <message>
        <source>Private &amp;key (PEM):</source>
        <translation>Privater &amp;Schlüssel (PEM):</translation>
    </message>
    <message>
        <source>Private key</source>
        <translation>Privater Schlüssel</translation>
    </message>
    <message>
        <source>Expiry:</source>
        <translation>Ablauf:</translation>
    </message>
    <message>
        <source>E&amp;xpires on</source>
        <translation>Läuft &amp;ab am</translation>
    </message>
    <message>
        <source>Credential expires</source>
        <translation>Zugangsdaten laufen ab</translation>
    </message>
    <message>
        <source>Expiry date</source>
        <translation>Ablaufdatum</translation>
    </message>
    <message>
        <source>yyyy-MM-dd HH:mm</source>
        <translation>yyyy-MM-dd HH:mm</translation>
    </message>
    <message>
        <source>Re&amp;veal secrets</source>
        <translation>Geheimnisse an&amp;zeigen</translation>
    </message>
    <message>
        <source>Reveal secrets</source>
        <translation>Geheimnisse anzeigen</translation>
    </message>
    <message>
        <source>Administrators only: reads the secrets from the keychain and shows them.</source>
        <translation>Nur für Administratoren: liest die Geheimnisse aus dem Schlüsselbund und zeigt sie an.</translation>
    </message>
    <message>
        <source>R&amp;otate…</source>
        <translation>Er&amp;neuern…</translation>
    </message>
    <message>
        <source>Rotate the secret</source>
        <translation>Geheimnis erneuern</translation>
    </message>
    <message>
        <source>Enter a new secret; the old one is replaced when you save.</source>
        <translation>Geben Sie ein neues Geheimnis ein; das alte wird beim Speichern ersetzt.</translation>
    </message>
    <message>
        <source>Secret storage</source>
        <translation>Speicherort der Geheimnisse</translation>
    </message>
</context>
<context>
    <name>EditorHost</name>
    <message>
        <source>Editor title</source>
        <translation>Titel des Editors</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Schreibgeschützt</translation>
    </message>
    <message>
        <source>Read-only notice</source>
        <translation>Hinweis: schreibgeschützt</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Delete this object</source>
        <translation>Dieses Objekt löschen</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>Revert the changes</source>
        <translation>Änderungen verwerfen</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save the changes</source>
        <translation>Änderungen speichern</translation>
    </message>
</context>
<context>
    <name>EndUserEditor</name>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation>Anzeige&amp;name:</translation>
    </message>
    <message>
        <source>End user display name</source>
        <translation>Anzeigename des Endbenutzers</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>Na&amp;me:</translation>
    </message>
    <message>
        <source>End user name</source>
        <translation>Name des Endbenutzers</translation>
    </message>
    <message>
        <source>derived from the display name when empty</source>
        <translation>wird aus dem Anzeigenamen abgeleitet, wenn leer</translation>
    </message>
    <message>
        <source>E-&amp;mail:</source>
        <translation>E-&amp;Mail:</translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation>E-Mail-Adresse</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to Patchbay</source>
        <translation>Willkommen bei Patchbay</translation>
    </message>
    <message>
        <source>&lt;b&gt;Welcome to Patchbay.&lt;/b&gt; A workspace holds one Organization: its Accounts, Integrations, Integration Points and Members. You become its first administrator.</source>
        <translation>&lt;b&gt;Willkommen bei Patchbay.&lt;/b&gt; Ein Arbeitsbereich enthält eine Organisation: ihre Konten, Integrationen, Integrationspunkte und Mitglieder. Sie werden ihr erster Administrator.</translation>
    </message>
    <message>
        <source>Create a new workspace</source>
        <translation>Neuen Arbeitsbereich anlegen</translation>
    </message>
    <message>
        <source>&amp;Organization:</source>
        <translation>&amp;Organisation:</translation>
    </message>
    <message>
        <source>Organization name</source>
        <translation>Name der Organisation</translation>
    </message>
    <message>
        <source>e.g. Acme Integrations</source>
        <translation>z. B. Acme Integrations</translation>
    </message>
    <message>
        <source>&amp;Your name:</source>
        <translation>&amp;Ihr Name:</translation>
    </message>
    <message>
        <source>Administrator name</source>
        <translation>Name des Administrators</translation>
    </message>
    <message>
        <source>e.g. Ada Lovelace</source>
        <translation>z. B. Ada Lovelace</translation>
    </message>
    <message>
        <source>E-&amp;mail:</source>
        <translation>E-&amp;Mail:</translation>
    </message>
    <message>
        <source>Administrator e-mail</source>
        <translation>E-Mail des Administrators</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>Workspace file</source>
        <translation>Arbeitsbereichsdatei</translation>
    </message>
    <message>
        <source>Or open a workspace</source>
        <translation>Oder einen Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <source>Open a workspace</source>
        <translation>Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <source>Recent workspaces</source>
        <translation>Zuletzt verwendete Arbeitsbereiche</translation>
    </message>
    <message>
        <source>Open &amp;selected</source>
        <translation>&amp;Ausgewählten öffnen</translation>
    </message>
    <message>
        <source>Open the selected workspace</source>
        <translation>Den ausgewählten Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Open a workspace file</source>
        <translation>Eine Arbeitsbereichsdatei öffnen</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
</context>
<context>
    <name>IntegrationEditor</name>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation>Anzeige&amp;name:</translation>
    </message>
    <message>
        <source>Integration display name</source>
        <translation>Anzeigename der Integration</translation>
    </message>
    <message>
        <source>e.g. Jira for support</source>
        <translation>z. B. Jira für den Support</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>Na&amp;me:</translation>
    </message>
    <message>
        <source>Integration name</source>
        <translation>Name der Integration</translation>
    </message>
    <message>
        <source>derived from the display name when empty</source>
        <translation>wird aus dem Anzeigenamen abgeleitet, wenn leer</translation>
    </message>
    <message>
        <source>Integration &amp;Point:</source>
        <translation>Integrations&amp;punkt:</translation>
    </message>
    <message>
        <source>Integration Point</source>
        <translation>Integrationspunkt</translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation>&amp;Anbieter:</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Providers not offered</source>
        <translation>Nicht angebotene Anbieter</translation>
    </message>
    <message>
        <source>Provider configuration</source>
        <translation>Anbieterkonfiguration</translation>
    </message>
    <message>
        <source>&amp;Credential:</source>
        <translation>&amp;Zugangsdaten:</translation>
    </message>
    <message>
        <source>Credential</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <source>New credential</source>
        <translation>Neue Zugangsdaten</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>T&amp;yp:</translation>
    </message>
    <message>
        <source>New credential type</source>
        <translation>Art der neuen Zugangsdaten</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>New credential username</source>
        <translation>Benutzername der neuen Zugangsdaten</translation>
    </message>
    <message>
        <source>&amp;Secret:</source>
        <translation>&amp;Geheimnis:</translation>
    </message>
    <message>
        <source>New credential secret</source>
        <translation>Geheimnis der neuen Zugangsdaten</translation>
    </message>
    <message>
        <source>E&amp;nabled</source>
        <translation>A&amp;ktiviert</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Aktiviert</translation>
    </message>
    <message>
        <source>Compliance:</source>
        <translation>Konformität:</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>Konformität</translation>
    </message>
</context>
<context>
    <name>IntegrationPointEditor</name>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation>Anzeige&amp;name:</translation>
    </message>
    <message>
        <source>Integration Point display name</source>
        <translation>Anzeigename des Integrationspunkts</translation>
    </message>
    <message>
        <source>e.g. EU ticketing</source>
        <translation>z. B. EU-Ticketsystem</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>Na&amp;me:</translation>
    </message>
    <message>
        <source>Integration Point name</source>
        <translation>Name des Integrationspunkts</translation>
    </message>
    <message>
        <source>derived from the display name when empty</source>
        <translation>wird aus dem Anzeigenamen abgeleitet, wenn leer</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>C&amp;onnector:</source>
        <translation>K&amp;onnektor:</translation>
    </message>
    <message>
        <source>Connector</source>
        <translation>Konnektor</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Regeln</translation>
    </message>
    <message>
        <source>Pro&amp;viders</source>
        <translation>An&amp;bieter</translation>
    </message>
    <message>
        <source>Test Accounts</source>
        <translation>Testkonten</translation>
    </message>
    <message>
        <source>All providers (*)</source>
        <translation>Alle Anbieter (*)</translation>
    </message>
    <message>
        <source>Test Accounts: all providers</source>
        <translation>Testkonten: alle Anbieter</translation>
    </message>
    <message>
        <source>Test Accounts: allowed providers</source>
        <translation>Testkonten: erlaubte Anbieter</translation>
    </message>
    <message>
        <source>Production Accounts</source>
        <translation>Produktivkonten</translation>
    </message>
    <message>
        <source>Production Accounts: all providers</source>
        <translation>Produktivkonten: alle Anbieter</translation>
    </message>
    <message>
        <source>Production Accounts: allowed providers</source>
        <translation>Produktivkonten: erlaubte Anbieter</translation>
    </message>
    <message>
        <source>&amp;Credentials &amp;&amp; hosts</source>
        <translation>&amp;Zugangsdaten &amp;&amp; Hosts</translation>
    </message>
    <message>
        <source>Credential &amp;types:</source>
        <translation>Zugangsdaten&amp;typen:</translation>
    </message>
    <message>
        <source>Allowed credential types</source>
        <translation>Erlaubte Zugangsdatentypen</translation>
    </message>
    <message>
        <source>None checked: every type the provider accepts.</source>
        <translation>Keiner ausgewählt: jeder Typ, den der Anbieter akzeptiert.</translation>
    </message>
    <message>
        <source>&amp;Host patterns:</source>
        <translation>&amp;Host-Muster:</translation>
    </message>
    <message>
        <source>Host patterns</source>
        <translation>Host-Muster</translation>
    </message>
    <message>
        <source>one per line, e.g. *.atlassian.net</source>
        <translation>eines pro Zeile, z. B. *.atlassian.net</translation>
    </message>
    <message>
        <source>HTTP&amp;S required</source>
        <translation>HTTP&amp;S erforderlich</translation>
    </message>
    <message>
        <source>HTTPS required</source>
        <translation>HTTPS erforderlich</translation>
    </message>
    <message>
        <source>Required con&amp;fig</source>
        <translation>Erforderliche Kon&amp;figuration</translation>
    </message>
    <message>
        <source>Required config values</source>
        <translation>Erforderliche Konfigurationswerte</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Pattern the value must match</source>
        <translation>Muster, dem der Wert entsprechen muss</translation>
    </message>
    <message>
        <source>&amp;Add rule</source>
        <translation>Regel &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Add a required config value</source>
        <translation>Einen erforderlichen Konfigurationswert hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove rule</source>
        <translation>Regel &amp;entfernen</translation>
    </message>
    <message>
        <source>Remove the selected rule</source>
        <translation>Die ausgewählte Regel entfernen</translation>
    </message>
    <message>
        <source>&amp;Operations</source>
        <translation>&amp;Operationen</translation>
    </message>
    <message>
        <source>All operations of the connector</source>
        <translation>Alle Operationen des Konnektors</translation>
    </message>
    <message>
        <source>All operations</source>
        <translation>Alle Operationen</translation>
    </message>
    <message>
        <source>Allowed operations</source>
        <translation>Erlaubte Operationen</translation>
    </message>
    <message>
        <source>&amp;Limits</source>
        <translation>&amp;Grenzen</translation>
    </message>
    <message>
        <source>Integration token &amp;lifetime at most:</source>
        <translation>Lebens&amp;dauer von Integrations-Token höchstens:</translation>
    </message>
    <message>
        <source>Maximum Integration Access Token lifetime</source>
        <translation>Maximale Lebensdauer des Integrations-Zugangstokens</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>no cap</source>
        <translation>keine Grenze</translation>
    </message>
    <message>
        <source>Credential &amp;age at most:</source>
        <translation>&amp;Alter der Zugangsdaten höchstens:</translation>
    </message>
    <message>
        <source>Maximum credential age</source>
        <translation>Maximales Alter der Zugangsdaten</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Impact preview (before saving)</source>
        <translation>Auswirkungsvorschau (vor dem Speichern)</translation>
    </message>
    <message>
        <source>Impact preview</source>
        <translation>Auswirkungsvorschau</translation>
    </message>
    <message>
        <source>Impact preview status</source>
        <translation>Status der Auswirkungsvorschau</translation>
    </message>
    <message>
        <source>Integrations that would become non-compliant</source>
        <translation>Integrationen, die nicht mehr konform wären</translation>
    </message>
    <message>
        <source>Integration</source>
        <translation>Integration</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Why it would break</source>
        <translation>Warum sie nicht mehr konform wäre</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Patchbay</source>
        <translation>Patchbay</translation>
    </message>
    <message>
        <source>Main views</source>
        <translation>Hauptansichten</translation>
    </message>
    <message>
        <source>&amp;Organization</source>
        <translation>&amp;Organisation</translation>
    </message>
    <message>
        <source>Filter the tree</source>
        <translation>Baum filtern</translation>
    </message>
    <message>
        <source>Filter (Ctrl+F): name, provider, label…</source>
        <translation>Filter (Strg+F): Name, Anbieter, Label…</translation>
    </message>
    <message>
        <source>Organization tree</source>
        <translation>Organisationsbaum</translation>
    </message>
    <message>
        <source>Editor</source>
        <translation>Editor</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>New &amp;workspace…</source>
        <translation>Neuer &amp;Arbeitsbereich…</translation>
    </message>
    <message>
        <source>&amp;Open workspace…</source>
        <translation>Arbeitsbereich ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <source>Sign in as another &amp;member…</source>
        <translation>Als anderes &amp;Mitglied anmelden…</translation>
    </message>
    <message>
        <source>Sign o&amp;ut</source>
        <translation>Ab&amp;melden</translation>
    </message>
    <message>
        <source>&amp;Export workspace…</source>
        <translation>Arbeitsbereich &amp;exportieren…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Neu…</translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Del</source>
        <translation>Del</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>&amp;Filtern</translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <source>Issue &amp;integration token…</source>
        <translation>&amp;Integrations-Token ausstellen…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <source>Re-evaluate &amp;compliance</source>
        <translation>&amp;Konformität neu prüfen</translation>
    </message>
    <message>
        <source>&amp;About Patchbay</source>
        <translation>Ü&amp;ber Patchbay</translation>
    </message>
</context>
<context>
    <name>MemberEditor</name>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation>Anzeige&amp;name:</translation>
    </message>
    <message>
        <source>Member display name</source>
        <translation>Anzeigename des Mitglieds</translation>
    </message>
    <message>
        <source>e.g. Ada Lovelace</source>
        <translation>z. B. Ada Lovelace</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>Na&amp;me:</translation>
    </message>
    <message>
        <source>Member name</source>
        <translation>Name des Mitglieds</translation>
    </message>
    <message>
        <source>derived from the display name when empty</source>
        <translation>wird aus dem Anzeigenamen abgeleitet, wenn leer</translation>
    </message>
    <message>
        <source>E-ma&amp;il:</source>
        <translation>E-Ma&amp;il:</translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation>E-Mail-Adresse</translation>
    </message>
    <message>
        <source>name@example.com (optional)</source>
        <translation>name@example.com (optional)</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <source>Member type</source>
        <translation>Mitgliedstyp</translation>
    </message>
    <message>
        <source>Personal (a person)</source>
        <translation>Persönlich (eine Person)</translation>
    </message>
    <message>
        <source>Service (a program)</source>
        <translation>Dienst (ein Programm)</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rolle:</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>Betrachter</translation>
    </message>
    <message>
        <source>&amp;State:</source>
        <translation>&amp;Zustand:</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Aktiviert</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <source>Last sign-in:</source>
        <translation>Letzte Anmeldung:</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>Letzte Anmeldung</translation>
    </message>
</context>
<context>
    <name>OrganizationEditor</name>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation>Anzeige&amp;name:</translation>
    </message>
    <message>
        <source>Organization display name</source>
        <translation>Anzeigename der Organisation</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>Na&amp;me:</translation>
    </message>
    <message>
        <source>Organization name</source>
        <translation>Name der Organisation</translation>
    </message>
    <message>
        <source>a unique slug: lower-case letters, digits, - and _</source>
        <translation>ein eindeutiger Kurzname: Kleinbuchstaben, Ziffern, - und _</translation>
    </message>
    <message>
        <source>Id:</source>
        <translation>ID:</translation>
    </message>
    <message>
        <source>Organization id</source>
        <translation>Organisations-ID</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>Erstellt:</translation>
    </message>
    <message>
        <source>Created at</source>
        <translation>Erstellt am</translation>
    </message>
    <message>
        <source>&amp;Access tokens last:</source>
        <translation>&amp;Zugangstoken gelten:</translation>
    </message>
    <message>
        <source>Lifetime of personal Organization Access Tokens in minutes</source>
        <translation>Lebensdauer persönlicher Organisations-Zugangstoken in Minuten</translation>
    </message>
    <message>
        <source>How long a member&apos;s Organization Access Token stays valid; at most 24 hours.</source>
        <translation>Wie lange das Organisations-Zugangstoken eines Mitglieds gültig bleibt; höchstens 24 Stunden.</translation>
    </message>
    <message>
        <source>&amp;Refresh tokens last:</source>
        <translation>Aktualisierungs&amp;token gelten:</translation>
    </message>
    <message>
        <source>Lifetime of refresh tokens in hours</source>
        <translation>Lebensdauer von Aktualisierungstoken in Stunden</translation>
    </message>
    <message>
        <source>How long a refresh token can renew its access token; at most 30 days.</source>
        <translation>Wie lange ein Aktualisierungstoken sein Zugangstoken erneuern kann; höchstens 30 Tage.</translation>
    </message>
</context>
<context>
    <name>RoleNames</name>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>Betrachter</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Paste an Organization Access Token (it begins with pbo_ or pbr_). Patchbay keeps it in the system keychain, never in settings.</source>
        <translation>Fügen Sie ein Organisations-Zugangstoken ein (es beginnt mit pbo_ oder pbr_). Patchbay bewahrt es im Schlüsselbund des Systems auf, nie in den Einstellungen.</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>pbo_… or pbr_…</source>
        <translation>pbo_… oder pbr_…</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
</context>
<context>
    <name>TokenSecretDialog</name>
    <message>
        <source>New token</source>
        <translation>Neues Token</translation>
    </message>
    <message>
        <source>&lt;b&gt;Copy this secret now.&lt;/b&gt; It is shown only once: Patchbay keeps only its hash.</source>
        <translation>&lt;b&gt;Kopieren Sie dieses Geheimnis jetzt.&lt;/b&gt; Es wird nur einmal angezeigt: Patchbay speichert nur seinen Hash.</translation>
    </message>
    <message>
        <source>Token secret</source>
        <translation>Token-Geheimnis</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy the secret to the clipboard</source>
        <translation>Das Geheimnis in die Zwischenablage kopieren</translation>
    </message>
</context>
<context>
    <name>TokensPage</name>
    <message>
        <source>Na&amp;me:</source>
        <translation>Na&amp;me:</translation>
    </message>
    <message>
        <source>New token name</source>
        <translation>Name des neuen Tokens</translation>
    </message>
    <message>
        <source>e.g. ci-pipeline</source>
        <translation>z. B. ci-pipeline</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rolle:</translation>
    </message>
    <message>
        <source>New token role</source>
        <translation>Rolle des neuen Tokens</translation>
    </message>
    <message>
        <source>Same as mine</source>
        <translation>Wie meine</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>Betrachter</translation>
    </message>
    <message>
        <source>&amp;Lifetime:</source>
        <translation>&amp;Lebensdauer:</translation>
    </message>
    <message>
        <source>New token lifetime</source>
        <translation>Lebensdauer des neuen Tokens</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <source>24 hours</source>
        <translation>24 Stunden</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 Tage</translation>
    </message>
    <message>
        <source>90 days</source>
        <translation>90 Tage</translation>
    </message>
    <message>
        <source>&amp;Issue token</source>
        <translation>Token &amp;ausstellen</translation>
    </message>
    <message>
        <source>Issue an organization token</source>
        <translation>Ein Organisations-Token ausstellen</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Inhaber</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Zuletzt verwendet</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Re&amp;voke…</source>
        <translation>&amp;Widerrufen…</translation>
    </message>
    <message>
        <source>Revoke the selected token</source>
        <translation>Das ausgewählte Token widerrufen</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Aktualis&amp;ieren</translation>
    </message>
    <message>
        <source>Reload the tokens</source>
        <translation>Die Token neu laden</translation>
    </message>
    <message>
        <source>Tokens status</source>
        <translation>Token-Status</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Open the workspace FILE.</source>
        <translation>Den Arbeitsbereich FILE öffnen.</translation>
    </message>
    <message>
        <source>Open a fresh demo workspace served by the local provider simulator (patchbay-sim).</source>
        <translation>Einen neuen Demo-Arbeitsbereich öffnen, den der lokale Anbieter-Simulator (patchbay-sim) bedient.</translation>
    </message>
    <message>
        <source>Select the object named NAME in the tree.</source>
        <translation>Das Objekt namens NAME im Baum auswählen.</translation>
    </message>
    <message>
        <source>Admin console for a multi-tenant integration platform: Accounts, Integrations, Integration Points, members and tokens.</source>
        <translation>Verwaltungskonsole für eine mandantenfähige Integrationsplattform: Konten, Integrationen, Integrationspunkte, Mitglieder und Token.</translation>
    </message>
</context>
<context>
    <name>pb</name>
    <message>
        <source>test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>production</source>
        <translation>Produktiv</translation>
    </message>
    <message>
        <source>Integration Point “%1” allows no provider for %2 Accounts.</source>
        <translation>Der Integrationspunkt „%1“ erlaubt keinen Anbieter für %2-Konten.</translation>
    </message>
    <message>
        <source>Integration Point “%1” allows only %2 for %3 Accounts.</source>
        <translation>Der Integrationspunkt „%1“ erlaubt für %3-Konten nur %2.</translation>
    </message>
</context>
<context>
    <name>pb::AboutDialog</name>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>GNU LGPL v3</source>
        <translation>GNU LGPL v3</translation>
    </message>
    <message>
        <source>BSD 3-Clause</source>
        <translation>BSD 3-Clause</translation>
    </message>
    <message>
        <source>Public domain</source>
        <translation>Gemeinfrei</translation>
    </message>
</context>
<context>
    <name>pb::AccessLogView</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Token id</source>
        <translation>Token-ID</translation>
    </message>
    <message>
        <source>No requests yet. Start the server with File → Serve the API on Loopback, or run patchbay-cli serve.</source>
        <translation>Noch keine Anfragen. Starten Sie den Server mit Datei → API auf Loopback bereitstellen oder führen Sie patchbay-cli serve aus.</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s), newest first.</source>
        <translation>
            <numerusform>%n Anfrage, neueste zuerst.</numerusform>
            <numerusform>%n Anfragen, neueste zuerst.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pb::AccountEditor</name>
    <message>
        <source>New Account</source>
        <translation>Neues Konto</translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>Konto %1</translation>
    </message>
    <message>
        <source>assigned when created</source>
        <translation>wird beim Anlegen vergeben</translation>
    </message>
    <message>
        <source>“%1” is not a valid label: use letters, digits, “-” or “_”.</source>
        <translation>„%1“ ist kein gültiges Label: Verwenden Sie Buchstaben, Ziffern, „-“ oder „_“.</translation>
    </message>
</context>
<context>
    <name>pb::ApiClient</name>
    <message>
        <source>No workspace is open.</source>
        <translation>Kein Arbeitsbereich geöffnet.</translation>
    </message>
</context>
<context>
    <name>pb::AuditLogView</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Integration</source>
        <translation>Integration</translation>
    </message>
    <message>
        <source>Seq</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>All Accounts</source>
        <translation>Alle Konten</translation>
    </message>
    <message>
        <source>All members</source>
        <translation>Alle Mitglieder</translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n Eintrag</numerusform>
            <numerusform>%n Einträge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>✔ Chain intact: %n entries verified.</source>
        <translation>
            <numerusform>✔ Kette intakt: %n Eintrag geprüft.</numerusform>
            <numerusform>✔ Kette intakt: %n Einträge geprüft.</numerusform>
        </translation>
    </message>
    <message>
        <source>#%1 %2: %3</source>
        <translation>#%1 %2: %3</translation>
    </message>
    <message>
        <source>✘ Chain broken: %1</source>
        <translation>✘ Kette unterbrochen: %1</translation>
    </message>
    <message>
        <source>Export audit log</source>
        <translation>Prüfprotokoll exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>%1 kann nicht geschrieben werden.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n entries to %1.</source>
        <translation>
            <numerusform>%n Eintrag nach %1 exportiert.</numerusform>
            <numerusform>%n Einträge nach %1 exportiert.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pb::CallChart</name>
    <message>
        <source>No calls yet</source>
        <translation>Noch keine Aufrufe</translation>
    </message>
</context>
<context>
    <name>pb::ConfigForm</name>
    <message>
        <source>(not set)</source>
        <translation>(nicht gesetzt)</translation>
    </message>
    <message>
        <source>required</source>
        <translation>erforderlich</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>Erforderlich.</translation>
    </message>
    <message>
        <source>Enter a full URL such as %1.</source>
        <translation>Geben Sie eine vollständige URL ein, z. B. %1.</translation>
    </message>
    <message>
        <source>Does not have the expected form (%1).</source>
        <translation>Hat nicht die erwartete Form (%1).</translation>
    </message>
    <message>
        <source>The Integration Point requires a value matching %1.</source>
        <translation>Der Integrationspunkt verlangt einen Wert, der %1 entspricht.</translation>
    </message>
    <message>
        <source>The Integration Point requires HTTPS.</source>
        <translation>Der Integrationspunkt verlangt HTTPS.</translation>
    </message>
    <message>
        <source>The Integration Point allows only hosts matching %1.</source>
        <translation>Der Integrationspunkt erlaubt nur Hosts, die %1 entsprechen.</translation>
    </message>
</context>
<context>
    <name>pb::ConnectorConsole</name>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>No Integration Access Token: %1</source>
        <translation>Kein Integrations-Zugangstoken: %1</translation>
    </message>
    <message>
        <source>%1 does not support this operation.</source>
        <translation>%1 unterstützt diese Operation nicht.</translation>
    </message>
    <message>
        <source>Not allowed by the Integration Point “%1” (allowed: %2).</source>
        <translation>Vom Integrationspunkt „%1“ nicht erlaubt (erlaubt: %2).</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source> — unavailable</source>
        <translation> – nicht verfügbar</translation>
    </message>
    <message>
        <source>Unavailable: %1. %2</source>
        <translation>Nicht verfügbar: %1. %2</translation>
    </message>
    <message>
        <source>JSON error at character %1: %2</source>
        <translation>JSON-Fehler bei Zeichen %1: %2</translation>
    </message>
    <message>
        <source>The request must be a JSON object.</source>
        <translation>Die Anfrage muss ein JSON-Objekt sein.</translation>
    </message>
    <message>
        <source>The operation %1 is not available for this Integration.</source>
        <translation>Die Operation %1 ist für diese Integration nicht verfügbar.</translation>
    </message>
    <message>
        <source>Pick an operation first.</source>
        <translation>Wählen Sie zuerst eine Operation.</translation>
    </message>
    <message>
        <source>The JSON request is not valid.</source>
        <translation>Die JSON-Anfrage ist ungültig.</translation>
    </message>
    <message>
        <source>Fix the JSON tab, or edit the form.</source>
        <translation>Korrigieren Sie den JSON-Reiter oder bearbeiten Sie das Formular.</translation>
    </message>
    <message>
        <source>Copied. Set PATCHBAY_INTEGRATION_TOKEN to an Integration Access Token first.</source>
        <translation>Kopiert. Setzen Sie zuerst PATCHBAY_INTEGRATION_TOKEN auf ein Integrations-Zugangstoken.</translation>
    </message>
    <message>
        <source>Sending %1…</source>
        <translation>%1 wird gesendet…</translation>
    </message>
    <message>
        <source>Cancelled. The answer will be ignored when it arrives.</source>
        <translation>Abgebrochen. Die Antwort wird bei ihrem Eintreffen ignoriert.</translation>
    </message>
    <message>
        <source>HTTP %1 in %2 ms</source>
        <translation>HTTP %1 in %2 ms</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n Element</numerusform>
            <numerusform>%n Elemente</numerusform>
        </translation>
    </message>
    <message>
        <source>No provider exchange came back with this answer. The platform attaches them when it supports the X-Patchbay-Trace: exchanges request header; calls refused before reaching the provider have none.</source>
        <translation>Mit dieser Antwort kam kein Anbieter-Austausch zurück. Die Plattform fügt ihn an, wenn sie den Anfrage-Header X-Patchbay-Trace: exchanges unterstützt; Aufrufe, die abgelehnt werden, bevor sie den Anbieter erreichen, haben keinen.</translation>
    </message>
    <message>
        <source>Round trip through the platform: %1 ms
Status: %2
</source>
        <translation>Hin und zurück über die Plattform: %1 ms
Status: %2
</translation>
    </message>
    <message>
        <source>
Provider exchanges:
</source>
        <translation>
Anbieter-Austausch:
</translation>
    </message>
    <message>
        <source>No Integration selected.</source>
        <translation>Keine Integration ausgewählt.</translation>
    </message>
    <message>
        <source>Obtaining an Integration Access Token…</source>
        <translation>Integrations-Zugangstoken wird angefordert…</translation>
    </message>
    <message>
        <source>Integration Access Token %1 · expires %2 (renewed automatically)</source>
        <translation>Integrations-Zugangstoken %1 · läuft ab %2 (wird automatisch erneuert)</translation>
    </message>
    <message>
        <source>%1 is no longer available for this Integration.</source>
        <translation>%1 ist für diese Integration nicht mehr verfügbar.</translation>
    </message>
</context>
<context>
    <name>pb::CredentialEditor</name>
    <message>
        <source>Username and password (basic)</source>
        <translation>Benutzername und Passwort (Basic)</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Geheimnis</translation>
    </message>
    <message>
        <source>OAuth client</source>
        <translation>OAuth-Client</translation>
    </message>
    <message>
        <source>TLS client certificate</source>
        <translation>TLS-Client-Zertifikat</translation>
    </message>
    <message>
        <source>Secrets are kept in the system keychain; the workspace stores only where to find them.</source>
        <translation>Geheimnisse werden im Schlüsselbund des Systems aufbewahrt; der Arbeitsbereich speichert nur, wo sie zu finden sind.</translation>
    </message>
    <message>
        <source>New Credential</source>
        <translation>Neue Zugangsdaten</translation>
    </message>
    <message>
        <source>Credential %1</source>
        <translation>Zugangsdaten %1</translation>
    </message>
    <message>
        <source>stored in the keychain — type to replace</source>
        <translation>im Schlüsselbund gespeichert – zum Ersetzen tippen</translation>
    </message>
    <message numerus="yes">
        <source>Secret set %1; rotated %n time(s).</source>
        <translation>
            <numerusform>Geheimnis gesetzt %1; %n-mal erneuert.</numerusform>
            <numerusform>Geheimnis gesetzt %1; %n-mal erneuert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Enter the %1.</source>
        <translation>Geben Sie %1 ein.</translation>
    </message>
    <message>
        <source>Enter the username.</source>
        <translation>Geben Sie den Benutzernamen ein.</translation>
    </message>
    <message>
        <source>password or API token</source>
        <translation>das Passwort oder API-Token</translation>
    </message>
    <message>
        <source>token</source>
        <translation>das Token</translation>
    </message>
    <message>
        <source>secret</source>
        <translation>das Geheimnis</translation>
    </message>
    <message>
        <source>Enter the token endpoint as a URL, e.g. https://login.example.com/oauth/token.</source>
        <translation>Geben Sie den Token-Endpunkt als URL ein, z. B. https://login.example.com/oauth/token.</translation>
    </message>
    <message>
        <source>Enter the client id.</source>
        <translation>Geben Sie die Client-ID ein.</translation>
    </message>
    <message>
        <source>client secret</source>
        <translation>das Client-Geheimnis</translation>
    </message>
    <message>
        <source>Paste the certificate in PEM form (-----BEGIN CERTIFICATE-----…).</source>
        <translation>Fügen Sie das Zertifikat im PEM-Format ein (-----BEGIN CERTIFICATE-----…).</translation>
    </message>
    <message>
        <source>Paste the private key in PEM form (-----BEGIN PRIVATE KEY-----…).</source>
        <translation>Fügen Sie den privaten Schlüssel im PEM-Format ein (-----BEGIN PRIVATE KEY-----…).</translation>
    </message>
    <message>
        <source>The expiry date is in the past.</source>
        <translation>Das Ablaufdatum liegt in der Vergangenheit.</translation>
    </message>
    <message>
        <source>the new secret</source>
        <translation>das neue Geheimnis</translation>
    </message>
</context>
<context>
    <name>pb::EditorHost</name>
    <message>
        <source>Patchbay</source>
        <translation>Patchbay</translation>
    </message>
    <message>
        <source>Select something in the tree on the left to see and edit it here.</source>
        <translation>Wählen Sie links im Baum etwas aus, um es hier anzuzeigen und zu bearbeiten.</translation>
    </message>
    <message>
        <source>Nothing to edit</source>
        <translation>Nichts zu bearbeiten</translation>
    </message>
    <message>
        <source>Choose an object, or use New (Ctrl+N) to create one here.</source>
        <translation>Wählen Sie ein Objekt oder legen Sie mit „Neu“ (Strg+N) hier eines an.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>“%1” has unsaved changes. Save them before leaving?</source>
        <translation>„%1“ hat ungespeicherte Änderungen. Vor dem Verlassen speichern?</translation>
    </message>
    <message>
        <source>Read-only: your role cannot change this.</source>
        <translation>Schreibgeschützt: Ihre Rolle darf dies nicht ändern.</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>&amp;Anlegen</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
</context>
<context>
    <name>pb::EditorPage</name>
    <message>
        <source>Enter a display name.</source>
        <translation>Geben Sie einen Anzeigenamen ein.</translation>
    </message>
    <message>
        <source>Use 1 to 64 lower-case letters, digits, “-” or “_”, e.g. “%1”.</source>
        <translation>Verwenden Sie 1 bis 64 Kleinbuchstaben, Ziffern, „-“ oder „_“, z. B. „%1“.</translation>
    </message>
</context>
<context>
    <name>pb::EndUserEditor</name>
    <message>
        <source>New End User</source>
        <translation>Neuer Endbenutzer</translation>
    </message>
    <message>
        <source>End User %1</source>
        <translation>Endbenutzer %1</translation>
    </message>
    <message>
        <source>Enter an e-mail address like name@example.com, or leave it empty.</source>
        <translation>Geben Sie eine E-Mail-Adresse wie name@example.com ein oder lassen Sie das Feld leer.</translation>
    </message>
</context>
<context>
    <name>pb::FirstRunDialog</name>
    <message>
        <source>&amp;Create workspace</source>
        <translation>Arbeitsbereich &amp;anlegen</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <source>Patchbay workspaces (*.patchbay);;All files (*)</source>
        <translation>Patchbay-Arbeitsbereiche (*.patchbay);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Name your Organization.</source>
        <translation>Geben Sie Ihrer Organisation einen Namen.</translation>
    </message>
    <message>
        <source>Enter your name.</source>
        <translation>Geben Sie Ihren Namen ein.</translation>
    </message>
    <message>
        <source>This file exists: open it below, or choose another name.</source>
        <translation>Diese Datei existiert: Öffnen Sie sie unten oder wählen Sie einen anderen Namen.</translation>
    </message>
</context>
<context>
    <name>pb::IntegrationEditor</name>
    <message>
        <source>Username and password</source>
        <translation>Benutzername und Passwort</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Geheimnis</translation>
    </message>
    <message>
        <source>New Integration in %1</source>
        <translation>Neue Integration in %1</translation>
    </message>
    <message>
        <source>Integration %1</source>
        <translation>Integration %1</translation>
    </message>
    <message>
        <source>checked when saved</source>
        <translation>wird beim Speichern geprüft</translation>
    </message>
    <message>
        <source>Not compliant: %1</source>
        <translation>Nicht konform: %1</translation>
    </message>
    <message>
        <source>Compliant with its Integration Point</source>
        <translation>Konform mit ihrem Integrationspunkt</translation>
    </message>
    <message>
        <source>(none — no rules apply)</source>
        <translation>(keiner – es gelten keine Regeln)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 — not allowed</source>
        <translation>%1 – nicht erlaubt</translation>
    </message>
    <message>
        <source>The provider of an existing Integration cannot change.</source>
        <translation>Der Anbieter einer bestehenden Integration kann nicht geändert werden.</translation>
    </message>
    <message>
        <source>Not offered: %1. %2</source>
        <translation>Nicht angeboten: %1. %2</translation>
    </message>
    <message>
        <source>Every %1 provider is allowed here.</source>
        <translation>Jeder %1-Anbieter ist hier erlaubt.</translation>
    </message>
    <message>
        <source>Without an Integration Point no rules apply.</source>
        <translation>Ohne Integrationspunkt gelten keine Regeln.</translation>
    </message>
    <message>
        <source>“%1” is not a provider of this connector.</source>
        <translation>„%1“ ist kein Anbieter dieses Konnektors.</translation>
    </message>
    <message>
        <source>%1 configuration</source>
        <translation>Konfiguration von %1</translation>
    </message>
    <message>
        <source>Provider configuration</source>
        <translation>Anbieterkonfiguration</translation>
    </message>
    <message>
        <source>This provider does not accept %1 credentials here.</source>
        <translation>Dieser Anbieter akzeptiert hier keine Zugangsdaten vom Typ %1.</translation>
    </message>
    <message>
        <source>New credential…</source>
        <translation>Neue Zugangsdaten…</translation>
    </message>
    <message>
        <source>Choose a provider.</source>
        <translation>Wählen Sie einen Anbieter.</translation>
    </message>
    <message>
        <source>This provider needs a credential type that cannot be typed in here; create it under the Account first.</source>
        <translation>Dieser Anbieter benötigt einen Zugangsdatentyp, der hier nicht eingegeben werden kann; legen Sie ihn zuerst unter dem Konto an.</translation>
    </message>
    <message>
        <source>Enter the username.</source>
        <translation>Geben Sie den Benutzernamen ein.</translation>
    </message>
    <message>
        <source>Enter the secret.</source>
        <translation>Geben Sie das Geheimnis ein.</translation>
    </message>
</context>
<context>
    <name>pb::IntegrationPointEditor</name>
    <message>
        <source>New Integration Point</source>
        <translation>Neuer Integrationspunkt</translation>
    </message>
    <message>
        <source>Integration Point %1</source>
        <translation>Integrationspunkt %1</translation>
    </message>
    <message>
        <source>%1 (changes data)</source>
        <translation>%1 (ändert Daten)</translation>
    </message>
    <message>
        <source>A new Integration Point governs no Integration yet.</source>
        <translation>Ein neuer Integrationspunkt regelt noch keine Integration.</translation>
    </message>
    <message numerus="yes">
        <source>%n Integration(s) use this Integration Point. Edit a rule to see which of them it would break.</source>
        <translation>
            <numerusform>%n Integration verwendet diesen Integrationspunkt. Bearbeiten Sie eine Regel, um zu sehen, welche sie verletzen würde.</numerusform>
            <numerusform>%n Integrationen verwenden diesen Integrationspunkt. Bearbeiten Sie eine Regel, um zu sehen, welche davon sie verletzen würde.</numerusform>
        </translation>
    </message>
    <message>
        <source>Row %1: the pattern is not a valid regular expression (%2).</source>
        <translation>Zeile %1: Das Muster ist kein gültiger regulärer Ausdruck (%2).</translation>
    </message>
    <message>
        <source>Checking the impact…</source>
        <translation>Auswirkungen werden geprüft…</translation>
    </message>
    <message>
        <source>Fix the marked fields to see the impact.</source>
        <translation>Korrigieren Sie die markierten Felder, um die Auswirkungen zu sehen.</translation>
    </message>
    <message>
        <source>The rules cannot be checked: %1</source>
        <translation>Die Regeln können nicht geprüft werden: %1</translation>
    </message>
    <message>
        <source>already non-compliant: %1</source>
        <translation>bereits nicht konform: %1</translation>
    </message>
    <message numerus="yes">
        <source>No further Integration would break (%n already non-compliant).</source>
        <translation>
            <numerusform>Keine weitere Integration würde gegen die Regeln verstoßen (%n bereits nicht konform).</numerusform>
            <numerusform>Keine weitere Integration würde gegen die Regeln verstoßen (%n bereits nicht konform).</numerusform>
        </translation>
    </message>
    <message>
        <source>No Integration would become non-compliant.</source>
        <translation>Keine Integration würde ihre Konformität verlieren.</translation>
    </message>
    <message numerus="yes">
        <source>Saving would make %n Integration(s) non-compliant:</source>
        <translation>
            <numerusform>Speichern würde %n Integration nicht mehr konform machen:</numerusform>
            <numerusform>Speichern würde %n Integrationen nicht mehr konform machen:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pb::IntegrationStatusView</name>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>No Integration selected.</source>
        <translation>Keine Integration ausgewählt.</translation>
    </message>
    <message>
        <source>Requests:</source>
        <translation>Anfragen:</translation>
    </message>
    <message>
        <source>Failures:</source>
        <translation>Fehlschläge:</translation>
    </message>
    <message>
        <source>Last success:</source>
        <translation>Letzter Erfolg:</translation>
    </message>
    <message>
        <source>Last failure:</source>
        <translation>Letzter Fehlschlag:</translation>
    </message>
    <message>
        <source>Latency:</source>
        <translation>Latenz:</translation>
    </message>
    <message>
        <source>Last error:</source>
        <translation>Letzter Fehler:</translation>
    </message>
    <message>
        <source>Recent calls (height = duration, red = failed):</source>
        <translation>Letzte Aufrufe (Höhe = Dauer, rot = fehlgeschlagen):</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <source>%1 (%2 %)</source>
        <translation>%1 (%2 %)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>%1 · %2 · HTTP %3 · %4 ms</source>
        <translation>%1 · %2 · HTTP %3 · %4 ms</translation>
    </message>
    <message>
        <source>p50 %1 ms · p95 %2 ms (last %3 calls)</source>
        <translation>p50 %1 ms · p95 %2 ms (letzte %3 Aufrufe)</translation>
    </message>
    <message>
        <source>no calls yet</source>
        <translation>noch keine Aufrufe</translation>
    </message>
</context>
<context>
    <name>pb::IntegrationTokenKeeper</name>
    <message>
        <source>No Integration is selected.</source>
        <translation>Keine Integration ausgewählt.</translation>
    </message>
</context>
<context>
    <name>pb::JsonTreeModel</name>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
</context>
<context>
    <name>pb::LocalServerControl</name>
    <message>
        <source>Serve the &amp;API on Loopback</source>
        <translation>&amp;API auf Loopback bereitstellen</translation>
    </message>
    <message>
        <source>Serve the Management and Connector APIs on 127.0.0.1 for products under development</source>
        <translation>Die Verwaltungs- und Konnektor-APIs auf 127.0.0.1 für Produkte in Entwicklung bereitstellen</translation>
    </message>
    <message>
        <source>Local API server address</source>
        <translation>Adresse des lokalen API-Servers</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>Kein Arbeitsbereich geöffnet.</translation>
    </message>
    <message>
        <source>The API server did not start</source>
        <translation>Der API-Server wurde nicht gestartet</translation>
    </message>
    <message>
        <source>API: %1</source>
        <translation>API: %1</translation>
    </message>
</context>
<context>
    <name>pb::MainWindow</name>
    <message>
        <source>&amp;Tokens</source>
        <translation>&amp;Token</translation>
    </message>
    <message>
        <source>&amp;Audit log</source>
        <translation>&amp;Prüfprotokoll</translation>
    </message>
    <message>
        <source>&amp;Connector console</source>
        <translation>&amp;Konnektor-Konsole</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>Arbeitsbereich</translation>
    </message>
    <message>
        <source>Signed-in member and role</source>
        <translation>Angemeldetes Mitglied und Rolle</translation>
    </message>
    <message>
        <source>Token expiry</source>
        <translation>Ablauf des Tokens</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation>Arbeitsbereich: %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Token expired</source>
        <translation>Token abgelaufen</translation>
    </message>
    <message numerus="yes">
        <source>Token expires in %n min</source>
        <translation>
            <numerusform>Token läuft in %n Minute ab</numerusform>
            <numerusform>Token läuft in %n Minuten ab</numerusform>
        </translation>
    </message>
    <message>
        <source>Token expires in %1 h %2 min</source>
        <translation>Token läuft in %1 h %2 min ab</translation>
    </message>
    <message>
        <source>%1 — Patchbay</source>
        <translation>%1 – Patchbay</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s). Press Ctrl+N or use the context menu to create a new one.</source>
        <translation>
            <numerusform>%n Element. Drücken Sie Strg+N oder verwenden Sie das Kontextmenü, um ein neues anzulegen.</numerusform>
            <numerusform>%n Elemente. Drücken Sie Strg+N oder verwenden Sie das Kontextmenü, um ein neues anzulegen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s).</source>
        <translation>
            <numerusform>%n Element.</numerusform>
            <numerusform>%n Elemente.</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Integration</source>
        <translation>Integration</translation>
    </message>
    <message>
        <source>Credential</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <source>End User</source>
        <translation>Endbenutzer</translation>
    </message>
    <message>
        <source>Integration Point</source>
        <translation>Integrationspunkt</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <source>object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The new language is used the next time Patchbay starts.</source>
        <translation>Die neue Sprache wird beim nächsten Start von Patchbay verwendet.</translation>
    </message>
    <message>
        <source>Choose an Account</source>
        <translation>Konto auswählen</translation>
    </message>
    <message>
        <source>A new %1 belongs to an Account: select the Account first.</source>
        <translation>Ein neues Objekt vom Typ %1 gehört zu einem Konto: Wählen Sie zuerst das Konto aus.</translation>
    </message>
    <message>
        <source>Delete %1 “%2”?</source>
        <translation>%1 „%2“ löschen?</translation>
    </message>
    <message>
        <source>Its Integrations, Credentials (and their keychain entries), End Users and tokens are deleted with it.</source>
        <translation>Seine Integrationen, Zugangsdaten (samt ihren Schlüsselbund-Einträgen), Endbenutzer und Token werden mit ihm gelöscht.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Could not delete</source>
        <translation>Löschen nicht möglich</translation>
    </message>
    <message>
        <source>Deleted.</source>
        <translation>Gelöscht.</translation>
    </message>
    <message>
        <source>New %1…</source>
        <translation>Neu: %1…</translation>
    </message>
    <message>
        <source>&amp;New %1…</source>
        <translation>&amp;Neu: %1…</translation>
    </message>
    <message>
        <source>Open in connector &amp;console</source>
        <translation>In der Konnektor-&amp;Konsole öffnen</translation>
    </message>
    <message>
        <source>Copy &amp;id</source>
        <translation>&amp;ID kopieren</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Neu…</translation>
    </message>
    <message>
        <source>No token issued</source>
        <translation>Kein Token ausgestellt</translation>
    </message>
    <message>
        <source>Integration Access Token for %1</source>
        <translation>Integrations-Zugangstoken für %1</translation>
    </message>
    <message>
        <source>Scoped to this Integration only; expires %1.</source>
        <translation>Nur für diese Integration gültig; läuft ab %1.</translation>
    </message>
    <message>
        <source>Re-evaluating compliance</source>
        <translation>Konformität wird neu geprüft</translation>
    </message>
    <message>
        <source>Access &amp;log</source>
        <translation>Zugriffs&amp;protokoll</translation>
    </message>
    <message>
        <source>Showing the first %1 matches; type more words to narrow the filter.</source>
        <translation>Die ersten %1 Treffer werden angezeigt; geben Sie weitere Wörter ein, um den Filter einzugrenzen.</translation>
    </message>
</context>
<context>
    <name>pb::MaskedTextEdit</name>
    <message>
        <source>Secret text</source>
        <translation>Geheimer Text</translation>
    </message>
    <message>
        <source>Show or hide the secret</source>
        <translation>Geheimnis anzeigen oder verbergen</translation>
    </message>
    <message numerus="yes">
        <source>Hidden (%n characters)</source>
        <translation>
            <numerusform>Verborgen (%n Zeichen)</numerusform>
            <numerusform>Verborgen (%n Zeichen)</numerusform>
        </translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Verbergen</translation>
    </message>
</context>
<context>
    <name>pb::MemberEditor</name>
    <message>
        <source>New Member</source>
        <translation>Neues Mitglied</translation>
    </message>
    <message>
        <source>Member %1</source>
        <translation>Mitglied %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Enter an e-mail address like name@example.com, or leave it empty.</source>
        <translation>Geben Sie eine E-Mail-Adresse wie name@example.com ein oder lassen Sie das Feld leer.</translation>
    </message>
    <message>
        <source>You cannot disable yourself or give up your own administrator role.</source>
        <translation>Sie können sich nicht selbst deaktivieren oder Ihre eigene Administratorrolle aufgeben.</translation>
    </message>
    <message>
        <source>First token of %1</source>
        <translation>Erstes Token von %1</translation>
    </message>
    <message>
        <source>Give this Organization Access Token to the new member; it expires %1.</source>
        <translation>Geben Sie dieses Organisations-Zugangstoken dem neuen Mitglied; es läuft ab %1.</translation>
    </message>
</context>
<context>
    <name>pb::NodePresentation</name>
    <message>
        <source>Accounts</source>
        <translation>Konten</translation>
    </message>
    <message>
        <source>Integrations</source>
        <translation>Integrationen</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <source>End Users</source>
        <translation>Endbenutzer</translation>
    </message>
    <message>
        <source>Integration Points</source>
        <translation>Integrationspunkte</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <source>Account %1 · environment %2</source>
        <translation>Konto %1 · Umgebung %2</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <source>Not compliant: %1</source>
        <translation>Nicht konform: %1</translation>
    </message>
    <message>
        <source>Credential of type %1</source>
        <translation>Zugangsdaten vom Typ %1</translation>
    </message>
    <message>
        <source>Expires %1</source>
        <translation>Läuft ab %1</translation>
    </message>
    <message>
        <source>%1 member · %2</source>
        <translation>%1-Mitglied · %2</translation>
    </message>
</context>
<context>
    <name>pb::OperationForm</name>
    <message>
        <source>This body is a %1; edit it in the JSON tab.</source>
        <translation>Dieser Rumpf ist ein %1; bearbeiten Sie ihn im JSON-Reiter.</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Rumpf</translation>
    </message>
    <message>
        <source>This operation takes no parameters.</source>
        <translation>Diese Operation hat keine Parameter.</translation>
    </message>
    <message>
        <source>One value per line</source>
        <translation>Ein Wert pro Zeile</translation>
    </message>
    <message>
        <source>JSON array, e.g. [&quot;a&quot;, &quot;b&quot;]</source>
        <translation>JSON-Array, z. B. [&quot;a&quot;, &quot;b&quot;]</translation>
    </message>
    <message>
        <source>JSON object</source>
        <translation>JSON-Objekt</translation>
    </message>
</context>
<context>
    <name>pb::OrganizationEditor</name>
    <message>
        <source>Organization %1</source>
        <translation>Organisation %1</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
</context>
<context>
    <name>pb::OrganizationTreeModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Could not load: %1</source>
        <translation>Laden nicht möglich: %1</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>Suche fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>pb::ProgressTask</name>
    <message>
        <source>Preparing…</source>
        <translation>Wird vorbereitet…</translation>
    </message>
    <message>
        <source>Step %1 of %2…</source>
        <translation>Schritt %1 von %2…</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s) failed. The first problem:
%1</source>
        <translation>
            <numerusform>%n Schritt ist fehlgeschlagen. Das erste Problem:
%1</numerusform>
            <numerusform>%n Schritte sind fehlgeschlagen. Das erste Problem:
%1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pb::SignInDialog</name>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Anmelden</translation>
    </message>
</context>
<context>
    <name>pb::TokenSecretDialog</name>
    <message>
        <source>Copied — clears in 30 s</source>
        <translation>Kopiert – wird in 30 s gelöscht</translation>
    </message>
</context>
<context>
    <name>pb::TokensPage</name>
    <message>
        <source>Integration %1</source>
        <translation>Integration %1</translation>
    </message>
    <message>
        <source>Member %1</source>
        <translation>Mitglied %1</translation>
    </message>
    <message>
        <source>refresh</source>
        <translation>Aktualisierung</translation>
    </message>
    <message>
        <source>integration access</source>
        <translation>Integrationszugang</translation>
    </message>
    <message>
        <source>organization access</source>
        <translation>Organisationszugang</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message numerus="yes">
        <source>%n active token(s)</source>
        <translation>
            <numerusform>%n aktives Token</numerusform>
            <numerusform>%n aktive Token</numerusform>
        </translation>
    </message>
    <message>
        <source>New Organization Access Token</source>
        <translation>Neues Organisations-Zugangstoken</translation>
    </message>
    <message>
        <source>Expires %1. Use it as “Authorization: Bearer …” or with patchbay-cli --token.</source>
        <translation>Läuft ab %1. Verwenden Sie es als „Authorization: Bearer …“ oder mit patchbay-cli --token.</translation>
    </message>
    <message>
        <source>Revoke token</source>
        <translation>Token widerrufen</translation>
    </message>
    <message>
        <source>Revoke “%1” (%2)? Programs using it stop working at once.</source>
        <translation>„%1“ (%2) widerrufen? Programme, die es verwenden, funktionieren sofort nicht mehr.</translation>
    </message>
</context>
<context>
    <name>pb::WorkspaceLauncher</name>
    <message>
        <source>Cannot open the workspace</source>
        <translation>Der Arbeitsbereich kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Your stored session could not be used: %1</source>
        <translation>Ihre gespeicherte Sitzung konnte nicht verwendet werden: %1</translation>
    </message>
    <message>
        <source>Session not kept</source>
        <translation>Sitzung nicht gespeichert</translation>
    </message>
    <message>
        <source>You are signed in, but your token could not be kept in the keychain, so you will be asked for a token next time.

%1</source>
        <translation>Sie sind angemeldet, aber Ihr Token konnte nicht im Schlüsselbund gespeichert werden; beim nächsten Mal werden Sie daher nach einem Token gefragt.

%1</translation>
    </message>
    <message>
        <source>Sign in as another member.</source>
        <translation>Als anderes Mitglied anmelden.</translation>
    </message>
    <message>
        <source>You have signed out.</source>
        <translation>Sie haben sich abgemeldet.</translation>
    </message>
    <message>
        <source>Your session has expired.</source>
        <translation>Ihre Sitzung ist abgelaufen.</translation>
    </message>
    <message>
        <source>Your session has expired. Sign in again to continue; your unsaved changes are kept.</source>
        <translation>Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an, um fortzufahren; Ihre ungespeicherten Änderungen bleiben erhalten.</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <source>Patchbay workspaces (*.patchbay);;All files (*)</source>
        <translation>Patchbay-Arbeitsbereiche (*.patchbay);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>New workspace</source>
        <translation>Neuer Arbeitsbereich</translation>
    </message>
    <message>
        <source>Patchbay workspaces (*.patchbay)</source>
        <translation>Patchbay-Arbeitsbereiche (*.patchbay)</translation>
    </message>
    <message>
        <source>%1 exists already; choose another name.</source>
        <translation>%1 existiert bereits; wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>Export workspace</source>
        <translation>Arbeitsbereich exportieren</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Exported to %1. Secrets are not exported.</source>
        <translation>Nach %1 exportiert. Geheimnisse werden nicht exportiert.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>Import fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Imported. Imported credentials have no secret yet: rotate them to set one.</source>
        <translation>Importiert. Importierte Zugangsdaten haben noch kein Geheimnis: Erneuern Sie sie, um eines zu setzen.</translation>
    </message>
    <message>
        <source>Demo Organization</source>
        <translation>Demo-Organisation</translation>
    </message>
    <message>
        <source>Demo Administrator</source>
        <translation>Demo-Administrator</translation>
    </message>
    <message>
        <source>Cannot create the demo</source>
        <translation>Die Demo kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Demo data incomplete</source>
        <translation>Demo-Daten unvollständig</translation>
    </message>
</context>
</TS>
