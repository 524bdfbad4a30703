#pragma once

#include "gui/editors/EditorPage.h"

#include <QHash>
#include <QWidget>

#include <memory>

class QLabel;

namespace Ui {
class EditorHost;
}

namespace pb {

class ApiClient;

// The right-hand side of the main window: one page per kind of object in a stack, a header,
// and Save / Revert / Delete. Asks before leaving a page with unsaved changes.
class EditorHost final : public QWidget {
    Q_OBJECT
public:
    explicit EditorHost(ApiClient* api, QWidget* parent = nullptr);
    ~EditorHost() override;

    void addPage(NodeKind kind, EditorPage* page);
    EditorPage* page(NodeKind kind) const { return m_pages.value(kind); }
    EditorPage* currentPage() const;

    // Shows the editor for context (nothing to edit: an explanatory empty page).
    void edit(const EditorContext& context);
    void showMessage(const QString& title, const QString& text);
    // Before leaving: Save / Discard / Cancel when the page has unsaved changes. False: stay.
    bool confirmLeave();
    void setReadOnly(bool readOnly);

signals:
    void saved(pb::NodeKind kind, const QString& accountId, const QJsonObject& object);
    void deleteRequested(const pb::EditorContext& context);

private:
    void updateButtons();

    std::unique_ptr<Ui::EditorHost> m_ui;
    ApiClient* m_api;
    QHash<NodeKind, EditorPage*> m_pages;
    QWidget* m_emptyPage;
    QLabel* m_emptyLabel;
    bool m_readOnly = false;
};

} // namespace pb
