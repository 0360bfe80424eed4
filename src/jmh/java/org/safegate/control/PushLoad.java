package org.safegate.control;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Pushes through the admin API of a running node, as a regulator's client sees them: the time from
 * sending {@code POST /v1/sources/{id}/changes} to its 202 (the batch fsynced in the journal and
 * the policy holding it published), for batches of 1, 100 and 10,000 domains sent one after the
 * other; after each acknowledged push one of its names is asked of the node's DNS listener, which
 * must already answer NXDOMAIN (a name it does not block goes to the upstream, which refuses
 * {@code .test}). Each batch removes the previous batch's names, so the pushed source stays at one
 * batch and the figures do not grow with the run. Then acknowledged pushes per second for 1, 4, 16
 * concurrent clients sending 1-domain batches. Driven by {@code bench/push.sh}, which also starts
 * the node and the DNS load; the token comes from the environment, never the command line.
 *
 * <pre>
 *   SAFEGATE_TOKEN=... java -cp target/benchmarks.jar org.safegate.control.PushLoad \
 *       http://127.0.0.1:9154 SOURCE 127.0.0.1:5301 [plan 1:200,100:100,10000:20] [clients 1,4,16] [seconds 10]
 * </pre>
 */
public final class PushLoad {
    private static final String BASIS = "\"legalBasis\": {\"authority\": \"Bench Court\", \"decision\": \"bench/2026\", \"date\": \"2026-11-23\"}";
    private static final AtomicLong KEYS = new AtomicLong(System.currentTimeMillis());

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI changes;
    private final String token;
    private final SimpleResolver dns;
    private final AtomicInteger failures = new AtomicInteger();

    private PushLoad(String admin, String source, String dnsAddress, String token) {
        this.changes = URI.create(admin + "/v1/sources/" + source + "/changes");
        this.token = token;
        String[] hostPort = dnsAddress.split(":");
        this.dns = new SimpleResolver(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])));
        dns.setTimeout(Duration.ofSeconds(2));
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) throw new IllegalArgumentException("usage: PushLoad ADMIN-URL SOURCE DNS-HOST:PORT [plan] [clients] [seconds]");
        String token = System.getenv("SAFEGATE_TOKEN");
        if (token == null || token.isBlank()) throw new IllegalArgumentException("SAFEGATE_TOKEN: not set");
        PushLoad load = new PushLoad(args[0], args[1], args[2], token.strip());
        String plan = args.length > 3 ? args[3] : "1:200,100:100,10000:20";
        String clients = args.length > 4 ? args[4] : "1,4,16";
        int seconds = args.length > 5 ? Integer.parseInt(args[5]) : 10;
        System.out.printf(Locale.ROOT, "%-8s %-6s %9s %9s %9s %12s %s%n", "entries", "pushes", "p50 ms", "p99 ms", "max ms",
                "dns checked", "not blocked");
        for (String step : plan.split(",")) {
            String[] p = step.split(":");
            load.latency(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
        }
        System.out.printf(Locale.ROOT, "%n%-8s %8s %10s %9s %9s%n", "clients", "seconds", "pushes/s", "p50 ms", "p99 ms");
        for (String c : clients.split(",")) load.throughput(Integer.parseInt(c), seconds);
        System.out.printf(Locale.ROOT, "%nfailed pushes (not 202): %d%n", load.failures.get());
        if (load.failures.get() > 0) System.exit(1);
    }

    /** {@code count} sequential pushes of {@code entries} names after a few unmeasured ones. */
    private void latency(int entries, int count) throws Exception {
        int warmup = Math.max(3, count / 10);
        phase("sequential pushes of " + entries);
        List<Double> measured = new ArrayList<>(count);
        List<String> previous = List.of();
        int notBlocked = 0;
        int checked = 0;
        for (int i = -warmup; i < count; i++) {
            List<String> adds = names("b" + entries + "-" + i, entries);
            double took = push(adds, previous);
            if (took < 0) continue;
            String probe = adds.get(Math.floorMod(i, entries));
            checked++;
            if (!blocked(probe)) {
                notBlocked++;
                System.out.println("NOT BLOCKED right after its 202: " + probe);
            }
            if (i >= 0) measured.add(took);
            previous = adds;
        }
        double[] millis = measured.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%-8d %-6d %9.1f %9.1f %9.1f %12d %d%n", entries, millis.length, percentile(millis, .50),
                percentile(millis, .99), percentile(millis, 1), checked, notBlocked);
        if (!previous.isEmpty()) push(List.of(), previous);   // leave the source empty for the next size
    }

    /** {@code clients} threads sending 1-name pushes for {@code seconds}; acknowledged pushes per second. */
    private void throughput(int clients, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        phase(clients + " concurrent clients");
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long start = System.nanoTime();
        List<Future<List<Double>>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String prefix = "t" + clients + "-" + c;
            results.add(pool.submit(() -> {
                List<Double> mine = new ArrayList<>();
                for (int i = 0; System.nanoTime() < end; i++) {
                    double took = push(names(prefix + "-" + i, 1), List.of());
                    if (took >= 0) mine.add(took);
                }
                return mine;
            }));
        }
        List<Double> all = new ArrayList<>();
        for (Future<List<Double>> f : results) all.addAll(f.get());
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        double[] millis = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%-8d %8.1f %10.1f %9.1f %9.1f%n", clients, elapsed, millis.length / elapsed,
                percentile(millis, .50), percentile(millis, .99));
    }

    /** A marker on stderr, so that the script can set the DNS load's seconds beside the phases. */
    private static void phase(String name) {
        System.err.printf(Locale.ROOT, "phase %d %s%n", System.currentTimeMillis(), name);
    }

    /** Milliseconds from send to 202, or -1 (counted, first ones printed) for any other answer. */
    private double push(List<String> adds, List<String> removes) throws IOException, InterruptedException {
        String body = "{\"idempotencyKey\": \"bench-" + KEYS.incrementAndGet() + "\", " + BASIS
                + ", \"add\": {\"domains\": " + json(adds) + ", \"urls\": [], \"ips\": []}"
                + ", \"remove\": {\"domains\": " + json(removes) + ", \"urls\": [], \"ips\": []}}";
        HttpRequest request = HttpRequest.newBuilder(changes).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        double took = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() == 202) return took;
        if (failures.incrementAndGet() <= 5) System.out.println("push answered " + response.statusCode() + ": " + response.body());
        return -1;
    }

    private boolean blocked(String name) throws IOException {
        Message answer = dns.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, DClass.IN)));
        return answer.getRcode() == Rcode.NXDOMAIN;
    }

    private static List<String> names(String prefix, int count) {
        List<String> out = new ArrayList<>(count);
        for (int e = 0; e < count; e++) out.add(prefix + "-" + e + ".push.test");
        return out;
    }

    private static String json(List<String> names) {
        if (names.isEmpty()) return "[]";
        return "[\"" + String.join("\", \"", names) + "\"]";
    }

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
