#pragma once

#include "core/Api.h"
#include "core/Problem.h"
#include "gui/models/TreeNode.h"

#include <QJsonObject>
#include <QWidget>

namespace pb {

class ApiClient;
class FieldMarks;

// What an editor is asked to show: an existing object, or a new one under a parent.
struct EditorContext {
    NodeKind kind = NodeKind::Organization;
    QString id;            // empty for a new object
    QString accountId;     // the owning Account, for Account-scoped objects
    QJsonObject object;    // as the API returned it
    QJsonObject account;   // the owning Account (environment for the Integration editor)
    bool isNew() const { return id.isEmpty(); }
};

// One page of the editor host (KeePassXC's EditWidget pattern): load() fills the form,
// commit() validates and saves through the API, then emits accepted(saved object) — or shows
// the problem next to its field. The page never closes itself.
class EditorPage : public QWidget {
    Q_OBJECT
public:
    EditorPage(ApiClient* api, QWidget* parent = nullptr);
    ~EditorPage() override;

    void load(const EditorContext& context);
    void commit();
    // Puts the form back as loaded and emits rejected().
    void revert();

    virtual QString title() const = 0;
    virtual bool canDelete() const { return !m_context.isNew(); }
    // What DELETE removes this object (empty: cannot be deleted here).
    virtual QString deletePath() const { return {}; }

    const EditorContext& context() const { return m_context; }
    bool isDirty() const { return m_dirty; }
    bool isValid() const;
    bool isReadOnly() const { return m_readOnly; }
    bool isBusy() const { return m_busy; }
    void setReadOnly(bool readOnly);
    FieldMarks* marks() const { return m_marks; }

signals:
    void accepted(const QJsonObject& saved);
    void rejected();
    void stateChanged(); // dirty, validity, busy or read-only changed
    // A save produced a secret to show once (a new member's first token).
    void secretIssued(const QString& title, const QString& secret, const QString& details);

protected:
    // Subclasses fill their form from context().
    virtual void loadForm() = 0;
    // Checks every field, marking the bad ones; the base recomputes validity afterwards.
    virtual void validate() = 0;
    // Sends the request; calls finishCommit() with the answer.
    virtual void sendCommit() = 0;
    virtual void applyReadOnly(bool readOnly) = 0;

    ApiClient* api() const { return m_api; }
    void setMarks(FieldMarks* marks);
    // Connect every input's change signal here.
    void markDirty();
    // Handles the answer of sendCommit(): on success emits accepted(object of key, or result).
    void finishCommit(const ApiResponse& response, const QString& resultKey = {});
    EditorContext& mutableContext() { return m_context; }
    // The shared rules for display name and name (slug) fields, marked on "fullname"/"name".
    void checkNames(const QString& fullname, const QString& name);
    // The common fields of a body: fullname, and name unless empty (the API derives it).
    static QJsonObject namesBody(const QString& fullname, const QString& name);
    bool m_loading = false;

private:
    ApiClient* m_api;
    FieldMarks* m_marks = nullptr;
    EditorContext m_context;
    bool m_dirty = false;
    bool m_readOnly = false;
    bool m_busy = false;
};

} // namespace pb
