package org.safegate.feeds;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.safegate.testing.ExternalTool;

/**
 * Keys, certificates and signatures made by the {@code openssl} command line, the way an operator
 * or a regulator makes them, in one directory. Skips the test when openssl is missing.
 */
final class Openssl {
    /** The key types safegate verifies, with the openssl command that signs with each. */
    enum Algorithm {
        ED25519("-algorithm", "ed25519"),
        RSA("-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"),
        EC("-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256");

        private final String[] genpkey;

        Algorithm(String... genpkey) {
            this.genpkey = genpkey;
        }
    }

    /** A PEM private key (PKCS#8) and its PEM certificate or public key. */
    record KeyPair(Path key, Path pem) {}

    private final String openssl = ExternalTool.require("openssl", "openssl");
    private final Path dir;

    Openssl(Path dir) {
        this.dir = dir;
    }

    /** A self-signed CA (EC P-256). */
    KeyPair ca(String name) throws IOException {
        KeyPair ca = new KeyPair(dir.resolve(name + ".key"), dir.resolve(name + ".pem"));
        run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", ca.key().toString(),
                "-out", ca.pem().toString(), "-days", "2", "-subj", "/CN=" + name);
        return ca;
    }

    /** A certificate issued by {@code ca}, for {@code subjectAltName} (e.g. {@code IP:127.0.0.1}). */
    KeyPair leaf(String name, KeyPair ca, String subjectAltName) throws IOException {
        KeyPair leaf = new KeyPair(dir.resolve(name + ".key"), dir.resolve(name + ".pem"));
        run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", leaf.key().toString(),
                "-out", leaf.pem().toString(), "-days", "2", "-subj", "/CN=" + name, "-CA", ca.pem().toString(),
                "-CAkey", ca.key().toString(), "-addext", "subjectAltName=" + subjectAltName,
                "-addext", "basicConstraints=critical,CA:FALSE");
        return leaf;
    }

    /** A signing key; {@code pem} is its {@code -----BEGIN PUBLIC KEY-----} file. */
    KeyPair signingKey(String name, Algorithm algorithm) throws IOException {
        KeyPair pair = new KeyPair(dir.resolve(name + ".key"), dir.resolve(name + ".pub"));
        List<String> args = new ArrayList<>(List.of("genpkey"));
        args.addAll(List.of(algorithm.genpkey));
        args.addAll(List.of("-out", pair.key().toString()));
        run(args.toArray(String[]::new));
        run("pkey", "-in", pair.key().toString(), "-pubout", "-out", pair.pem().toString());
        return pair;
    }

    /** The detached signature of {@code file}, made as the configuration guide says. */
    byte[] sign(Algorithm algorithm, KeyPair key, Path file) throws IOException {
        Path sig = Files.createTempFile(dir, "sig", ".sig");
        if (algorithm == Algorithm.ED25519)
            run("pkeyutl", "-sign", "-rawin", "-inkey", key.key().toString(), "-in", file.toString(), "-out", sig.toString());
        else
            run("dgst", "-sha256", "-sign", key.key().toString(), "-out", sig.toString(), file.toString());
        return Files.readAllBytes(sig);
    }

    void run(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(openssl));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("openssl " + String.join(" ", args) + ": no exit within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String output = new String(p.getInputStream().readAllBytes(), UTF_8);
        if (p.exitValue() != 0) throw new AssertionError("openssl " + String.join(" ", args) + ": exit " + p.exitValue() + "\n" + output);
    }
}
