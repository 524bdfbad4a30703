#include "gui/widgets/ProgressTask.h"

#include "gui/ApiClient.h"
#include "gui/widgets/MessageBox.h"

#include <QProgressDialog>
#include <QTimer>

namespace pb {

ProgressTask::ProgressTask(const QString& title, QWidget* parent)
    : QObject(parent)
    , m_parent(parent)
    , m_dialog(new QProgressDialog(parent))
{
    m_dialog->setWindowTitle(title);
    m_dialog->setLabelText(tr("Preparing…"));
    m_dialog->setAccessibleName(title);
    m_dialog->setMinimumDuration(300);
    m_dialog->setAutoClose(false);
    m_dialog->setAutoReset(false);
    m_dialog->setWindowModality(Qt::NonModal);
    connect(m_dialog, &QProgressDialog::canceled, this, &ProgressTask::cancel);
}

ProgressTask::~ProgressTask()
{
    delete m_dialog;
}

void ProgressTask::run(ApiClient* api, const QList<ApiRequest>& steps)
{
    m_api = api;
    m_steps = steps;
    m_dialog->setMaximum(int(steps.size()));
    m_dialog->setValue(0);
    QTimer::singleShot(0, this, &ProgressTask::step);
}

void ProgressTask::step()
{
    if (m_cancelled || m_finished)
        return;
    if (m_next >= m_steps.size() || !m_api) {
        finish(false);
        return;
    }
    m_dialog->setLabelText(tr("Step %1 of %2…").arg(m_next + 1).arg(m_steps.size()));
    m_api->call(m_steps.at(m_next), this, [this](const ApiResponse& response) {
        if (response.isError())
            m_problems.append(response.problem());
        ++m_next;
        m_dialog->setValue(m_next);
        emit progressed(m_next, int(m_steps.size()));
        // Back to the event loop between calls: the window repaints and Cancel is heard.
        QTimer::singleShot(0, this, &ProgressTask::step);
    });
}

void ProgressTask::fail(const Problem& problem)
{
    m_problems.append(problem);
    finish(false);
}

void ProgressTask::cancel()
{
    if (m_finished)
        return;
    m_cancelled = true;
    finish(true);
}

void ProgressTask::finish(bool cancelled)
{
    if (m_finished)
        return;
    m_finished = true;
    m_dialog->hide();
    if (!m_problems.isEmpty() && m_parent)
        MessageBox::warning(m_parent, m_dialog->windowTitle(),
                            tr("%n step(s) failed. The first problem:\n%1", nullptr, int(m_problems.size()))
                                .arg(m_problems.first().toText()));
    emit finished(cancelled);
    deleteLater();
}

} // namespace pb
