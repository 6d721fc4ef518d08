package dev.cascade.licensing.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** licensing-service settings under {@code cascade.licensing}. */
@ConfigMapping(prefix = "cascade.licensing")
public interface LicensingConfig {

    /**
     * The vendor's Ed25519 public keys license files may be signed with: base64 X.509
     * SubjectPublicKeyInfo, comma-separated (docs/licensing.md). Without any, every import is refused.
     */
    Optional<List<String>> trustedKeys();

    /** A held seat whose client was not heard from (registration or heartbeat) for longer than this is retired. */
    @WithDefault("30d")
    Duration retireAfter();

    /** How often the retirement job looks for inactive clients (read by the scheduler as text). */
    @WithDefault("1h")
    String retirementEvery();

    /**
     * How often usage is brought up to date with the clock (read by the scheduler as text): the
     * active license (one may have expired), today's billing record, and the gauges of this replica.
     */
    @WithDefault("1m")
    String refreshEvery();

    /** The time zone whose calendar days the billing report counts. */
    @WithDefault("UTC")
    ZoneId billingZone();

    /**
     * A heartbeat moves a held seat's last-seen time only when it is at least this much newer, so a
     * fleet's heartbeats do not each cost a database write; retirement works in days.
     */
    @WithDefault("5m")
    Duration lastSeenResolution();
}
