package dev.runsapi.conformance.wire;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The TLS trust of the suite's HTTP client: the JVM's trust store (javax.net.ssl.trustStore when set),
 * plus the CAs of a PEM file on top (--cacert), or no verification at all (--insecure).
 */
public final class Tls {

    private Tls() {
    }

    /** Throws IllegalArgumentException, with a message naming the file, for an unreadable or invalid PEM. */
    public static SSLContext context(Path caCert, boolean insecure) {
        try {
            if (insecure) {
                SSLContext c = SSLContext.getInstance("TLS");
                c.init(null, new TrustManager[] {new TrustAll()}, null);
                return c;
            }
            if (caCert == null) {
                return SSLContext.getDefault();
            }
            List<X509Certificate> added = readPem(caCert);
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (X509Certificate jvm : defaultTrustManager().getAcceptedIssuers()) {
                trust.setCertificateEntry("jvm-" + i++, jvm);
            }
            for (X509Certificate c : added) {
                trust.setCertificateEntry("cacert-" + i++, c);
            }
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(trust);
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, f.getTrustManagers(), null);
            return c;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** The certificates of a PEM file (one or more); at least one, else a clear error. */
    public static List<X509Certificate> readPem(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "no such file"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : String.valueOf(e.getMessage());
            throw new IllegalArgumentException("--cacert " + file + " cannot be read (" + why + ")");
        }
        String text = new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("--cacert " + file + " holds no PEM certificate "
                    + "(a '-----BEGIN CERTIFICATE-----' block is expected)");
        }
        try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : certs) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("--cacert " + file + " holds no certificate");
            }
            return out;
        } catch (CertificateException | IOException e) {
            String why = e.getMessage() == null ? "it does not decode" : e.getMessage().replace('\n', ' ')
                    .replaceAll("[a-z]+(\\.[a-z]+)+\\.[A-Za-z]*Exception: ", "");
            throw new IllegalArgumentException("--cacert " + file + " is not a valid PEM certificate file (" + why + ")");
        }
    }

    private static X509TrustManager defaultTrustManager() throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init((KeyStore) null);
        for (TrustManager tm : f.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("the JVM has no X.509 trust manager");
    }

    /**
     * Accepts any certificate for any host name: an extended trust manager, so that JSSE leaves the host
     * name check to it (and it does none).
     */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
