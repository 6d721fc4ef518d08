package dev.cascade.gateway;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;

/** The gateway's counters as Prometheus scrapes them from {@code /q/metrics}: the operator's view. */
final class GatewayMetricsText {

    private final Map<String, Double> series = new HashMap<>();

    private GatewayMetricsText(String text) {
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
    }

    static GatewayMetricsText scrape() {
        return new GatewayMetricsText(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /** The value of {@code name{tag="value"}}; 0 if the series does not exist. */
    double get(String name, String tag, String value) {
        return series.getOrDefault(name + "{" + tag + "=\"" + value + "\"}", 0.0);
    }

    /** The sum over every series of {@code name}. */
    double sum(String name) {
        return series.entrySet().stream().filter(e -> e.getKey().startsWith(name + "{") || e.getKey().equals(name))
                .mapToDouble(Map.Entry::getValue).sum();
    }
}
