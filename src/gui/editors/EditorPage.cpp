#include "gui/editors/EditorPage.h"

#include "core/Api.h"
#include "gui/ApiClient.h"
#include "core/Ids.h"
#include "gui/widgets/FieldMarks.h"

namespace pb {

EditorPage::EditorPage(ApiClient* api, QWidget* parent)
    : QWidget(parent)
    , m_api(api)
{
}

EditorPage::~EditorPage() = default;

void EditorPage::setMarks(FieldMarks* marks)
{
    m_marks = marks;
    connect(m_marks, &FieldMarks::marksChanged, this, &EditorPage::stateChanged);
}

void EditorPage::load(const EditorContext& context)
{
    m_context = context;
    m_loading = true;
    if (m_marks)
        m_marks->clearAll();
    loadForm();
    m_loading = false;
    m_dirty = false;
    validate();
    if (m_marks && context.isNew())
        m_marks->clearAll(); // a new, empty form is not yet wrong: marks appear as the user types
    emit stateChanged();
}

void EditorPage::revert()
{
    load(m_context);
    emit rejected();
}

bool EditorPage::isValid() const
{
    return !m_marks || !m_marks->hasMarks();
}

void EditorPage::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    applyReadOnly(readOnly);
    emit stateChanged();
}

void EditorPage::markDirty()
{
    if (m_loading)
        return;
    if (m_marks)
        m_marks->showBanner(QString());
    validate();
    if (!m_dirty) {
        m_dirty = true;
    }
    emit stateChanged();
}

void EditorPage::commit()
{
    if (m_readOnly || m_busy)
        return;
    validate();
    if (!isValid()) {
        emit stateChanged();
        return;
    }
    m_busy = true;
    emit stateChanged();
    sendCommit();
}

void EditorPage::finishCommit(const ApiResponse& response, const QString& resultKey)
{
    m_busy = false;
    if (response.isError()) {
        if (m_marks)
            m_marks->showProblem(response.problem());
        emit stateChanged();
        return;
    }
    const QJsonObject saved = resultKey.isEmpty() ? response.result().toObject() : unwrapResult(response, resultKey);
    m_context.object = saved;
    m_context.id = saved.value(QLatin1String("id")).toString(m_context.id);
    m_dirty = false;
    emit stateChanged();
    emit accepted(saved);
}

void EditorPage::checkNames(const QString& fullname, const QString& name)
{
    if (!m_marks)
        return;
    if (fullname.trimmed().isEmpty() && name.trimmed().isEmpty())
        m_marks->mark(QStringLiteral("fullname"), tr("Enter a display name."));
    else
        m_marks->clear(QStringLiteral("fullname"));
    if (!name.isEmpty() && !isValidSlug(name))
        m_marks->mark(QStringLiteral("name"),
                      tr("Use 1 to 64 lower-case letters, digits, “-” or “_”, e.g. “%1”.").arg(slugify(name)));
    else
        m_marks->clear(QStringLiteral("name"));
}

QJsonObject EditorPage::namesBody(const QString& fullname, const QString& name)
{
    QJsonObject body{{QStringLiteral("fullname"), fullname.trimmed()}};
    if (!name.trimmed().isEmpty())
        body.insert(QStringLiteral("name"), name.trimmed());
    return body;
}

} // namespace pb
