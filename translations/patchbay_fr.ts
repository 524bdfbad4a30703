<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Patchbay</source>
        <translation>À propos de Patchbay</translation>
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
        <translation>Console d&apos;administration pour une plateforme d&apos;intégration multi-locataire.</translation>
    </message>
    <message>
        <source>Patchbay uses these libraries:</source>
        <translation>Patchbay utilise les bibliothèques suivantes :</translation>
    </message>
    <message>
        <source>Libraries and their licenses</source>
        <translation>Bibliothèques et leurs licences</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothèque</translation>
    </message>
    <message>
        <source>License</source>
        <translation>Licence</translation>
    </message>
</context>
<context>
    <name>AccessLogView</name>
    <message>
        <source>&amp;Path or status:</source>
        <translation>&amp;Chemin ou état :</translation>
    </message>
    <message>
        <source>Access log filter</source>
        <translation>Filtre du journal d&apos;accès</translation>
    </message>
    <message>
        <source>e.g. /v1/accounts or 401</source>
        <translation>p. ex. /v1/accounts ou 401</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>Refresh the access log</source>
        <translation>Actualiser le journal d&apos;accès</translation>
    </message>
    <message>
        <source>Local API server access log</source>
        <translation>Journal d&apos;accès du serveur d&apos;API local</translation>
    </message>
</context>
<context>
    <name>AccountEditor</name>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation>&amp;Nom d&apos;affichage :</translation>
    </message>
    <message>
        <source>Account display name</source>
        <translation>Nom d&apos;affichage du compte</translation>
    </message>
    <message>
        <source>e.g. Acme Corporation</source>
        <translation>p. ex. Acme SA</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>No&amp;m :</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>Nom du compte</translation>
    </message>
    <message>
        <source>derived from the display name when empty</source>
        <translation>déduit du nom d&apos;affichage s&apos;il est vide</translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation>&amp;Environnement :</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Environnement</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>Production</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>&amp;Labels:</source>
        <translation>&amp;Libellés :</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Libellés</translation>
    </message>
    <message>
        <source>comma-separated, e.g. eu, gold</source>
        <translation>séparés par des virgules, p. ex. eu, gold</translation>
    </message>
    <message>
        <source>Id:</source>
        <translation>ID :</translation>
    </message>
    <message>
        <source>Account id</source>
        <translation>ID du compte</translation>
    </message>
</context>
<context>
    <name>AuditLogView</name>
    <message>
        <source>&amp;Account:</source>
        <translation>&amp;Compte :</translation>
    </message>
    <message>
        <source>Account filter</source>
        <translation>Filtre de compte</translation>
    </message>
    <message>
        <source>&amp;Member:</source>
        <translation>&amp;Membre :</translation>
    </message>
    <message>
        <source>Member filter</source>
        <translation>Filtre de membre</translation>
    </message>
    <message>
        <source>A&amp;ction:</source>
        <translation>A&amp;ction :</translation>
    </message>
    <message>
        <source>Action filter</source>
        <translation>Filtre d&apos;action</translation>
    </message>
    <message>
        <source>method or path, e.g. POST /v1/accounts</source>
        <translation>méthode ou chemin, p. ex. POST /v1/accounts</translation>
    </message>
    <message>
        <source>&amp;Since</source>
        <translation>&amp;Depuis</translation>
    </message>
    <message>
        <source>Filter by time</source>
        <translation>Filtrer par date</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Depuis</translation>
    </message>
    <message>
        <source>yyyy-MM-dd HH:mm</source>
        <translation>yyyy-MM-dd HH:mm</translation>
    </message>
    <message>
        <source>until</source>
        <translation>jusqu&apos;au</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Jusqu&apos;au</translation>
    </message>
    <message>
        <source>A&amp;pply</source>
        <translation>A&amp;ppliquer</translation>
    </message>
    <message>
        <source>Apply the filter</source>
        <translation>Appliquer le filtre</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Journal d&apos;audit</translation>
    </message>
    <message>
        <source>&amp;Verify chain</source>
        <translation>&amp;Vérifier la chaîne</translation>
    </message>
    <message>
        <source>Verify the audit hash chain</source>
        <translation>Vérifier la chaîne de hachage du journal d&apos;audit</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>&amp;Exporter en CSV…</translation>
    </message>
    <message>
        <source>Export the shown entries as CSV</source>
        <translation>Exporter les entrées affichées en CSV</translation>
    </message>
    <message>
        <source>Audit status</source>
        <translation>État du journal d&apos;audit</translation>
    </message>
</context>
<context>
    <name>ConnectorConsole</name>
    <message>
        <source>Connector console</source>
        <translation>Console du connecteur</translation>
    </message>
    <message>
        <source>&amp;Integration:</source>
        <translation>&amp;Intégration :</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Recharger</translation>
    </message>
    <message>
        <source>No Integration selected.</source>
        <translation>Aucune intégration sélectionnée.</translation>
    </message>
    <message>
        <source>&amp;Operation:</source>
        <translation>&amp;Opération :</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Formulaire</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Envoyer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Copy as curl</source>
        <translation>Copier comme commande curl</translation>
    </message>
    <message>
        <source>History of this Integration</source>
        <translation>Historique de cette intégration</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Opération</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Fill form</source>
        <translation>Remplir le formulaire</translation>
    </message>
    <message>
        <source>Re-run</source>
        <translation>Relancer</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Page suivante</translation>
    </message>
    <message>
        <source>Provider exchange</source>
        <translation>Échanges avec le fournisseur</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>Chronologie</translation>
    </message>
</context>
<context>
    <name>CredentialEditor</name>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation>&amp;Nom d&apos;affichage :</translation>
    </message>
    <message>
        <source>Credential display name</source>
        <translation>Nom d&apos;affichage de l&apos;identifiant</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>No&amp;m :</translation>
    </message>
    <message>
        <source>Credential name</source>
        <translation>Nom de l&apos;identifiant</translation>
    </message>
    <message>
        <source>derived from the display name when empty</source>
        <translation>déduit du nom d&apos;affichage s&apos;il est vide</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>T&amp;ype :</translation>
    </message>
    <message>
        <source>Credential type</source>
        <translation>Type d&apos;identifiant</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>Nom d&apos;&amp;utilisateur :</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Nom d&apos;utilisateur</translation>
    </message>
    <message>
        <source>&amp;Password / API token:</source>
        <translation>Mot de &amp;passe / jeton d&apos;API :</translation>
    </message>
    <message>
        <source>Password or API token</source>
        <translation>Mot de passe ou jeton d&apos;API</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Jeton :</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Jeton</translation>
    </message>
    <message>
        <source>&amp;Secret:</source>
        <translation>&amp;Secret :</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Secret</translation>
    </message>
    <message>
        <source>Token &amp;URL:</source>
        <translation>&amp;URL du jeton :</translation>
    </message>
    <message>
        <source>OAuth token URL</source>
        <translation>URL du jeton OAuth</translation>
    </message>
    <message>
        <source>https://…/oauth/token</source>
        <translation>https://…/oauth/token</translation>
    </message>
    <message>
        <source>Client &amp;id:</source>
        <translation>&amp;ID client :</translation>
    </message>
    <message>
        <source>OAuth client id</source>
        <translation>ID client OAuth</translation>
    </message>
    <message>
        <source>Client s&amp;ecret:</source>
        <translation>S&amp;ecret client :</translation>
    </message>
    <message>
        <source>OAuth client secret</source>
        <translation>Secret client OAuth</translation>
    </message>
    <message>
        <source>&amp;Certificate (PEM):</source>
        <translation>&amp;Certificat (PEM) :</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Certificat</translation>
    </message>
    <message>
        <source>-----BEGIN CERTIFICATE-----</source>
        <translation>-----BEGIN CERTIFICATE-----</translation>
    </message>
    <message>
        <source>Private &amp;key (PEM):</source>
        <translation>&amp;Clé privée (PEM) :</translation>
    </message>
    <message>
        <source>Private key</source>
        <translation>Clé privée</translation>
    </message>
    <message>
        <source>Expiry:</source>
        <translation>Expiration :</translation>
    </message>
    <message>
        <source>E&amp;xpires on</source>
        <translation>E&amp;xpire le</translation>
    </message>
    <message>
        <source>Credential expires</source>
        <translation>L&apos;identifiant expire</translation>
    </message>
    <message>
        <source>Expiry date</source>
        <translation>Date d&apos;expiration</translation>
    </message>
    <message>
        <source>yyyy-MM-dd HH:mm</source>
        <translation>yyyy-MM-dd HH:mm</translation>
    </message>
    <message>
        <source>Re&amp;veal secrets</source>
        <translation>&amp;Afficher les secrets</translation>
    </message>
    <message>
        <source>Reveal secrets</source>
        <translation>Afficher les secrets</translation>
    </message>
    <message>
        <source>Administrators only: reads the secrets from the keychain and shows them.</source>
        <translation>Réservé aux administrateurs : lit les secrets dans le trousseau et les affiche.</translation>
    </message>
    <message>
        <source>R&amp;otate…</source>
        <translation>Re&amp;nouveler…</translation>
    </message>
    <message>
        <source>Rotate the secret</source>
        <translation>Renouveler le secret</translation>
    </message>
    <message>
        <source>Enter a new secret; the old one is replaced when you save.</source>
        <translation>Saisissez un nouveau secret ; l&apos;ancien est remplacé lors de l&apos;enregistrement.</translation>
    </message>
    <message>
        <source>Secret storage</source>
        <translation>Stockage des secrets</translation>
    </message>
</context>
<context>
    <name>EditorHost</name>
    <message>
        <source>Editor title</source>
        <translation>Titre de l&apos;éditeur</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Lecture seule</translation>
    </message>
    <message>
        <source>Read-only notice</source>
        <translation>Avis de lecture seule</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <source>Delete this object</source>
        <translation>Supprimer cet objet</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>&amp;Annuler les modifications</translation>
    </message>
    <message>
        <source>Revert the changes</source>
        <translation>Annuler les modifications</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Save the changes</source>
        <translation>Enregistrer les modifications</translation>
    </message>
</context>
<context>
    <name>EndUserEditor</name>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation>&amp;Nom d&apos;affichage :</translation>
    </message>
    <message>
        <source>End user display name</source>
        <translation>Nom d&apos;affichage de l&apos;utilisateur final</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>No&amp;m :</translation>
    </message>
    <message>
        <source>End user name</source>
        <translation>Nom de l&apos;utilisateur final</translation>
    </message>
    <message>
        <source>derived from the display name when empty</source>
        <translation>déduit du nom d&apos;affichage s&apos;il est vide</translation>
    </message>
    <message>
        <source>E-&amp;mail:</source>
        <translation>&amp;E-mail :</translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation>Adresse e-mail</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>nom@example.com</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to Patchbay</source>
        <translation>Bienvenue dans Patchbay</translation>
    </message>
    <message>
        <source>&lt;b&gt;Welcome to Patchbay.&lt;/b&gt; A workspace holds one Organization: its Accounts, Integrations, Integration Points and Members. You become its first administrator.</source>
        <translation>&lt;b&gt;Bienvenue dans Patchbay.&lt;/b&gt; Un espace de travail contient une organisation : ses comptes, intégrations, points d&apos;intégration et membres. Vous en devenez le premier administrateur.</translation>
    </message>
    <message>
        <source>Create a new workspace</source>
        <translation>Créer un espace de travail</translation>
    </message>
    <message>
        <source>&amp;Organization:</source>
        <translation>&amp;Organisation :</translation>
    </message>
    <message>
        <source>Organization name</source>
        <translation>Nom de l&apos;organisation</translation>
    </message>
    <message>
        <source>e.g. Acme Integrations</source>
        <translation>p. ex. Acme Intégrations</translation>
    </message>
    <message>
        <source>&amp;Your name:</source>
        <translation>&amp;Votre nom :</translation>
    </message>
    <message>
        <source>Administrator name</source>
        <translation>Nom de l&apos;administrateur</translation>
    </message>
    <message>
        <source>e.g. Ada Lovelace</source>
        <translation>p. ex. Ada Lovelace</translation>
    </message>
    <message>
        <source>E-&amp;mail:</source>
        <translation>&amp;E-mail :</translation>
    </message>
    <message>
        <source>Administrator e-mail</source>
        <translation>E-mail de l&apos;administrateur</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>facultatif</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Fichier :</translation>
    </message>
    <message>
        <source>Workspace file</source>
        <translation>Fichier d&apos;espace de travail</translation>
    </message>
    <message>
        <source>Or open a workspace</source>
        <translation>Ou ouvrez un espace de travail</translation>
    </message>
    <message>
        <source>Open a workspace</source>
        <translation>Ouvrir un espace de travail</translation>
    </message>
    <message>
        <source>Recent workspaces</source>
        <translation>Espaces de travail récents</translation>
    </message>
    <message>
        <source>Open &amp;selected</source>
        <translation>Ouvrir la &amp;sélection</translation>
    </message>
    <message>
        <source>Open the selected workspace</source>
        <translation>Ouvrir l&apos;espace de travail sélectionné</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>Open a workspace file</source>
        <translation>Ouvrir un fichier d&apos;espace de travail</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
</context>
<context>
    <name>IntegrationEditor</name>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation>&amp;Nom d&apos;affichage :</translation>
    </message>
    <message>
        <source>Integration display name</source>
        <translation>Nom d&apos;affichage de l&apos;intégration</translation>
    </message>
    <message>
        <source>e.g. Jira for support</source>
        <translation>p. ex. Jira pour le support</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>No&amp;m :</translation>
    </message>
    <message>
        <source>Integration name</source>
        <translation>Nom de l&apos;intégration</translation>
    </message>
    <message>
        <source>derived from the display name when empty</source>
        <translation>déduit du nom d&apos;affichage s&apos;il est vide</translation>
    </message>
    <message>
        <source>Integration &amp;Point:</source>
        <translation>&amp;Point d&apos;intégration :</translation>
    </message>
    <message>
        <source>Integration Point</source>
        <translation>Point d&apos;intégration</translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation>&amp;Fournisseur :</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <source>Providers not offered</source>
        <translation>Fournisseurs non proposés</translation>
    </message>
    <message>
        <source>Provider configuration</source>
        <translation>Configuration du fournisseur</translation>
    </message>
    <message>
        <source>&amp;Credential:</source>
        <translation>&amp;Identifiant :</translation>
    </message>
    <message>
        <source>Credential</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <source>New credential</source>
        <translation>Nouvel identifiant</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>T&amp;ype :</translation>
    </message>
    <message>
        <source>New credential type</source>
        <translation>Type du nouvel identifiant</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>Nom d&apos;&amp;utilisateur :</translation>
    </message>
    <message>
        <source>New credential username</source>
        <translation>Nom d&apos;utilisateur du nouvel identifiant</translation>
    </message>
    <message>
        <source>&amp;Secret:</source>
        <translation>&amp;Secret :</translation>
    </message>
    <message>
        <source>New credential secret</source>
        <translation>Secret du nouvel identifiant</translation>
    </message>
    <message>
        <source>E&amp;nabled</source>
        <translation>A&amp;ctivé</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Activé</translation>
    </message>
    <message>
        <source>Compliance:</source>
        <translation>Conformité :</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>Conformité</translation>
    </message>
</context>
<context>
    <name>IntegrationPointEditor</name>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation>&amp;Nom d&apos;affichage :</translation>
    </message>
    <message>
        <source>Integration Point display name</source>
        <translation>Nom d&apos;affichage du point d&apos;intégration</translation>
    </message>
    <message>
        <source>e.g. EU ticketing</source>
        <translation>p. ex. Ticketing UE</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>No&amp;m :</translation>
    </message>
    <message>
        <source>Integration Point name</source>
        <translation>Nom du point d&apos;intégration</translation>
    </message>
    <message>
        <source>derived from the display name when empty</source>
        <translation>déduit du nom d&apos;affichage s&apos;il est vide</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Description :</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>C&amp;onnector:</source>
        <translation>C&amp;onnecteur :</translation>
    </message>
    <message>
        <source>Connector</source>
        <translation>Connecteur</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Règles</translation>
    </message>
    <message>
        <source>Pro&amp;viders</source>
        <translation>Fo&amp;urnisseurs</translation>
    </message>
    <message>
        <source>Test Accounts</source>
        <translation>Comptes de test</translation>
    </message>
    <message>
        <source>All providers (*)</source>
        <translation>Tous les fournisseurs (*)</translation>
    </message>
    <message>
        <source>Test Accounts: all providers</source>
        <translation>Comptes de test : tous les fournisseurs</translation>
    </message>
    <message>
        <source>Test Accounts: allowed providers</source>
        <translation>Comptes de test : fournisseurs autorisés</translation>
    </message>
    <message>
        <source>Production Accounts</source>
        <translation>Comptes de production</translation>
    </message>
    <message>
        <source>Production Accounts: all providers</source>
        <translation>Comptes de production : tous les fournisseurs</translation>
    </message>
    <message>
        <source>Production Accounts: allowed providers</source>
        <translation>Comptes de production : fournisseurs autorisés</translation>
    </message>
    <message>
        <source>&amp;Credentials &amp;&amp; hosts</source>
        <translation>&amp;Identifiants &amp;&amp; hôtes</translation>
    </message>
    <message>
        <source>Credential &amp;types:</source>
        <translation>&amp;Types d&apos;identifiant :</translation>
    </message>
    <message>
        <source>Allowed credential types</source>
        <translation>Types d&apos;identifiant autorisés</translation>
    </message>
    <message>
        <source>None checked: every type the provider accepts.</source>
        <translation>Aucun coché : tous les types acceptés par le fournisseur.</translation>
    </message>
    <message>
        <source>&amp;Host patterns:</source>
        <translation>Modèles d&apos;&amp;hôte :</translation>
    </message>
    <message>
        <source>Host patterns</source>
        <translation>Modèles d&apos;hôte</translation>
    </message>
    <message>
        <source>one per line, e.g. *.atlassian.net</source>
        <translation>un par ligne, p. ex. *.atlassian.net</translation>
    </message>
    <message>
        <source>HTTP&amp;S required</source>
        <translation>HTTP&amp;S obligatoire</translation>
    </message>
    <message>
        <source>HTTPS required</source>
        <translation>HTTPS obligatoire</translation>
    </message>
    <message>
        <source>Required con&amp;fig</source>
        <translation>Con&amp;figuration requise</translation>
    </message>
    <message>
        <source>Required config values</source>
        <translation>Valeurs de configuration requises</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Pattern the value must match</source>
        <translation>Modèle auquel la valeur doit correspondre</translation>
    </message>
    <message>
        <source>&amp;Add rule</source>
        <translation>&amp;Ajouter une règle</translation>
    </message>
    <message>
        <source>Add a required config value</source>
        <translation>Ajouter une valeur de configuration requise</translation>
    </message>
    <message>
        <source>&amp;Remove rule</source>
        <translation>&amp;Retirer la règle</translation>
    </message>
    <message>
        <source>Remove the selected rule</source>
        <translation>Retirer la règle sélectionnée</translation>
    </message>
    <message>
        <source>&amp;Operations</source>
        <translation>&amp;Opérations</translation>
    </message>
    <message>
        <source>All operations of the connector</source>
        <translation>Toutes les opérations du connecteur</translation>
    </message>
    <message>
        <source>All operations</source>
        <translation>Toutes les opérations</translation>
    </message>
    <message>
        <source>Allowed operations</source>
        <translation>Opérations autorisées</translation>
    </message>
    <message>
        <source>&amp;Limits</source>
        <translation>&amp;Limites</translation>
    </message>
    <message>
        <source>Integration token &amp;lifetime at most:</source>
        <translation>&amp;Durée de vie max. d&apos;un jeton d&apos;intégration :</translation>
    </message>
    <message>
        <source>Maximum Integration Access Token lifetime</source>
        <translation>Durée de vie maximale du jeton d&apos;accès d&apos;intégration</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>no cap</source>
        <translation>sans limite</translation>
    </message>
    <message>
        <source>Credential &amp;age at most:</source>
        <translation>Â&amp;ge max. des identifiants :</translation>
    </message>
    <message>
        <source>Maximum credential age</source>
        <translation>Âge maximal des identifiants</translation>
    </message>
    <message>
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <source>Impact preview (before saving)</source>
        <translation>Aperçu de l&apos;impact (avant l&apos;enregistrement)</translation>
    </message>
    <message>
        <source>Impact preview</source>
        <translation>Aperçu de l&apos;impact</translation>
    </message>
    <message>
        <source>Impact preview status</source>
        <translation>État de l&apos;aperçu de l&apos;impact</translation>
    </message>
    <message>
        <source>Integrations that would become non-compliant</source>
        <translation>Intégrations qui deviendraient non conformes</translation>
    </message>
    <message>
        <source>Integration</source>
        <translation>Intégration</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Why it would break</source>
        <translation>Pourquoi elle ne serait plus conforme</translation>
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
        <translation>Vues principales</translation>
    </message>
    <message>
        <source>&amp;Organization</source>
        <translation>&amp;Organisation</translation>
    </message>
    <message>
        <source>Filter the tree</source>
        <translation>Filtrer l&apos;arborescence</translation>
    </message>
    <message>
        <source>Filter (Ctrl+F): name, provider, label…</source>
        <translation>Filtre (Ctrl+F) : nom, fournisseur, libellé…</translation>
    </message>
    <message>
        <source>Organization tree</source>
        <translation>Arborescence de l&apos;organisation</translation>
    </message>
    <message>
        <source>Editor</source>
        <translation>Éditeur</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>New &amp;workspace…</source>
        <translation>Nouvel &amp;espace de travail…</translation>
    </message>
    <message>
        <source>&amp;Open workspace…</source>
        <translation>&amp;Ouvrir un espace de travail…</translation>
    </message>
    <message>
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <source>Sign in as another &amp;member…</source>
        <translation>Se connecter en tant qu&apos;autre &amp;membre…</translation>
    </message>
    <message>
        <source>Sign o&amp;ut</source>
        <translation>Se &amp;déconnecter</translation>
    </message>
    <message>
        <source>&amp;Export workspace…</source>
        <translation>&amp;Exporter l&apos;espace de travail…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Nouveau…</translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <source>Del</source>
        <translation>Del</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>&amp;Filtrer</translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <source>Issue &amp;integration token…</source>
        <translation>Émettre un jeton d&apos;&amp;intégration…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <source>Re-evaluate &amp;compliance</source>
        <translation>Réévaluer la &amp;conformité</translation>
    </message>
    <message>
        <source>&amp;About Patchbay</source>
        <translation>À &amp;propos de Patchbay</translation>
    </message>
</context>
<context>
    <name>MemberEditor</name>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation>&amp;Nom d&apos;affichage :</translation>
    </message>
    <message>
        <source>Member display name</source>
        <translation>Nom d&apos;affichage du membre</translation>
    </message>
    <message>
        <source>e.g. Ada Lovelace</source>
        <translation>p. ex. Ada Lovelace</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>No&amp;m :</translation>
    </message>
    <message>
        <source>Member name</source>
        <translation>Nom du membre</translation>
    </message>
    <message>
        <source>derived from the display name when empty</source>
        <translation>déduit du nom d&apos;affichage s&apos;il est vide</translation>
    </message>
    <message>
        <source>E-ma&amp;il:</source>
        <translation>E-ma&amp;il :</translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation>Adresse e-mail</translation>
    </message>
    <message>
        <source>name@example.com (optional)</source>
        <translation>nom@example.com (facultatif)</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Type :</translation>
    </message>
    <message>
        <source>Member type</source>
        <translation>Type de membre</translation>
    </message>
    <message>
        <source>Personal (a person)</source>
        <translation>Personnel (une personne)</translation>
    </message>
    <message>
        <source>Service (a program)</source>
        <translation>Service (un programme)</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rôle :</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrateur</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Membre</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>Lecteur</translation>
    </message>
    <message>
        <source>&amp;State:</source>
        <translation>É&amp;tat :</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Activé</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <source>Last sign-in:</source>
        <translation>Dernière connexion :</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>Dernière connexion</translation>
    </message>
</context>
<context>
    <name>OrganizationEditor</name>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation>&amp;Nom d&apos;affichage :</translation>
    </message>
    <message>
        <source>Organization display name</source>
        <translation>Nom d&apos;affichage de l&apos;organisation</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>No&amp;m :</translation>
    </message>
    <message>
        <source>Organization name</source>
        <translation>Nom de l&apos;organisation</translation>
    </message>
    <message>
        <source>a unique slug: lower-case letters, digits, - and _</source>
        <translation>un identifiant court unique : lettres minuscules, chiffres, - et _</translation>
    </message>
    <message>
        <source>Id:</source>
        <translation>ID :</translation>
    </message>
    <message>
        <source>Organization id</source>
        <translation>ID de l&apos;organisation</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>Créée le :</translation>
    </message>
    <message>
        <source>Created at</source>
        <translation>Date de création</translation>
    </message>
    <message>
        <source>&amp;Access tokens last:</source>
        <translation>Durée des jetons d&apos;&amp;accès :</translation>
    </message>
    <message>
        <source>Lifetime of personal Organization Access Tokens in minutes</source>
        <translation>Durée de vie des jetons d&apos;accès d&apos;organisation personnels, en minutes</translation>
    </message>
    <message>
        <source>How long a member&apos;s Organization Access Token stays valid; at most 24 hours.</source>
        <translation>Durée de validité du jeton d&apos;accès d&apos;organisation d&apos;un membre ; 24 heures au plus.</translation>
    </message>
    <message>
        <source>&amp;Refresh tokens last:</source>
        <translation>Durée des jetons d&apos;&amp;actualisation :</translation>
    </message>
    <message>
        <source>Lifetime of refresh tokens in hours</source>
        <translation>Durée de vie des jetons d&apos;actualisation, en heures</translation>
    </message>
    <message>
        <source>How long a refresh token can renew its access token; at most 30 days.</source>
        <translation>Durée pendant laquelle un jeton d&apos;actualisation peut renouveler son jeton d&apos;accès ; 30 jours au plus.</translation>
    </message>
</context>
<context>
    <name>RoleNames</name>
    <message>
        <source>Administrator</source>
        <translation>Administrateur</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Membre</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>Lecteur</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Paste an Organization Access Token (it begins with pbo_ or pbr_). Patchbay keeps it in the system keychain, never in settings.</source>
        <translation>Collez un jeton d&apos;accès d&apos;organisation (il commence par pbo_ ou pbr_). Patchbay le conserve dans le trousseau du système, jamais dans les paramètres.</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Jeton</translation>
    </message>
    <message>
        <source>pbo_… or pbr_…</source>
        <translation>pbo_… ou pbr_…</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
</context>
<context>
    <name>TokenSecretDialog</name>
    <message>
        <source>New token</source>
        <translation>Nouveau jeton</translation>
    </message>
    <message>
        <source>&lt;b&gt;Copy this secret now.&lt;/b&gt; It is shown only once: Patchbay keeps only its hash.</source>
        <translation>&lt;b&gt;Copiez ce secret maintenant.&lt;/b&gt; Il n&apos;est affiché qu&apos;une seule fois : Patchbay n&apos;en conserve que le hachage.</translation>
    </message>
    <message>
        <source>Token secret</source>
        <translation>Secret du jeton</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>Copy the secret to the clipboard</source>
        <translation>Copier le secret dans le presse-papiers</translation>
    </message>
</context>
<context>
    <name>TokensPage</name>
    <message>
        <source>Na&amp;me:</source>
        <translation>No&amp;m :</translation>
    </message>
    <message>
        <source>New token name</source>
        <translation>Nom du nouveau jeton</translation>
    </message>
    <message>
        <source>e.g. ci-pipeline</source>
        <translation>p. ex. ci-pipeline</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rôle :</translation>
    </message>
    <message>
        <source>New token role</source>
        <translation>Rôle du nouveau jeton</translation>
    </message>
    <message>
        <source>Same as mine</source>
        <translation>Identique au mien</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Membre</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>Lecteur</translation>
    </message>
    <message>
        <source>&amp;Lifetime:</source>
        <translation>&amp;Durée de vie :</translation>
    </message>
    <message>
        <source>New token lifetime</source>
        <translation>Durée de vie du nouveau jeton</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 heure</translation>
    </message>
    <message>
        <source>24 hours</source>
        <translation>24 heures</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 jours</translation>
    </message>
    <message>
        <source>90 days</source>
        <translation>90 jours</translation>
    </message>
    <message>
        <source>&amp;Issue token</source>
        <translation>É&amp;mettre le jeton</translation>
    </message>
    <message>
        <source>Issue an organization token</source>
        <translation>Émettre un jeton d&apos;organisation</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Jetons</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Propriétaire</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expire</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Dernière utilisation</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Re&amp;voke…</source>
        <translation>&amp;Révoquer…</translation>
    </message>
    <message>
        <source>Revoke the selected token</source>
        <translation>Révoquer le jeton sélectionné</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Actuali&amp;ser</translation>
    </message>
    <message>
        <source>Reload the tokens</source>
        <translation>Recharger les jetons</translation>
    </message>
    <message>
        <source>Tokens status</source>
        <translation>État des jetons</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Open the workspace FILE.</source>
        <translation>Ouvrir l&apos;espace de travail FILE.</translation>
    </message>
    <message>
        <source>Open a fresh demo workspace served by the local provider simulator (patchbay-sim).</source>
        <translation>Ouvrir un nouvel espace de travail de démonstration servi par le simulateur de fournisseurs local (patchbay-sim).</translation>
    </message>
    <message>
        <source>Select the object named NAME in the tree.</source>
        <translation>Sélectionner l&apos;objet nommé NAME dans l&apos;arborescence.</translation>
    </message>
    <message>
        <source>Admin console for a multi-tenant integration platform: Accounts, Integrations, Integration Points, members and tokens.</source>
        <translation>Console d&apos;administration pour une plateforme d&apos;intégration multi-locataire : comptes, intégrations, points d&apos;intégration, membres et jetons.</translation>
    </message>
</context>
<context>
    <name>pb</name>
    <message>
        <source>test</source>
        <translation>test</translation>
    </message>
    <message>
        <source>production</source>
        <translation>production</translation>
    </message>
    <message>
        <source>Integration Point “%1” allows no provider for %2 Accounts.</source>
        <translation>Le point d&apos;intégration « %1 » n&apos;autorise aucun fournisseur pour les comptes de %2.</translation>
    </message>
    <message>
        <source>Integration Point “%1” allows only %2 for %3 Accounts.</source>
        <translation>Le point d&apos;intégration « %1 » n&apos;autorise que %2 pour les comptes de %3.</translation>
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
        <translation>Domaine public</translation>
    </message>
</context>
<context>
    <name>pb::AccessLogView</name>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Chemin</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Token id</source>
        <translation>ID du jeton</translation>
    </message>
    <message>
        <source>No requests yet. Start the server with File → Serve the API on Loopback, or run patchbay-cli serve.</source>
        <translation>Aucune requête pour l&apos;instant. Démarrez le serveur avec Fichier → Servir l&apos;API sur la boucle locale, ou exécutez patchbay-cli serve.</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s), newest first.</source>
        <translation>
            <numerusform>%n requête, la plus récente en premier.</numerusform>
            <numerusform>%n requêtes, les plus récentes en premier.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pb::AccountEditor</name>
    <message>
        <source>New Account</source>
        <translation>Nouveau compte</translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>Compte %1</translation>
    </message>
    <message>
        <source>assigned when created</source>
        <translation>attribué à la création</translation>
    </message>
    <message>
        <source>“%1” is not a valid label: use letters, digits, “-” or “_”.</source>
        <translation>« %1 » n&apos;est pas un libellé valide : utilisez des lettres, des chiffres, « - » ou « _ ».</translation>
    </message>
</context>
<context>
    <name>pb::ApiClient</name>
    <message>
        <source>No workspace is open.</source>
        <translation>Aucun espace de travail n&apos;est ouvert.</translation>
    </message>
</context>
<context>
    <name>pb::AuditLogView</name>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Membre</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Chemin</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Integration</source>
        <translation>Intégration</translation>
    </message>
    <message>
        <source>Seq</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>All Accounts</source>
        <translation>Tous les comptes</translation>
    </message>
    <message>
        <source>All members</source>
        <translation>Tous les membres</translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n entrée</numerusform>
            <numerusform>%n entrées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>✔ Chain intact: %n entries verified.</source>
        <translation>
            <numerusform>✔ Chaîne intacte : %n entrée vérifiée.</numerusform>
            <numerusform>✔ Chaîne intacte : %n entrées vérifiées.</numerusform>
        </translation>
    </message>
    <message>
        <source>#%1 %2: %3</source>
        <translation>n° %1 %2 : %3</translation>
    </message>
    <message>
        <source>✘ Chain broken: %1</source>
        <translation>✘ Chaîne rompue : %1</translation>
    </message>
    <message>
        <source>Export audit log</source>
        <translation>Exporter le journal d&apos;audit</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>Impossible d&apos;écrire %1.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n entries to %1.</source>
        <translation>
            <numerusform>%n entrée exportée vers %1.</numerusform>
            <numerusform>%n entrées exportées vers %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pb::CallChart</name>
    <message>
        <source>No calls yet</source>
        <translation>Aucun appel pour l&apos;instant</translation>
    </message>
</context>
<context>
    <name>pb::ConfigForm</name>
    <message>
        <source>(not set)</source>
        <translation>(non défini)</translation>
    </message>
    <message>
        <source>required</source>
        <translation>obligatoire</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>facultatif</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>Obligatoire.</translation>
    </message>
    <message>
        <source>Enter a full URL such as %1.</source>
        <translation>Saisissez une URL complète, p. ex. %1.</translation>
    </message>
    <message>
        <source>Does not have the expected form (%1).</source>
        <translation>N&apos;a pas la forme attendue (%1).</translation>
    </message>
    <message>
        <source>The Integration Point requires a value matching %1.</source>
        <translation>Le point d&apos;intégration exige une valeur correspondant à %1.</translation>
    </message>
    <message>
        <source>The Integration Point requires HTTPS.</source>
        <translation>Le point d&apos;intégration exige HTTPS.</translation>
    </message>
    <message>
        <source>The Integration Point allows only hosts matching %1.</source>
        <translation>Le point d&apos;intégration n&apos;autorise que les hôtes correspondant à %1.</translation>
    </message>
</context>
<context>
    <name>pb::ConnectorConsole</name>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>No Integration Access Token: %1</source>
        <translation>Aucun jeton d&apos;accès d&apos;intégration : %1</translation>
    </message>
    <message>
        <source>%1 does not support this operation.</source>
        <translation>%1 ne prend pas en charge cette opération.</translation>
    </message>
    <message>
        <source>Not allowed by the Integration Point “%1” (allowed: %2).</source>
        <translation>Non autorisé par le point d&apos;intégration « %1 » (autorisé : %2).</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source> — unavailable</source>
        <translation> — indisponible</translation>
    </message>
    <message>
        <source>Unavailable: %1. %2</source>
        <translation>Indisponible : %1. %2</translation>
    </message>
    <message>
        <source>JSON error at character %1: %2</source>
        <translation>Erreur JSON au caractère %1 : %2</translation>
    </message>
    <message>
        <source>The request must be a JSON object.</source>
        <translation>La requête doit être un objet JSON.</translation>
    </message>
    <message>
        <source>The operation %1 is not available for this Integration.</source>
        <translation>L&apos;opération %1 n&apos;est pas disponible pour cette intégration.</translation>
    </message>
    <message>
        <source>Pick an operation first.</source>
        <translation>Choisissez d&apos;abord une opération.</translation>
    </message>
    <message>
        <source>The JSON request is not valid.</source>
        <translation>La requête JSON n&apos;est pas valide.</translation>
    </message>
    <message>
        <source>Fix the JSON tab, or edit the form.</source>
        <translation>Corrigez l&apos;onglet JSON ou modifiez le formulaire.</translation>
    </message>
    <message>
        <source>Copied. Set PATCHBAY_INTEGRATION_TOKEN to an Integration Access Token first.</source>
        <translation>Copié. Définissez d&apos;abord PATCHBAY_INTEGRATION_TOKEN sur un jeton d&apos;accès d&apos;intégration.</translation>
    </message>
    <message>
        <source>Sending %1…</source>
        <translation>Envoi de %1…</translation>
    </message>
    <message>
        <source>Cancelled. The answer will be ignored when it arrives.</source>
        <translation>Annulé. La réponse sera ignorée à son arrivée.</translation>
    </message>
    <message>
        <source>HTTP %1 in %2 ms</source>
        <translation>HTTP %1 en %2 ms</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n élément</numerusform>
            <numerusform>%n éléments</numerusform>
        </translation>
    </message>
    <message>
        <source>No provider exchange came back with this answer. The platform attaches them when it supports the X-Patchbay-Trace: exchanges request header; calls refused before reaching the provider have none.</source>
        <translation>Aucun échange avec le fournisseur n&apos;accompagne cette réponse. La plateforme les joint lorsqu&apos;elle prend en charge l&apos;en-tête de requête X-Patchbay-Trace: exchanges ; les appels refusés avant d&apos;atteindre le fournisseur n&apos;en ont pas.</translation>
    </message>
    <message>
        <source>Round trip through the platform: %1 ms
Status: %2
</source>
        <translation>Aller-retour via la plateforme : %1 ms
État : %2
</translation>
    </message>
    <message>
        <source>
Provider exchanges:
</source>
        <translation>
Échanges avec le fournisseur :
</translation>
    </message>
    <message>
        <source>No Integration selected.</source>
        <translation>Aucune intégration sélectionnée.</translation>
    </message>
    <message>
        <source>Obtaining an Integration Access Token…</source>
        <translation>Obtention d&apos;un jeton d&apos;accès d&apos;intégration…</translation>
    </message>
    <message>
        <source>Integration Access Token %1 · expires %2 (renewed automatically)</source>
        <translation>Jeton d&apos;accès d&apos;intégration %1 · expire %2 (renouvelé automatiquement)</translation>
    </message>
    <message>
        <source>%1 is no longer available for this Integration.</source>
        <translation>%1 n&apos;est plus disponible pour cette intégration.</translation>
    </message>
</context>
<context>
    <name>pb::CredentialEditor</name>
    <message>
        <source>Username and password (basic)</source>
        <translation>Nom d&apos;utilisateur et mot de passe (basic)</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Jeton</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Secret</translation>
    </message>
    <message>
        <source>OAuth client</source>
        <translation>Client OAuth</translation>
    </message>
    <message>
        <source>TLS client certificate</source>
        <translation>Certificat client TLS</translation>
    </message>
    <message>
        <source>Secrets are kept in the system keychain; the workspace stores only where to find them.</source>
        <translation>Les secrets sont conservés dans le trousseau du système ; l&apos;espace de travail n&apos;enregistre que l&apos;endroit où les trouver.</translation>
    </message>
    <message>
        <source>New Credential</source>
        <translation>Nouvel identifiant</translation>
    </message>
    <message>
        <source>Credential %1</source>
        <translation>Identifiant %1</translation>
    </message>
    <message>
        <source>stored in the keychain — type to replace</source>
        <translation>stocké dans le trousseau — saisissez pour le remplacer</translation>
    </message>
    <message numerus="yes">
        <source>Secret set %1; rotated %n time(s).</source>
        <translation>
            <numerusform>Secret défini %1 ; renouvelé %n fois.</numerusform>
            <numerusform>Secret défini %1 ; renouvelé %n fois.</numerusform>
        </translation>
    </message>
    <message>
        <source>Enter the %1.</source>
        <translation>Saisissez %1.</translation>
    </message>
    <message>
        <source>Enter the username.</source>
        <translation>Saisissez le nom d&apos;utilisateur.</translation>
    </message>
    <message>
        <source>password or API token</source>
        <translation>le mot de passe ou le jeton d&apos;API</translation>
    </message>
    <message>
        <source>token</source>
        <translation>le jeton</translation>
    </message>
    <message>
        <source>secret</source>
        <translation>le secret</translation>
    </message>
    <message>
        <source>Enter the token endpoint as a URL, e.g. https://login.example.com/oauth/token.</source>
        <translation>Saisissez le point de terminaison du jeton sous forme d&apos;URL, p. ex. https://login.example.com/oauth/token.</translation>
    </message>
    <message>
        <source>Enter the client id.</source>
        <translation>Saisissez l&apos;ID client.</translation>
    </message>
    <message>
        <source>client secret</source>
        <translation>le secret client</translation>
    </message>
    <message>
        <source>Paste the certificate in PEM form (-----BEGIN CERTIFICATE-----…).</source>
        <translation>Collez le certificat au format PEM (-----BEGIN CERTIFICATE-----…).</translation>
    </message>
    <message>
        <source>Paste the private key in PEM form (-----BEGIN PRIVATE KEY-----…).</source>
        <translation>Collez la clé privée au format PEM (-----BEGIN PRIVATE KEY-----…).</translation>
    </message>
    <message>
        <source>The expiry date is in the past.</source>
        <translation>La date d&apos;expiration est dépassée.</translation>
    </message>
    <message>
        <source>the new secret</source>
        <translation>le nouveau secret</translation>
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
        <translation>Sélectionnez un élément dans l&apos;arborescence à gauche pour l&apos;afficher et le modifier ici.</translation>
    </message>
    <message>
        <source>Nothing to edit</source>
        <translation>Rien à modifier</translation>
    </message>
    <message>
        <source>Choose an object, or use New (Ctrl+N) to create one here.</source>
        <translation>Choisissez un objet ou utilisez Nouveau (Ctrl+N) pour en créer un ici.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <source>“%1” has unsaved changes. Save them before leaving?</source>
        <translation>« %1 » comporte des modifications non enregistrées. Les enregistrer avant de quitter ?</translation>
    </message>
    <message>
        <source>Read-only: your role cannot change this.</source>
        <translation>Lecture seule : votre rôle ne permet pas de modifier ceci.</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>&amp;Créer</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
</context>
<context>
    <name>pb::EditorPage</name>
    <message>
        <source>Enter a display name.</source>
        <translation>Saisissez un nom d&apos;affichage.</translation>
    </message>
    <message>
        <source>Use 1 to 64 lower-case letters, digits, “-” or “_”, e.g. “%1”.</source>
        <translation>Utilisez de 1 à 64 lettres minuscules, chiffres, « - » ou « _ », p. ex. « %1 ».</translation>
    </message>
</context>
<context>
    <name>pb::EndUserEditor</name>
    <message>
        <source>New End User</source>
        <translation>Nouvel utilisateur final</translation>
    </message>
    <message>
        <source>End User %1</source>
        <translation>Utilisateur final %1</translation>
    </message>
    <message>
        <source>Enter an e-mail address like name@example.com, or leave it empty.</source>
        <translation>Saisissez une adresse e-mail comme nom@example.com, ou laissez le champ vide.</translation>
    </message>
</context>
<context>
    <name>pb::FirstRunDialog</name>
    <message>
        <source>&amp;Create workspace</source>
        <translation>&amp;Créer l&apos;espace de travail</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>Ouvrir un espace de travail</translation>
    </message>
    <message>
        <source>Patchbay workspaces (*.patchbay);;All files (*)</source>
        <translation>Espaces de travail Patchbay (*.patchbay);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Name your Organization.</source>
        <translation>Donnez un nom à votre organisation.</translation>
    </message>
    <message>
        <source>Enter your name.</source>
        <translation>Saisissez votre nom.</translation>
    </message>
    <message>
        <source>This file exists: open it below, or choose another name.</source>
        <translation>Ce fichier existe : ouvrez-le ci-dessous ou choisissez un autre nom.</translation>
    </message>
</context>
<context>
    <name>pb::IntegrationEditor</name>
    <message>
        <source>Username and password</source>
        <translation>Nom d&apos;utilisateur et mot de passe</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Jeton</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Secret</translation>
    </message>
    <message>
        <source>New Integration in %1</source>
        <translation>Nouvelle intégration dans %1</translation>
    </message>
    <message>
        <source>Integration %1</source>
        <translation>Intégration %1</translation>
    </message>
    <message>
        <source>checked when saved</source>
        <translation>vérifiée à l&apos;enregistrement</translation>
    </message>
    <message>
        <source>Not compliant: %1</source>
        <translation>Non conforme : %1</translation>
    </message>
    <message>
        <source>Compliant with its Integration Point</source>
        <translation>Conforme à son point d&apos;intégration</translation>
    </message>
    <message>
        <source>(none — no rules apply)</source>
        <translation>(aucun — aucune règle ne s&apos;applique)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 — not allowed</source>
        <translation>%1 — non autorisé</translation>
    </message>
    <message>
        <source>The provider of an existing Integration cannot change.</source>
        <translation>Le fournisseur d&apos;une intégration existante ne peut pas être modifié.</translation>
    </message>
    <message>
        <source>Not offered: %1. %2</source>
        <translation>Non proposé : %1. %2</translation>
    </message>
    <message>
        <source>Every %1 provider is allowed here.</source>
        <translation>Tous les fournisseurs %1 sont autorisés ici.</translation>
    </message>
    <message>
        <source>Without an Integration Point no rules apply.</source>
        <translation>Sans point d&apos;intégration, aucune règle ne s&apos;applique.</translation>
    </message>
    <message>
        <source>“%1” is not a provider of this connector.</source>
        <translation>« %1 » n&apos;est pas un fournisseur de ce connecteur.</translation>
    </message>
    <message>
        <source>%1 configuration</source>
        <translation>Configuration de %1</translation>
    </message>
    <message>
        <source>Provider configuration</source>
        <translation>Configuration du fournisseur</translation>
    </message>
    <message>
        <source>This provider does not accept %1 credentials here.</source>
        <translation>Ce fournisseur n&apos;accepte pas ici les identifiants de type %1.</translation>
    </message>
    <message>
        <source>New credential…</source>
        <translation>Nouvel identifiant…</translation>
    </message>
    <message>
        <source>Choose a provider.</source>
        <translation>Choisissez un fournisseur.</translation>
    </message>
    <message>
        <source>This provider needs a credential type that cannot be typed in here; create it under the Account first.</source>
        <translation>Ce fournisseur exige un type d&apos;identifiant qui ne peut pas être saisi ici ; créez-le d&apos;abord sous le compte.</translation>
    </message>
    <message>
        <source>Enter the username.</source>
        <translation>Saisissez le nom d&apos;utilisateur.</translation>
    </message>
    <message>
        <source>Enter the secret.</source>
        <translation>Saisissez le secret.</translation>
    </message>
</context>
<context>
    <name>pb::IntegrationPointEditor</name>
    <message>
        <source>New Integration Point</source>
        <translation>Nouveau point d&apos;intégration</translation>
    </message>
    <message>
        <source>Integration Point %1</source>
        <translation>Point d&apos;intégration %1</translation>
    </message>
    <message>
        <source>%1 (changes data)</source>
        <translation>%1 (modifie des données)</translation>
    </message>
    <message>
        <source>A new Integration Point governs no Integration yet.</source>
        <translation>Un nouveau point d&apos;intégration ne régit encore aucune intégration.</translation>
    </message>
    <message numerus="yes">
        <source>%n Integration(s) use this Integration Point. Edit a rule to see which of them it would break.</source>
        <translation>
            <numerusform>%n intégration utilise ce point d&apos;intégration. Modifiez une règle pour voir laquelle elle rendrait non conforme.</numerusform>
            <numerusform>%n intégrations utilisent ce point d&apos;intégration. Modifiez une règle pour voir lesquelles elle rendrait non conformes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Row %1: the pattern is not a valid regular expression (%2).</source>
        <translation>Ligne %1 : le modèle n&apos;est pas une expression régulière valide (%2).</translation>
    </message>
    <message>
        <source>Checking the impact…</source>
        <translation>Vérification de l&apos;impact…</translation>
    </message>
    <message>
        <source>Fix the marked fields to see the impact.</source>
        <translation>Corrigez les champs signalés pour voir l&apos;impact.</translation>
    </message>
    <message>
        <source>The rules cannot be checked: %1</source>
        <translation>Impossible de vérifier les règles : %1</translation>
    </message>
    <message>
        <source>already non-compliant: %1</source>
        <translation>déjà non conforme : %1</translation>
    </message>
    <message numerus="yes">
        <source>No further Integration would break (%n already non-compliant).</source>
        <translation>
            <numerusform>Aucune autre intégration ne deviendrait non conforme (%n déjà non conforme).</numerusform>
            <numerusform>Aucune autre intégration ne deviendrait non conforme (%n déjà non conformes).</numerusform>
        </translation>
    </message>
    <message>
        <source>No Integration would become non-compliant.</source>
        <translation>Aucune intégration ne deviendrait non conforme.</translation>
    </message>
    <message numerus="yes">
        <source>Saving would make %n Integration(s) non-compliant:</source>
        <translation>
            <numerusform>L&apos;enregistrement rendrait %n intégration non conforme :</numerusform>
            <numerusform>L&apos;enregistrement rendrait %n intégrations non conformes :</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pb::IntegrationStatusView</name>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>No Integration selected.</source>
        <translation>Aucune intégration sélectionnée.</translation>
    </message>
    <message>
        <source>Requests:</source>
        <translation>Requêtes :</translation>
    </message>
    <message>
        <source>Failures:</source>
        <translation>Échecs :</translation>
    </message>
    <message>
        <source>Last success:</source>
        <translation>Dernier succès :</translation>
    </message>
    <message>
        <source>Last failure:</source>
        <translation>Dernier échec :</translation>
    </message>
    <message>
        <source>Latency:</source>
        <translation>Latence :</translation>
    </message>
    <message>
        <source>Last error:</source>
        <translation>Dernière erreur :</translation>
    </message>
    <message>
        <source>Recent calls (height = duration, red = failed):</source>
        <translation>Appels récents (hauteur = durée, rouge = échec) :</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2) : %3</translation>
    </message>
    <message>
        <source>%1 (%2 %)</source>
        <translation>%1 (%2 %)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>%1 · %2 · HTTP %3 · %4 ms</source>
        <translation>%1 · %2 · HTTP %3 · %4 ms</translation>
    </message>
    <message>
        <source>p50 %1 ms · p95 %2 ms (last %3 calls)</source>
        <translation>p50 %1 ms · p95 %2 ms (%3 derniers appels)</translation>
    </message>
    <message>
        <source>no calls yet</source>
        <translation>aucun appel pour l&apos;instant</translation>
    </message>
</context>
<context>
    <name>pb::IntegrationTokenKeeper</name>
    <message>
        <source>No Integration is selected.</source>
        <translation>Aucune intégration n&apos;est sélectionnée.</translation>
    </message>
</context>
<context>
    <name>pb::JsonTreeModel</name>
    <message>
        <source>Key</source>
        <translation>Clé</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
</context>
<context>
    <name>pb::LocalServerControl</name>
    <message>
        <source>Serve the &amp;API on Loopback</source>
        <translation>Servir l&apos;&amp;API sur la boucle locale</translation>
    </message>
    <message>
        <source>Serve the Management and Connector APIs on 127.0.0.1 for products under development</source>
        <translation>Servir les API de gestion et du connecteur sur 127.0.0.1 pour les produits en développement</translation>
    </message>
    <message>
        <source>Local API server address</source>
        <translation>Adresse du serveur d&apos;API local</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>Aucun espace de travail n&apos;est ouvert.</translation>
    </message>
    <message>
        <source>The API server did not start</source>
        <translation>Le serveur d&apos;API n&apos;a pas démarré</translation>
    </message>
    <message>
        <source>API: %1</source>
        <translation>API : %1</translation>
    </message>
</context>
<context>
    <name>pb::MainWindow</name>
    <message>
        <source>&amp;Tokens</source>
        <translation>&amp;Jetons</translation>
    </message>
    <message>
        <source>&amp;Audit log</source>
        <translation>&amp;Journal d&apos;audit</translation>
    </message>
    <message>
        <source>&amp;Connector console</source>
        <translation>Console du &amp;connecteur</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>Espace de travail</translation>
    </message>
    <message>
        <source>Signed-in member and role</source>
        <translation>Membre connecté et rôle</translation>
    </message>
    <message>
        <source>Token expiry</source>
        <translation>Expiration du jeton</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation>Espace de travail : %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Token expired</source>
        <translation>Jeton expiré</translation>
    </message>
    <message numerus="yes">
        <source>Token expires in %n min</source>
        <translation>
            <numerusform>Le jeton expire dans %n minute</numerusform>
            <numerusform>Le jeton expire dans %n minutes</numerusform>
        </translation>
    </message>
    <message>
        <source>Token expires in %1 h %2 min</source>
        <translation>Le jeton expire dans %1 h %2 min</translation>
    </message>
    <message>
        <source>%1 — Patchbay</source>
        <translation>%1 — Patchbay</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s). Press Ctrl+N or use the context menu to create a new one.</source>
        <translation>
            <numerusform>%n élément. Appuyez sur Ctrl+N ou utilisez le menu contextuel pour en créer un.</numerusform>
            <numerusform>%n éléments. Appuyez sur Ctrl+N ou utilisez le menu contextuel pour en créer un.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s).</source>
        <translation>
            <numerusform>%n élément.</numerusform>
            <numerusform>%n éléments.</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Enregistré.</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Integration</source>
        <translation>Intégration</translation>
    </message>
    <message>
        <source>Credential</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <source>End User</source>
        <translation>Utilisateur final</translation>
    </message>
    <message>
        <source>Integration Point</source>
        <translation>Point d&apos;intégration</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Membre</translation>
    </message>
    <message>
        <source>object</source>
        <translation>objet</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;Système</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>The new language is used the next time Patchbay starts.</source>
        <translation>La nouvelle langue sera utilisée au prochain démarrage de Patchbay.</translation>
    </message>
    <message>
        <source>Choose an Account</source>
        <translation>Choisissez un compte</translation>
    </message>
    <message>
        <source>A new %1 belongs to an Account: select the Account first.</source>
        <translation>Un nouvel objet de type %1 appartient à un compte : sélectionnez d&apos;abord le compte.</translation>
    </message>
    <message>
        <source>Delete %1 “%2”?</source>
        <translation>Supprimer %1 « %2 » ?</translation>
    </message>
    <message>
        <source>Its Integrations, Credentials (and their keychain entries), End Users and tokens are deleted with it.</source>
        <translation>Ses intégrations, identifiants (et leurs entrées dans le trousseau), utilisateurs finaux et jetons sont supprimés avec lui.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Could not delete</source>
        <translation>Suppression impossible</translation>
    </message>
    <message>
        <source>Deleted.</source>
        <translation>Supprimé.</translation>
    </message>
    <message>
        <source>New %1…</source>
        <translation>Nouveau : %1…</translation>
    </message>
    <message>
        <source>&amp;New %1…</source>
        <translation>&amp;Nouveau : %1…</translation>
    </message>
    <message>
        <source>Open in connector &amp;console</source>
        <translation>Ouvrir dans la &amp;console du connecteur</translation>
    </message>
    <message>
        <source>Copy &amp;id</source>
        <translation>Copier l&apos;&amp;ID</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Nouveau…</translation>
    </message>
    <message>
        <source>No token issued</source>
        <translation>Aucun jeton émis</translation>
    </message>
    <message>
        <source>Integration Access Token for %1</source>
        <translation>Jeton d&apos;accès d&apos;intégration pour %1</translation>
    </message>
    <message>
        <source>Scoped to this Integration only; expires %1.</source>
        <translation>Limité à cette intégration ; expire %1.</translation>
    </message>
    <message>
        <source>Re-evaluating compliance</source>
        <translation>Réévaluation de la conformité</translation>
    </message>
    <message>
        <source>Access &amp;log</source>
        <translation>Journal d&apos;&amp;accès</translation>
    </message>
    <message>
        <source>Showing the first %1 matches; type more words to narrow the filter.</source>
        <translation>Affichage des %1 premiers résultats ; saisissez d&apos;autres mots pour affiner le filtre.</translation>
    </message>
</context>
<context>
    <name>pb::MaskedTextEdit</name>
    <message>
        <source>Secret text</source>
        <translation>Texte secret</translation>
    </message>
    <message>
        <source>Show or hide the secret</source>
        <translation>Afficher ou masquer le secret</translation>
    </message>
    <message numerus="yes">
        <source>Hidden (%n characters)</source>
        <translation>
            <numerusform>Masqué (%n caractère)</numerusform>
            <numerusform>Masqué (%n caractères)</numerusform>
        </translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Masquer</translation>
    </message>
</context>
<context>
    <name>pb::MemberEditor</name>
    <message>
        <source>New Member</source>
        <translation>Nouveau membre</translation>
    </message>
    <message>
        <source>Member %1</source>
        <translation>Membre %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>Enter an e-mail address like name@example.com, or leave it empty.</source>
        <translation>Saisissez une adresse e-mail comme nom@example.com, ou laissez le champ vide.</translation>
    </message>
    <message>
        <source>You cannot disable yourself or give up your own administrator role.</source>
        <translation>Vous ne pouvez pas vous désactiver vous-même ni renoncer à votre propre rôle d&apos;administrateur.</translation>
    </message>
    <message>
        <source>First token of %1</source>
        <translation>Premier jeton de %1</translation>
    </message>
    <message>
        <source>Give this Organization Access Token to the new member; it expires %1.</source>
        <translation>Remettez ce jeton d&apos;accès d&apos;organisation au nouveau membre ; il expire %1.</translation>
    </message>
</context>
<context>
    <name>pb::NodePresentation</name>
    <message>
        <source>Accounts</source>
        <translation>Comptes</translation>
    </message>
    <message>
        <source>Integrations</source>
        <translation>Intégrations</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Identifiants</translation>
    </message>
    <message>
        <source>End Users</source>
        <translation>Utilisateurs finaux</translation>
    </message>
    <message>
        <source>Integration Points</source>
        <translation>Points d&apos;intégration</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Membres</translation>
    </message>
    <message>
        <source>Account %1 · environment %2</source>
        <translation>Compte %1 · environnement %2</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <source>Not compliant: %1</source>
        <translation>Non conforme : %1</translation>
    </message>
    <message>
        <source>Credential of type %1</source>
        <translation>Identifiant de type %1</translation>
    </message>
    <message>
        <source>Expires %1</source>
        <translation>Expire %1</translation>
    </message>
    <message>
        <source>%1 member · %2</source>
        <translation>Membre %1 · %2</translation>
    </message>
</context>
<context>
    <name>pb::OperationForm</name>
    <message>
        <source>This body is a %1; edit it in the JSON tab.</source>
        <translation>Ce corps est de type %1 ; modifiez-le dans l&apos;onglet JSON.</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Corps</translation>
    </message>
    <message>
        <source>This operation takes no parameters.</source>
        <translation>Cette opération ne prend aucun paramètre.</translation>
    </message>
    <message>
        <source>One value per line</source>
        <translation>Une valeur par ligne</translation>
    </message>
    <message>
        <source>JSON array, e.g. [&quot;a&quot;, &quot;b&quot;]</source>
        <translation>Tableau JSON, p. ex. [&quot;a&quot;, &quot;b&quot;]</translation>
    </message>
    <message>
        <source>JSON object</source>
        <translation>Objet JSON</translation>
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
        <translation>Nom</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>Could not load: %1</source>
        <translation>Chargement impossible : %1</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>La recherche a échoué : %1</translation>
    </message>
</context>
<context>
    <name>pb::ProgressTask</name>
    <message>
        <source>Preparing…</source>
        <translation>Préparation…</translation>
    </message>
    <message>
        <source>Step %1 of %2…</source>
        <translation>Étape %1 sur %2…</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s) failed. The first problem:
%1</source>
        <translation>
            <numerusform>%n étape a échoué. Premier problème :
%1</numerusform>
            <numerusform>%n étapes ont échoué. Premier problème :
%1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pb::SignInDialog</name>
    <message>
        <source>&amp;Sign in</source>
        <translation>Se &amp;connecter</translation>
    </message>
</context>
<context>
    <name>pb::TokenSecretDialog</name>
    <message>
        <source>Copied — clears in 30 s</source>
        <translation>Copié — effacé dans 30 s</translation>
    </message>
</context>
<context>
    <name>pb::TokensPage</name>
    <message>
        <source>Integration %1</source>
        <translation>Intégration %1</translation>
    </message>
    <message>
        <source>Member %1</source>
        <translation>Membre %1</translation>
    </message>
    <message>
        <source>refresh</source>
        <translation>actualisation</translation>
    </message>
    <message>
        <source>integration access</source>
        <translation>accès d&apos;intégration</translation>
    </message>
    <message>
        <source>organization access</source>
        <translation>accès d&apos;organisation</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message numerus="yes">
        <source>%n active token(s)</source>
        <translation>
            <numerusform>%n jeton actif</numerusform>
            <numerusform>%n jetons actifs</numerusform>
        </translation>
    </message>
    <message>
        <source>New Organization Access Token</source>
        <translation>Nouveau jeton d&apos;accès d&apos;organisation</translation>
    </message>
    <message>
        <source>Expires %1. Use it as “Authorization: Bearer …” or with patchbay-cli --token.</source>
        <translation>Expire %1. Utilisez-le comme « Authorization: Bearer … » ou avec patchbay-cli --token.</translation>
    </message>
    <message>
        <source>Revoke token</source>
        <translation>Révoquer le jeton</translation>
    </message>
    <message>
        <source>Revoke “%1” (%2)? Programs using it stop working at once.</source>
        <translation>Révoquer « %1 » (%2) ? Les programmes qui l&apos;utilisent cessent immédiatement de fonctionner.</translation>
    </message>
</context>
<context>
    <name>pb::WorkspaceLauncher</name>
    <message>
        <source>Cannot open the workspace</source>
        <translation>Impossible d&apos;ouvrir l&apos;espace de travail</translation>
    </message>
    <message>
        <source>Your stored session could not be used: %1</source>
        <translation>Votre session enregistrée n&apos;a pas pu être utilisée : %1</translation>
    </message>
    <message>
        <source>Session not kept</source>
        <translation>Session non conservée</translation>
    </message>
    <message>
        <source>You are signed in, but your token could not be kept in the keychain, so you will be asked for a token next time.

%1</source>
        <translation>Vous êtes connecté, mais votre jeton n&apos;a pas pu être conservé dans le trousseau ; un jeton vous sera donc demandé la prochaine fois.

%1</translation>
    </message>
    <message>
        <source>Sign in as another member.</source>
        <translation>Connectez-vous en tant qu&apos;autre membre.</translation>
    </message>
    <message>
        <source>You have signed out.</source>
        <translation>Vous êtes déconnecté.</translation>
    </message>
    <message>
        <source>Your session has expired.</source>
        <translation>Votre session a expiré.</translation>
    </message>
    <message>
        <source>Your session has expired. Sign in again to continue; your unsaved changes are kept.</source>
        <translation>Votre session a expiré. Reconnectez-vous pour continuer ; vos modifications non enregistrées sont conservées.</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>Ouvrir un espace de travail</translation>
    </message>
    <message>
        <source>Patchbay workspaces (*.patchbay);;All files (*)</source>
        <translation>Espaces de travail Patchbay (*.patchbay);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>New workspace</source>
        <translation>Nouvel espace de travail</translation>
    </message>
    <message>
        <source>Patchbay workspaces (*.patchbay)</source>
        <translation>Espaces de travail Patchbay (*.patchbay)</translation>
    </message>
    <message>
        <source>%1 exists already; choose another name.</source>
        <translation>%1 existe déjà ; choisissez un autre nom.</translation>
    </message>
    <message>
        <source>Export workspace</source>
        <translation>Exporter l&apos;espace de travail</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>Fichiers JSON (*.json)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Échec de l&apos;exportation</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1 : %2</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Exported to %1. Secrets are not exported.</source>
        <translation>Exporté vers %1. Les secrets ne sont pas exportés.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>Échec de l&apos;importation</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>Imported. Imported credentials have no secret yet: rotate them to set one.</source>
        <translation>Importé. Les identifiants importés n&apos;ont pas encore de secret : renouvelez-les pour en définir un.</translation>
    </message>
    <message>
        <source>Demo Organization</source>
        <translation>Organisation de démonstration</translation>
    </message>
    <message>
        <source>Demo Administrator</source>
        <translation>Administrateur de démonstration</translation>
    </message>
    <message>
        <source>Cannot create the demo</source>
        <translation>Impossible de créer la démo</translation>
    </message>
    <message>
        <source>Demo data incomplete</source>
        <translation>Données de démo incomplètes</translation>
    </message>
</context>
</TS>
