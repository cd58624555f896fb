package dev.runsapi.conformance.wire;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends requests to the target, one at a time. Every answer is validated against the contract on a
 * background thread (validation of a 1000-run page costs more than the request), 429s are waited out
 * within the {@link RateLimitPolicy}, and every request is counted.
 */
public final class TargetClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final String base;
    private final Duration timeout;
    private final RateLimitPolicy policy;
    private final ContractValidator validator;
    private final HttpClient http;
    private final ExecutorService validation;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger throttled = new AtomicInteger();
    private final AtomicLong waitedMillis = new AtomicLong();
    private final List<SchemaViolation> violations = Collections.synchronizedList(new ArrayList<>());
    private final List<ApiRequest> missingRetryAfter = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger validated = new AtomicInteger();
    private final AtomicInteger submitted = new AtomicInteger();
    /** Runs (as their exact JSON) that passed through validation already; touched by the validation thread only. */
    private final java.util.Set<String> validatedRuns = new java.util.HashSet<>();

    public TargetClient(String baseUrl, Duration timeout, RateLimitPolicy policy, ContractValidator validator) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        this.policy = policy;
        this.validator = validator;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.validation = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "contract-validation");
            t.setDaemon(true);
            return t;
        });
    }

    public String baseUrl() {
        return base;
    }

    /**
     * Sends the request, waiting out 429s as their {@code Retry-After} says. After the first 429 it
     * also paces itself a tenth below the rate the target let through in the second before, so that
     * a rate-limited target is not hit again and again (each hit costs a whole {@code Retry-After}).
     */
    public ApiResponse send(ApiRequest request) {
        while (true) {
            pace();
            ApiResponse r = sendOnce(request);
            if (r.status() != 429) {
                remember();
                return r;
            }
            throttled.incrementAndGet();
            learnPace();
            Duration wait = retryAfter(r).filter(d -> d.toSeconds() >= 1).orElse(policy.fallbackWait());
            if (wait.compareTo(policy.maxWait()) > 0) {
                wait = policy.maxWait();
            }
            if (waitedMillis.get() + wait.toMillis() > policy.totalCap().toMillis()) {
                throw new RateLimitExhaustedException("the target kept answering 429 Too Many Requests; "
                        + "gave up after waiting " + waitedMillis.get() / 1000 + " s in all");
            }
            sleep(wait);
            waitedMillis.addAndGet(wait.toMillis());
        }
    }

    /** When the answers that were not 429 came, the last second's worth (nanoTime). */
    private final java.util.ArrayDeque<Long> recent = new java.util.ArrayDeque<>();
    /** Time between requests once throttled; 0 until the first 429. */
    private long paceNanos;
    private long nextSendNanos;
    private final AtomicLong pacedMillis = new AtomicLong();

    private synchronized void remember() {
        long now = System.nanoTime();
        recent.addLast(now);
        forgetOlderThanASecond(now);
    }

    private synchronized void learnPace() {
        forgetOlderThanASecond(System.nanoTime());
        long letThrough = Math.max(1, recent.size());
        paceNanos = Math.max(paceNanos, 1_000_000_000L / letThrough * 11 / 10);
    }

    private void forgetOlderThanASecond(long now) {
        while (!recent.isEmpty() && now - recent.peekFirst() > 1_000_000_000L) {
            recent.pollFirst();
        }
    }

    private void pace() {
        long wait;
        synchronized (this) {
            if (paceNanos == 0) {
                return;
            }
            long now = System.nanoTime();
            wait = nextSendNanos - now;
            nextSendNanos = Math.max(now, nextSendNanos) + paceNanos;
        }
        if (wait > 0) {
            sleep(Duration.ofNanos(wait));
            pacedMillis.addAndGet(wait / 1_000_000);
        }
    }

    /** Sends the request once; a 429 is answered as is, and no pacing applies (bursts are on purpose). */
    public ApiResponse sendOnce(ApiRequest request) {
        URI uri;
        try {
            uri = URI.create(base + request.pathAndQuery());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid URL: " + base + request.pathAndQuery(), e);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET().timeout(timeout);
        request.headers().forEach(b::header);
        requests.incrementAndGet();
        HttpResponse<String> raw;
        try {
            raw = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new TargetUnreachableException(base + " did not answer within " + timeout.toSeconds() + " s");
        } catch (ConnectException e) {
            throw new TargetUnreachableException("cannot connect to " + base + " ("
                    + (e.getMessage() == null ? "connection refused" : e.getMessage()) + ")");
        } catch (IOException e) {
            throw new TargetUnreachableException("no HTTP answer from " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetUnreachableException("interrupted while waiting for " + base);
        }
        Map<String, List<String>> headers = new TreeMap<>();
        raw.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        ApiResponse response = new ApiResponse(raw.statusCode(), Collections.unmodifiableMap(headers), raw.body(),
                parse(raw.body()));
        if (response.status() == 429 && retryAfter(response).isEmpty()) {
            missingRetryAfter.add(request);
        }
        submitted.incrementAndGet();
        validation.submit(() -> validate(request, response));
        return response;
    }

    private void validate(ApiRequest request, ApiResponse response) {
        try {
            List<String> messages = validator.validate(withoutRunsSeenBefore(response));
            if (!messages.isEmpty()) {
                violations.add(new SchemaViolation(request, response.status(), messages, response.bodyExcerpt(500)));
            }
        } catch (RuntimeException e) {
            violations.add(new SchemaViolation(request, response.status(),
                    List.of("the validator could not read the answer: " + e), response.bodyExcerpt(500)));
        } finally {
            validated.incrementAndGet();
        }
    }

    /**
     * The answer with the runs already validated in an earlier answer left out of {@code data}. The
     * RunsPage schema constrains each run on its own, so this validates exactly as much, and saves
     * re-validating the same thousand runs on every page (the validator costs more than the request).
     */
    private ApiResponse withoutRunsSeenBefore(ApiResponse r) {
        if (r.status() != 200 || r.json() == null || !r.json().isObject() || !r.json().path("data").isArray()) {
            return r;
        }
        com.fasterxml.jackson.databind.node.ObjectNode copy = r.json().deepCopy();
        com.fasterxml.jackson.databind.node.ArrayNode data = (com.fasterxml.jackson.databind.node.ArrayNode) copy.get("data");
        for (int i = data.size() - 1; i >= 0; i--) {
            if (!validatedRuns.add(data.get(i).toString())) {
                data.remove(i);
            }
        }
        return new ApiResponse(r.status(), r.headers(), copy.toString(), copy);
    }

    /** Retry-After in delay-seconds form; empty when absent or not a whole number of at least 0. */
    public static java.util.Optional<Duration> retryAfter(ApiResponse r) {
        return r.header("retry-after").flatMap(v -> {
            try {
                long s = Long.parseLong(v.trim());
                return s < 0 ? java.util.Optional.empty() : java.util.Optional.of(Duration.ofSeconds(s));
            } catch (NumberFormatException e) {
                return java.util.Optional.empty();
            }
        });
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetUnreachableException("interrupted while waiting out a 429");
        }
    }

    /** Waits until every answer received so far has been validated (bounded). */
    /** The validator of the answers (it also keeps the extra properties it saw). */
    public ContractValidator validator() {
        return validator;
    }

    public List<SchemaViolation> schemaViolations(Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (validated.get() < submitted.get() && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(20));
        }
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    public int validatedCount() {
        return validated.get();
    }

    public List<ApiRequest> missingRetryAfter() {
        synchronized (missingRetryAfter) {
            return List.copyOf(missingRetryAfter);
        }
    }

    public int requestCount() {
        return requests.get();
    }

    public int throttledCount() {
        return throttled.get();
    }

    /** Time spent waiting on the target's rate limit: 429s waited out, and pacing after them. */
    public long waitedMillis() {
        return waitedMillis.get() + pacedMillis.get();
    }

    @Override
    public void close() {
        validation.shutdownNow();
        try {
            validation.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
