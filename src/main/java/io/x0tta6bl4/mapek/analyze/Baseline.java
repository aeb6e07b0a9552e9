package io.x0tta6bl4.mapek.analyze;

/**
 * What the adaptive detector has learned about one series, in the series' unit.
 *
 * @param mean EWMA mean of the in-band samples
 * @param stddev the standard deviation the detector judges with: the EWMA standard deviation, but
 *     at least the configured floors
 * @param learnedSamples how many samples went into the baseline (out-of-band samples never do)
 * @param warmedUp whether enough samples were learned for the series to fire
 * @param firing whether the series is currently reported as an anomaly
 */
public record Baseline(
    double mean, double stddev, long learnedSamples, boolean warmedUp, boolean firing) {}
