#include "gui/Icons.h"

#include <QFile>
#include <QHash>
#include <QIconEngine>
#include <QPainter>
#include <QSvgRenderer>

using namespace Qt::StringLiterals;

// The icons are compiled into this static library; registering them here makes sure the linker
// keeps them for every program that shows one.
static void initGuiResources()
{
    Q_INIT_RESOURCE(gui);
}

namespace pb::Icons {

namespace {

// Paints the base SVG and a badge in the lower right quarter at whatever size is asked, so a
// badged icon is as sharp as its parts on high-DPI screens.
class BadgedEngine final : public QIconEngine {
public:
    BadgedEngine(QIcon base, QString badgePath)
        : m_base(std::move(base))
        , m_badge(badgePath)
        , m_badgePath(std::move(badgePath))
    {
    }
    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State state) override
    {
        m_base.paint(painter, rect, Qt::AlignCenter, mode, state);
        const int side = rect.width() * 10 / 16;
        const QRect badge(rect.right() - side + 1, rect.bottom() - side + 1, side, side);
        if (mode == QIcon::Disabled)
            painter->setOpacity(0.5);
        m_badge.render(painter, badge);
    }
    QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override
    {
        return scaledPixmap(size, mode, state, 1.0);
    }
    QPixmap scaledPixmap(const QSize& size, QIcon::Mode mode, QIcon::State state, qreal scale) override
    {
        QPixmap pm(size * scale);
        pm.fill(Qt::transparent);
        pm.setDevicePixelRatio(scale);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        paint(&p, QRect(QPoint(), size), mode, state);
        return pm;
    }
    QIconEngine* clone() const override { return new BadgedEngine(m_base, m_badgePath); }

private:
    QIcon m_base;
    QSvgRenderer m_badge;
    QString m_badgePath;
};

QString path(const QString& name)
{
    return u":/icons/"_s + name + u".svg"_s;
}

} // namespace

QIcon named(const QString& name)
{
    static const bool registered = (initGuiResources(), true);
    Q_UNUSED(registered);
    static QHash<QString, QIcon> cache;
    auto it = cache.find(name);
    if (it == cache.end())
        it = cache.insert(name, QIcon(path(name)));
    return *it;
}

QIcon provider(const QString& providerId)
{
    named(u"app"_s); // registers the resources
    // Provider ids are "<connector>_<vendor>[_variant]"; the glyph is named for the vendor part.
    const qsizetype underscore = providerId.indexOf(u'_');
    const QString vendor = underscore < 0 ? providerId : providerId.mid(underscore + 1);
    if (QFile::exists(path(u"provider-"_s + vendor)))
        return named(u"provider-"_s + vendor);
    return named(u"provider-generic"_s);
}

QIcon withBadge(const QIcon& base, Badge badge)
{
    QString name;
    switch (badge) {
    case Badge::None:
        return base;
    case Badge::Disabled:
        name = u"state-disabled"_s;
        break;
    case Badge::NonCompliant:
        name = u"state-noncompliant"_s;
        break;
    case Badge::Expiring:
        name = u"state-expiring"_s;
        break;
    }
    return QIcon(new BadgedEngine(base, path(name)));
}

QIcon app()
{
    return named(u"app"_s);
}

} // namespace pb::Icons
