package dev.cascade.cli.license;

import picocli.CommandLine.Option;

/** Where licensing-service is: shared by the {@code cascade license} commands. */
final class ServiceOptions {

    static final String DEFAULT_URL = "http://localhost:8084";

    @Option(names = "--url", description = "licensing-service's base URL (default: $CASCADE_LICENSING_URL or " + DEFAULT_URL + ")")
    String url;

    LicensingApi api() {
        String chosen = url != null ? url : System.getenv().getOrDefault("CASCADE_LICENSING_URL", DEFAULT_URL);
        return new LicensingApi(chosen);
    }
}
