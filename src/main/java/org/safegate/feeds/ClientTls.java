package org.safegate.feeds;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.safegate.config.FetchSettings;

/**
 * The TLS context of a fetch, from PEM files and the JDK alone (KeyStore, CertificateFactory,
 * KeyFactory): the system trust store unless a CA file is given, and a client certificate when one
 * is. Stateless.
 */
final class ClientTls {
    private static final char[] NO_PASSWORD = new char[0];     // an in-memory store: nothing to protect

    private ClientTls() {}

    static SSLContext context(FetchSettings.Tls tls) throws IOException, GeneralSecurityException {
        TrustManager[] trust = null;                            // null: the JDK's default, the system store
        if (tls.caFile().isPresent()) {
            KeyStore store = emptyStore();
            List<Certificate> cas = certificates(tls.caFile().get(), "ca-file");
            for (int i = 0; i < cas.size(); i++) store.setCertificateEntry("ca-" + i, cas.get(i));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            trust = tmf.getTrustManagers();
        }
        KeyManager[] keys = null;
        if (tls.clientCert().isPresent()) {
            List<Certificate> chain = certificates(tls.clientCert().get(), "client-cert");
            PrivateKey key = PemFile.privateKey(tls.clientKey().orElseThrow());
            KeyStore store = emptyStore();
            store.setKeyEntry("client", key, NO_PASSWORD, chain.toArray(Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, NO_PASSWORD);
            keys = kmf.getKeyManagers();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys, trust, null);
        return context;
    }

    private static KeyStore emptyStore() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    /** Every certificate of a PEM file (CertificateFactory reads PEM and skips text between blocks). */
    private static List<Certificate> certificates(Path file, String key) throws IOException, CertificateException {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(file)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certs.isEmpty()) throw new CertificateException(key + ": " + file + ": no certificate (expected: PEM)");
        return new ArrayList<>(certs);
    }
}
