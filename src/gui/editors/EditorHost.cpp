#include "gui/editors/EditorHost.h"

#include "ui_EditorHost.h"

#include "gui/Icons.h"
#include "gui/widgets/MessageBox.h"

#include <QLabel>
#include <QShortcut>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace pb {

EditorHost::EditorHost(ApiClient* api, QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::EditorHost>())
    , m_api(api)
    , m_emptyPage(new QWidget(this))
    , m_emptyLabel(new QLabel(m_emptyPage))
{
    m_ui->setupUi(this);
    auto* layout = new QVBoxLayout(m_emptyPage);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(m_emptyLabel);
    layout->addStretch();
    m_ui->pagesStackedWidget->addWidget(m_emptyPage);
    m_ui->readOnlyLabel->hide();
    m_ui->saveButton->setDefault(true);
    auto* save = new QShortcut(QKeySequence::Save, this);
    save->setContext(Qt::WidgetWithChildrenShortcut);
    connect(save, &QShortcut::activated, m_ui->saveButton, &QPushButton::click);
    connect(m_ui->saveButton, &QPushButton::clicked, this, [this] {
        if (EditorPage* p = currentPage())
            p->commit();
    });
    connect(m_ui->revertButton, &QPushButton::clicked, this, [this] {
        if (EditorPage* p = currentPage())
            p->revert();
    });
    connect(m_ui->deleteButton, &QPushButton::clicked, this, [this] {
        if (EditorPage* p = currentPage())
            emit deleteRequested(p->context());
    });
    showMessage(tr("Patchbay"), tr("Select something in the tree on the left to see and edit it here."));
}

EditorHost::~EditorHost() = default;

void EditorHost::addPage(NodeKind kind, EditorPage* page)
{
    m_pages.insert(kind, page);
    m_ui->pagesStackedWidget->addWidget(page);
    page->setReadOnly(m_readOnly);
    connect(page, &EditorPage::stateChanged, this, &EditorHost::updateButtons);
    connect(page, &EditorPage::accepted, this, [this, page](const QJsonObject& object) {
        emit saved(page->context().kind, page->context().accountId, object);
        m_ui->titleLabel->setText(page->title());
    });
}

EditorPage* EditorHost::currentPage() const
{
    return qobject_cast<EditorPage*>(m_ui->pagesStackedWidget->currentWidget());
}

void EditorHost::edit(const EditorContext& context)
{
    EditorPage* page = m_pages.value(context.kind);
    if (!page) {
        showMessage(tr("Nothing to edit"), tr("Choose an object, or use New (Ctrl+N) to create one here."));
        return;
    }
    page->load(context);
    m_ui->pagesStackedWidget->setCurrentWidget(page);
    m_ui->titleLabel->setText(page->title());
    m_ui->iconLabel->setPixmap(QPixmap());
    updateButtons();
}

void EditorHost::showMessage(const QString& title, const QString& text)
{
    m_ui->titleLabel->setText(title);
    m_emptyLabel->setText(text);
    m_ui->iconLabel->setPixmap(Icons::app().pixmap(24, 24));
    m_ui->pagesStackedWidget->setCurrentWidget(m_emptyPage);
    updateButtons();
}

bool EditorHost::confirmLeave()
{
    EditorPage* p = currentPage();
    if (!p || !p->isDirty() || p->isReadOnly())
        return true;
    const auto answer = MessageBox::question(
        this, tr("Unsaved changes"), tr("“%1” has unsaved changes. Save them before leaving?").arg(p->title()),
        MessageBox::Buttons(QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel), QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Discard) {
        p->revert();
        return true;
    }
    p->commit();
    // Database calls answer at once; a page still dirty after Save has a problem to show.
    return !p->isDirty();
}

void EditorHost::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    for (EditorPage* p : std::as_const(m_pages))
        p->setReadOnly(readOnly);
    m_ui->readOnlyLabel->setText(tr("Read-only: your role cannot change this."));
    m_ui->readOnlyLabel->setVisible(readOnly);
    updateButtons();
}

void EditorHost::updateButtons()
{
    EditorPage* p = currentPage();
    const bool editable = p && !p->isReadOnly();
    m_ui->saveButton->setVisible(editable);
    m_ui->revertButton->setVisible(editable);
    m_ui->deleteButton->setVisible(editable && p->canDelete());
    m_ui->saveButton->setEnabled(editable && p->isDirty() && p->isValid() && !p->isBusy());
    m_ui->revertButton->setEnabled(editable && p->isDirty());
    m_ui->saveButton->setText(p && p->context().isNew() ? tr("&Create") : tr("&Save"));
    m_ui->readOnlyLabel->setVisible(p && p->isReadOnly());
}

} // namespace pb
