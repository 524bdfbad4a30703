#include "gui/console/CallChart.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace pb {

namespace {
constexpr int kMargin = 6;
constexpr qsizetype kMinSlots = 30;
} // namespace

CallChart::CallChart(QWidget* parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("callChart"));
    setAttribute(Qt::WA_OpaquePaintEvent, false);
}

void CallChart::setBars(const QList<Bar>& bars) {
    m_bars = bars;
    update();
}

QSize CallChart::sizeHint() const {
    return {360, 110};
}
QSize CallChart::minimumSizeHint() const {
    return {120, 60};
}

QRectF CallChart::barRect(int index) const {
    const QRectF area = QRectF(rect()).adjusted(kMargin, kMargin, -kMargin, -kMargin);
    if (m_bars.isEmpty())
        return {};
    qint64 max = 1;
    for (const Bar& b : m_bars)
        max = std::max(max, b.durationMs);
    // At least kMinSlots slots, so a handful of calls read as bars, not as blocks.
    const qreal slot = area.width() / static_cast<qreal>(std::max<qsizetype>(m_bars.size(), kMinSlots));
    const qreal width = std::max<qreal>(1.0, slot * 0.75);
    // A failed call that took no time still gets a visible stub.
    const qreal height = std::max<qreal>(
        3.0, area.height() * static_cast<qreal>(m_bars.at(index).durationMs) / static_cast<qreal>(max));
    return {area.left() + slot * index + (slot - width) / 2, area.bottom() - height, width, height};
}

void CallChart::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    p.setPen(palette().mid().color());
    p.drawRect(rect().adjusted(0, 0, -1, -1));
    if (m_bars.isEmpty()) {
        p.setPen(palette().placeholderText().color());
        p.drawText(rect(), Qt::AlignCenter, tr("No calls yet"));
        return;
    }
    p.setPen(Qt::NoPen);
    for (int i = 0; i < m_bars.size(); ++i) {
        p.setBrush(m_bars.at(i).failed ? QColor(0xd0, 0x3b, 0x3b) : QColor(0x2e, 0x9d, 0x4f));
        p.drawRect(barRect(i));
    }
}

bool CallChart::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        for (int i = 0; i < m_bars.size(); ++i) {
            const QRectF r = barRect(i);
            if (help->pos().x() >= r.left() - 1 && help->pos().x() <= r.right() + 1) {
                QToolTip::showText(help->globalPos(), m_bars.at(i).label, this);
                return true;
            }
        }
        QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace pb
