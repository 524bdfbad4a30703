#pragma once

#include "core/Api.h"

#include <QObject>
#include <QPointer>

class QProgressDialog;
class QWidget;

namespace pb {

class ApiClient;

// Long work as a sequence of API calls (import, re-evaluating compliance Account by Account):
// one call per event-loop turn, a progress dialog that does not block the window, and Cancel
// stopping between calls. Deletes itself when done.
class ProgressTask final : public QObject {
    Q_OBJECT
public:
    ProgressTask(const QString& title, QWidget* parent);
    ~ProgressTask() override;

    void run(ApiClient* api, const QList<ApiRequest>& steps);
    void fail(const Problem& problem);
    void cancel();

    int done() const { return m_next; }
    QList<Problem> problems() const { return m_problems; }

signals:
    void progressed(int done, int total);
    void finished(bool cancelled);

private:
    void step();
    void finish(bool cancelled);

    QPointer<QWidget> m_parent;
    QPointer<ApiClient> m_api;
    QProgressDialog* m_dialog;
    QList<ApiRequest> m_steps;
    QList<Problem> m_problems;
    int m_next = 0;
    bool m_cancelled = false;
    bool m_finished = false;
};

} // namespace pb
