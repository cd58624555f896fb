package dev.runsapi.conformance.wire;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.security.cert.CertificateException;

/** A failed TLS handshake told as what it almost always is, a certificate problem, and what to do about it. */
final class TlsFailure {

    private TlsFailure() {
    }

    static String describe(String base, SSLException e) {
        String cause = deepest(e);
        boolean certificate = e instanceof SSLHandshakeException && (hasCertificateCause(e)
                || cause.contains("PKIX") || cause.contains("certificate") || cause.contains("subject alternative"));
        if (certificate) {
            return "the TLS certificate of " + base + " is not trusted (" + cause + "): this is a certificate "
                    + "problem; give the CA that signed it with --cacert FILE (PEM), or, for a test deployment only, "
                    + "skip verification with --insecure";
        }
        return "the TLS handshake with " + base + " failed (" + cause + "); is it an https server? "
                + "(a certificate problem is fixed with --cacert FILE or --insecure)";
    }

    private static boolean hasCertificateCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }

    private static String deepest(Throwable t) {
        Throwable last = t;
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null) {
                last = c;
            }
        }
        String m = last.getMessage() == null ? last.getClass().getSimpleName() : last.getMessage();
        return m.replace('\n', ' ');
    }
}
