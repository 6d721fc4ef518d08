package dev.cascade.licensing.service;

/**
 * Fired inside a transaction that changed usage; observers act after it committed (the gauges and
 * the warning counter).
 *
 * @param warnedThreshold the threshold (90, 100) of the usage warning the change wrote to the outbox, 0 for none
 */
public record UsageChanged(long seatsUsed, long seatsPurchased, int warnedThreshold) {
}
