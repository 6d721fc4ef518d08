package dev.cascade.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlMetricNamesTest {

    @Test
    void findsTheMetricsButNotFunctionsLabelsDurationsOrKeywords() {
        assertThat(PromQlMetricNames.of("""
                sum by (reason) (rate(cascade_gateway_datagrams_rejected_total{reason=~"bad_tag|unknown_key"}[5m])) > 1
                and sum by (reason) (rate(other_total{reason!="queue_full"}[1h] offset 1h)) > 4 * 1e3
                """)).containsExactly("cascade_gateway_datagrams_rejected_total", "other_total");
    }

    @Test
    void readsHistogramsGroupingClausesAndLabelReplace() {
        assertThat(PromQlMetricNames.of("""
                histogram_quantile(0.99, sum by (le) (rate(publish_seconds_bucket[$__rate_interval])))
                / on (pod) group_left (node) label_replace(max(pending), "service", "metadata-service", "", "")
                unless count without (instance) (up offset 1h)
                """)).containsExactly("pending", "publish_seconds_bucket", "up");
    }

    @Test
    void aBareMetricIsAMetric() {
        assertThat(PromQlMetricNames.of("max(cascade_metadata_peers_active)")).containsExactly("cascade_metadata_peers_active");
        assertThat(PromQlMetricNames.of("cascade_activation_activated == 0")).containsExactly("cascade_activation_activated");
    }
}
