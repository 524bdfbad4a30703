#pragma once

#include <QWidget>

namespace pb {

// Bars of recent calls, oldest left: height = duration, green for success, red for failure.
// Painted with QPainter so the console needs no charting module.
class CallChart final : public QWidget {
    Q_OBJECT
public:
    struct Bar {
        qint64 durationMs = 0;
        bool failed = false;
        QString label; // tooltip text
    };

    explicit CallChart(QWidget* parent = nullptr);

    void setBars(const QList<Bar>& bars);
    const QList<Bar>& bars() const { return m_bars; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;

private:
    QRectF barRect(int index) const;
    QList<Bar> m_bars;
};

} // namespace pb
