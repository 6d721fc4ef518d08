package dev.cascade.testkit;

import java.util.Map;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mssqlserver.MSSQLServerContainer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Production-like infrastructure for a service test: SQL Server and Kafka in containers
 * (Testcontainers). Used through {@link SqlServerProfile}; tests using it carry
 * {@code @Testcontainers(disabledWithoutDocker = true)} and are skipped where no Docker engine runs.
 */
public class SqlServerKafkaResource implements QuarkusTestResourceLifecycleManager {

    static final String SQL_SERVER_IMAGE = "mcr.microsoft.com/mssql/server:2022-latest";
    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";

    private MSSQLServerContainer sqlServer;
    private KafkaContainer kafka;

    @Override
    public Map<String, String> start() {
        sqlServer = new MSSQLServerContainer(SQL_SERVER_IMAGE).acceptLicense();
        kafka = new KafkaContainer(KAFKA_IMAGE);
        sqlServer.start();
        kafka.start();
        return Map.of(
                "quarkus.datasource.jdbc.url", sqlServer.getJdbcUrl(),
                "quarkus.datasource.username", sqlServer.getUsername(),
                "quarkus.datasource.password", sqlServer.getPassword(),
                "kafka.bootstrap.servers", kafka.getBootstrapServers());
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.stop();
        }
        if (sqlServer != null) {
            sqlServer.stop();
        }
    }
}
