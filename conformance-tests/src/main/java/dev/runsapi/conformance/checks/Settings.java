package dev.runsapi.conformance.checks;

import dev.runsapi.conformance.wire.Transport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * What the user asked for: the target, the credentials, the effort and which checks to run; how to
 * reach the target (headers, TLS, proxy) and whether secrets may be printed.
 */
public record Settings(String target, String apiKey, String appId, String otherApiKey, String otherAppId,
                       long seed, int tries, boolean checkRateLimit, Duration timeout, Set<String> only,
                       Set<String> skip, Path reportDir, Transport transport, boolean showSecrets) {

    public static final int DEFAULT_TRIES = 40;

    public Settings {
        only = Set.copyOf(only);
        skip = Set.copyOf(skip);
        transport = transport == null ? Transport.DEFAULT : transport;
    }

    /** Plain transport, secrets masked. */
    public Settings(String target, String apiKey, String appId, String otherApiKey, String otherAppId,
                    long seed, int tries, boolean checkRateLimit, Duration timeout, Set<String> only,
                    Set<String> skip, Path reportDir) {
        this(target, apiKey, appId, otherApiKey, otherAppId, seed, tries, checkRateLimit, timeout, only, skip,
                reportDir, Transport.DEFAULT, false);
    }

    public boolean hasOtherTenant() {
        return otherApiKey != null && !otherApiKey.isBlank() && otherAppId != null && !otherAppId.isBlank();
    }

    public boolean selected(String check) {
        return (only.isEmpty() || only.contains(check)) && !skip.contains(check);
    }
}
