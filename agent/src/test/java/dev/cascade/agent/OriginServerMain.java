package dev.cascade.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * A plain origin (CDN / file store) for the LAN benchmark, run in a namespace of its own: serves one file at
 * {@code /<file name>} with 200 and the whole body to every GET (the agent's {@code OriginFetcher} slices such an
 * answer into pieces), many requests at once. Arguments: the file, the port. Prints {@code origin serving on PORT}.
 */
public final class OriginServerMain {

    private OriginServerMain() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        HttpServer server = HttpServer.create(new InetSocketAddress(Integer.parseInt(args[1])), 64);
        server.createContext("/" + file.getFileName(), exchange -> {
            try (exchange; InputStream in = Files.newInputStream(file); OutputStream body = exchange.getResponseBody()) {
                exchange.sendResponseHeaders(200, Files.size(file));
                in.transferTo(body);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(32));
        server.start();
        System.out.println("origin serving on " + server.getAddress().getPort());
    }
}
