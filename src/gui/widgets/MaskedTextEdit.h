#pragma once

#include <QWidget>

class QPlainTextEdit;
class QLabel;
class QToolButton;

namespace pb {

// A multi-line secret (a PEM private key): hidden behind a placeholder until "Show" is pressed,
// unlike QPlainTextEdit, which has no password mode.
class MaskedTextEdit final : public QWidget {
    Q_OBJECT
public:
    explicit MaskedTextEdit(QWidget* parent = nullptr);

    QString text() const;
    void setText(const QString& text);
    void setReadOnly(bool readOnly);
    void setPlaceholderText(const QString& text);
    bool isMasked() const;
    void setMasked(bool masked);

signals:
    void textChanged();

private:
    void updateMask();

    QPlainTextEdit* m_edit;
    QLabel* m_mask;
    QToolButton* m_toggle;
    bool m_masked = true;
};

} // namespace pb
