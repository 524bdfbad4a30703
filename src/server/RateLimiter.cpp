#include "server/RateLimiter.h"

#include <QCryptographicHash>

#include <algorithm>
#include <cmath>

namespace pb {

namespace {
// Past this many callers, buckets that have refilled completely are forgotten: a full bucket is
// the state a new caller starts in, so dropping it changes nothing but the memory held.
constexpr int PruneThreshold = 4096;
} // namespace

RateLimiter::RateLimiter(double ratePerSecond, double burst)
{
    m_clock.start();
    configure(ratePerSecond, burst);
}

void RateLimiter::configure(double ratePerSecond, double burst)
{
    m_rate = std::max(0.0, ratePerSecond);
    m_burst = burst > 0 ? std::max(1.0, burst) : std::max(1.0, m_rate);
    m_buckets.clear();
}

qint64 RateLimiter::nowMs() const
{
    return m_clock.elapsed() + m_offsetMs;
}

RateLimiter::Decision RateLimiter::take(const QString& bearerSecret)
{
    if (!enabled())
        return {};
    const qint64 now = nowMs();
    // Keyed by a digest so the limiter's memory never holds a usable secret.
    const QByteArray key = QCryptographicHash::hash(bearerSecret.toUtf8(), QCryptographicHash::Sha256);
    auto it = m_buckets.find(key);
    if (it == m_buckets.end()) {
        if (m_buckets.size() >= PruneThreshold)
            pruneFullBuckets(now);
        it = m_buckets.insert(key, Bucket{m_burst, now});
    }
    Bucket& bucket = it.value();
    bucket.tokens = std::min(m_burst, bucket.tokens + (now - bucket.updatedMs) * m_rate / 1000.0);
    bucket.updatedMs = now;
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return {};
    }
    const double waitSeconds = (1.0 - bucket.tokens) / m_rate;
    return {false, std::max(1, static_cast<int>(std::ceil(waitSeconds)))};
}

void RateLimiter::pruneFullBuckets(qint64 now)
{
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        const double tokens = it->tokens + (now - it->updatedMs) * m_rate / 1000.0;
        if (tokens >= m_burst)
            it = m_buckets.erase(it);
        else
            ++it;
    }
}

} // namespace pb
