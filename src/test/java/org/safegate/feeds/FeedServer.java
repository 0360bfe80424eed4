package org.safegate.feeds;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An HTTPS feed server on 127.0.0.1, port 0 (the test reads the bound port back, so parallel builds
 * never collide), with a handler per path that a test swaps to play a good or a broken server.
 * Records the headers of every request.
 */
final class FeedServer implements AutoCloseable {
    private final HttpsServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private final Map<String, HttpHandler> routes = new ConcurrentHashMap<>();
    private final List<Headers> requests = new CopyOnWriteArrayList<>();

    private FeedServer(SSLContext tls, boolean needClientAuth) throws IOException {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = tls.getDefaultSSLParameters();
                p.setNeedClientAuth(needClientAuth);
                params.setSSLParameters(p);
            }
        });
        server.setExecutor(threads);          // many threads: a stalled answer must not hold the others
        server.createContext("/", this::dispatch);
        server.start();
    }

    static FeedServer start(SSLContext tls, boolean needClientAuth) throws IOException {
        return new FeedServer(tls, needClientAuth);
    }

    URI url(String path) {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    void route(String path, HttpHandler handler) {
        routes.put(path, handler);
    }

    /** Request headers of every request to {@code path}, oldest first. */
    List<Headers> requests(String path) {
        return requests.stream().filter(h -> path.equals(h.getFirst("X-Test-Path"))).toList();
    }

    /** Sends the headers and a few bytes, then nothing until the server closes. */
    void stall(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write("<?xml".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.flush();
        try {
            if (!release.await(60, TimeUnit.SECONDS)) throw new IOException("stalled answer never released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exchange.close();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Headers seen = new Headers();
        seen.putAll(exchange.getRequestHeaders());
        seen.add("X-Test-Path", path);
        requests.add(seen);
        HttpHandler handler = routes.get(path);
        if (handler == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        handler.handle(exchange);
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
