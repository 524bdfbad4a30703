#pragma once

#include <QJsonArray>
#include <QWidget>

#include <memory>

namespace Ui {
class TokensPage;
}

namespace pb {

class ApiClient;

// Every token of the Organization (kind, owner, role, expiry, last use): issue an organization
// token for yourself (its secret shown once), revoke a selected one.
class TokensPage final : public QWidget {
    Q_OBJECT
public:
    explicit TokensPage(ApiClient* api, QWidget* parent = nullptr);
    ~TokensPage() override;

    void reload();
    void setReadOnly(bool readOnly);
    void issue();
    // Revokes the selected token after asking (through MessageBox).
    void revokeSelected();
    bool selectToken(const QString& id);
    QJsonArray tokens() const { return m_tokens; }

signals:
    void secretIssued(const QString& title, const QString& secret, const QString& details);
    void reloaded();

private:
    void fill();
    QString ownerOf(const QJsonObject& permissions) const;

    std::unique_ptr<Ui::TokensPage> m_ui;
    ApiClient* m_api;
    QJsonArray m_tokens;
    QHash<QString, QString> m_names; // member, account and integration ids -> display names
    bool m_readOnly = false;
};

} // namespace pb
