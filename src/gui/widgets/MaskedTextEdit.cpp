#include "gui/widgets/MaskedTextEdit.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QToolButton>
#include <QVBoxLayout>

namespace pb {

MaskedTextEdit::MaskedTextEdit(QWidget* parent)
    : QWidget(parent)
    , m_edit(new QPlainTextEdit(this))
    , m_mask(new QLabel(this))
    , m_toggle(new QToolButton(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* row = new QHBoxLayout;
    row->addWidget(m_mask, 1);
    row->addWidget(m_toggle);
    layout->addLayout(row);
    layout->addWidget(m_edit);
    m_edit->setObjectName(QStringLiteral("maskedPlainTextEdit"));
    m_edit->setAccessibleName(tr("Secret text"));
    m_toggle->setCheckable(true);
    m_toggle->setAccessibleName(tr("Show or hide the secret"));
    connect(m_toggle, &QToolButton::toggled, this, [this](bool shown) { setMasked(!shown); });
    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        updateMask();
        emit textChanged();
    });
    updateMask();
}

QString MaskedTextEdit::text() const
{
    return m_edit->toPlainText();
}

void MaskedTextEdit::setText(const QString& text)
{
    m_edit->setPlainText(text);
}

void MaskedTextEdit::setReadOnly(bool readOnly)
{
    m_edit->setReadOnly(readOnly);
}

void MaskedTextEdit::setPlaceholderText(const QString& text)
{
    m_edit->setPlaceholderText(text);
}

bool MaskedTextEdit::isMasked() const
{
    return m_masked;
}

void MaskedTextEdit::setMasked(bool masked)
{
    m_masked = masked;
    m_toggle->setChecked(!masked);
    updateMask();
}

void MaskedTextEdit::updateMask()
{
    const qsizetype length = m_edit->toPlainText().size();
    // An empty box is shown so the user can paste into it; a filled one is hidden unless asked.
    const bool hide = m_masked && length > 0;
    m_edit->setVisible(!hide);
    m_mask->setText(hide ? tr("Hidden (%n characters)", nullptr, int(length)) : QString());
    m_mask->setVisible(hide);
    m_toggle->setVisible(length > 0);
    m_toggle->setText(m_masked ? tr("Show") : tr("Hide"));
}

} // namespace pb
