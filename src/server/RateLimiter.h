#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>

namespace pb {

// A token bucket per caller, keyed by a hash of the bearer secret (never the secret itself).
// Each bucket holds up to `burst` requests and refills at `ratePerSecond`. A rate of 0 turns the
// limiter off. Time comes from a monotonic clock; tests can drive it with advanceForTesting().
class RateLimiter final {
public:
    struct Decision {
        bool allowed = true;
        int retryAfterSeconds = 0; // when refused: whole seconds until one request fits again
    };

    explicit RateLimiter(double ratePerSecond = 0, double burst = 0);

    void configure(double ratePerSecond, double burst);
    bool enabled() const { return m_rate > 0; }
    double ratePerSecond() const { return m_rate; }
    double burst() const { return m_burst; }

    // Takes one request from the bucket of `bearerSecret`.
    Decision take(const QString& bearerSecret);

    void advanceForTesting(qint64 ms) { m_offsetMs += ms; }
    int bucketCount() const { return static_cast<int>(m_buckets.size()); }

private:
    struct Bucket {
        double tokens = 0;
        qint64 updatedMs = 0;
    };
    qint64 nowMs() const;
    void pruneFullBuckets(qint64 now);

    double m_rate = 0;
    double m_burst = 0;
    QElapsedTimer m_clock;
    qint64 m_offsetMs = 0;
    QHash<QByteArray, Bucket> m_buckets;
};

} // namespace pb
