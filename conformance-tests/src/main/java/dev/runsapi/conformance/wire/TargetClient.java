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
 * Sends requests to the target, from one thread or several (see {@link #send}). Every answer is validated against the contract on a
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
    private final Throttle throttle;
    private final HttpClient http;
    private final List<ExtraHeader> extraHeaders;
    private final ProxyRoute proxy;
    private final ExecutorService validation;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger throttled = new AtomicInteger();
    private final AtomicLong waitedMillis = new AtomicLong();
    private final List<SchemaViolation> violations = Collections.synchronizedList(new ArrayList<>());
    private final List<ApiRequest> missingRetryAfter = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger validated = new AtomicInteger();
    private final AtomicInteger submitted = new AtomicInteger();
    /** Runs validated already, by id and hash of their JSON; touched by the validation thread only. */
    private final java.util.Set<String> validatedRuns = new java.util.HashSet<>();
    private final java.util.concurrent.Semaphore validationSlots = new java.util.concurrent.Semaphore(VALIDATION_BACKLOG);
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong largestAnswer = new AtomicLong();

    /** The most of one answer's body the suite reads; beyond it the answer is cut off (and reported so). */
    public static final long MAX_ANSWER_BYTES = 64L << 20;
    /** Answers read but not validated yet, at most. */
    static final int VALIDATION_BACKLOG = 4;
    static final int MAX_REMEMBERED_RUNS = 200_000;
    private static final Duration MIN_OVERALL_CAP = Duration.ofSeconds(120);
    /** How often a body being read is looked at for a stall. */
    private static final long WATCH_MILLIS = 100;

    public TargetClient(String baseUrl, Duration timeout, RateLimitPolicy policy, ContractValidator validator) {
        this(baseUrl, timeout, policy, validator, Transport.DEFAULT, 1);
    }

    /**
     * With the transport's headers on every request, its TLS trust and its proxy; keeps up to {@code concurrency}
     * requests in flight when called from several threads.
     */
    public TargetClient(String baseUrl, Duration timeout, RateLimitPolicy policy, ContractValidator validator,
                        Transport transport, int concurrency) {
        this.throttle = new Throttle(concurrency);
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        this.policy = policy;
        this.validator = validator;
        this.http = transport.newHttpClient(timeout);
        this.extraHeaders = transport.headers();
        this.proxy = transport.proxy();
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
     * Sends the request, waiting out 429s as their {@code Retry-After} says. Safe to call from several
     * threads: the {@link Throttle} keeps at most {@code concurrency} requests in flight, holds every
     * worker back until a {@code Retry-After} has passed, and after the first 429 paces all of them
     * together a tenth below the rate the target let through in the second before, so that a
     * rate-limited target is not hit again and again (each hit costs a whole {@code Retry-After}).
     */
    public ApiResponse send(ApiRequest request) {
        while (true) {
            ApiResponse r = sendThrottled(request);
            if (r.status() != 429) {
                return r;
            }
            throttled.incrementAndGet();
            Duration wait = retryAfter(r).filter(d -> d.toSeconds() >= 1).orElse(policy.fallbackWait());
            if (wait.compareTo(policy.maxWait()) > 0) {
                wait = policy.maxWait();
            }
            if (waitedMillis.get() + wait.toMillis() > policy.totalCap().toMillis()) {
                throw new RateLimitExhaustedException("the target kept answering 429 Too Many Requests; "
                        + "gave up after waiting " + waitedMillis.get() / 1000 + " s in all");
            }
            waitedMillis.addAndGet(throttle.throttled(wait).toMillis());
        }
    }

    private final AtomicLong pacedMillis = new AtomicLong();

    private ApiResponse sendThrottled(ApiRequest request) {
        Throttle.Wait wait;
        try {
            wait = throttle.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetUnreachableException("interrupted while waiting to send to " + base);
        }
        boolean answered = false;
        try {
            while (wait.nanos() > 0) {
                sleep(Duration.ofNanos(wait.nanos()));
                pacedMillis.addAndGet(wait.pacingNanos() / 1_000_000);
                wait = throttle.recheck(wait);
            }
            ApiResponse r = sendOnce(request);
            answered = r.status() != 429;
            return r;
        } finally {
            throttle.release(answered);
        }
    }

    /** Requests the client keeps in flight at most. */
    public int concurrency() {
        return throttle.maxInFlight();
    }

    /** Sends the request once; a 429 is answered as is, and no pacing applies (bursts are on purpose). */
    public ApiResponse sendOnce(ApiRequest request) {
        URI uri;
        try {
            uri = URI.create(base + request.pathAndQuery());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid URL: " + base + request.pathAndQuery(), e);
        }
        // The request's time-out covers the time to the response headers only; the body is watched by
        // readBody, so that a large answer that keeps coming is not taken for a dead target.
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET().timeout(timeout);
        request.headers().forEach(b::header);
        extraHeaders.forEach(h -> b.header(h.name(), h.value()));
        requests.incrementAndGet();
        java.util.concurrent.atomic.AtomicReference<BodyReader> reader = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<HttpResponse.ResponseInfo> head =
                new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.CompletableFuture<HttpResponse<BodyReader.Body>> pending = http.sendAsync(b.build(),
                info -> {
                    head.set(info);
                    reader.set(new BodyReader(MAX_ANSWER_BYTES));
                    return reader.get();
                });
        BodyReader.Body body = await(pending, reader, uri);
        HttpResponse.ResponseInfo raw = head.get();
        bytesRead.addAndGet(body.length());
        largestAnswer.accumulateAndGet(body.length(), Math::max);
        Map<String, List<String>> headers = new TreeMap<>();
        raw.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        String text = new String(body.bytes(), 0, body.length(), charset(raw.headers()));
        ApiResponse response = new ApiResponse(raw.statusCode(), Collections.unmodifiableMap(headers), text,
                body.cutOff() == null ? parse(body) : null, body.cutOff());
        if (response.status() == 429 && retryAfter(response).isEmpty()) {
            missingRetryAfter.add(request);
        }
        submitted.incrementAndGet();
        acquireValidationSlot();
        validation.submit(() -> validate(request, response));
        return response;
    }

    /**
     * Waits for the answer: at most the time-out for its headers (the request's own time-out), then as
     * long as bytes keep coming, giving up on a stall longer than the time-out or after the overall cap.
     * Either way the answer is what came, marked as cut off; only no answer at all is "unreachable".
     */
    private BodyReader.Body await(java.util.concurrent.CompletableFuture<HttpResponse<BodyReader.Body>> f,
                                  java.util.concurrent.atomic.AtomicReference<BodyReader> reader, URI uri) {
        long stall = timeout.toNanos();
        long cap = overallCap().toNanos();
        try {
            while (true) {
                try {
                    return f.get(WATCH_MILLIS, TimeUnit.MILLISECONDS).body();
                } catch (java.util.concurrent.TimeoutException e) {
                    BodyReader r = reader.get();
                    if (r == null) {
                        continue; // no headers yet: the request's time-out decides
                    }
                    if (r.stalledNanos() > stall) {
                        r.giveUp("no byte for " + timeout.toSeconds() + " s after " + r.received() + " bytes");
                    } else if (r.elapsedNanos() > cap) {
                        r.giveUp("still coming after " + overallCap().toSeconds() + " s (" + r.received()
                                + " bytes), the longest the suite waits for one answer");
                    }
                }
            }
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            BodyReader r = reader.get();
            if (r != null && !(c instanceof HttpTimeoutException)) {
                // The headers came, then the body broke: an answer cut off, not a target that is down.
                r.onError(c);
                return r.getBody().toCompletableFuture().join();
            }
            if (c instanceof HttpTimeoutException) {
                throw new TargetUnreachableException(base + " did not answer within " + timeout.toSeconds() + " s");
            }
            if (c instanceof javax.net.ssl.SSLException ssl) {
                throw new TargetUnreachableException(TlsFailure.describe(base, ssl));
            }
            if (c instanceof ConnectException) {
                throw new TargetUnreachableException("cannot connect to " + base + proxy.via(uri) + " ("
                        + (c.getMessage() == null ? "connection refused" : c.getMessage()) + ")");
            }
            throw new TargetUnreachableException("no HTTP answer from " + base + proxy.via(uri) + ": " + c);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new TargetUnreachableException("interrupted while waiting for " + base);
        }
    }

    /** The longest the suite waits for one whole answer: generous, since big answers take time. */
    public Duration overallCap() {
        Duration twelve = timeout.multipliedBy(12);
        return twelve.compareTo(MIN_OVERALL_CAP) > 0 ? twelve : MIN_OVERALL_CAP;
    }

    private static java.nio.charset.Charset charset(java.net.http.HttpHeaders headers) {
        return headers.firstValue("content-type").flatMap(ct -> java.util.Arrays.stream(ct.split(";"))
                .map(String::trim).filter(p -> p.toLowerCase(Locale.ROOT).startsWith("charset="))
                .map(p -> p.substring("charset=".length()).replace("\"", "").trim()).findFirst())
                .flatMap(name -> {
                    try {
                        return java.util.Optional.of(java.nio.charset.Charset.forName(name));
                    } catch (RuntimeException e) {
                        return java.util.Optional.empty();
                    }
                }).orElse(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * At most {@link #VALIDATION_BACKLOG} answers wait for the validation thread: when it falls behind,
     * the sender waits, so that unvalidated answers cannot pile up in memory.
     */
    private void acquireValidationSlot() {
        try {
            validationSlots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetUnreachableException("interrupted while waiting for the contract validation");
        }
    }

    private void validate(ApiRequest request, ApiResponse response) {
        try {
            if (response.cutOff() != null) {
                violations.add(new SchemaViolation(request, response.status(),
                        List.of("the answer was cut off: " + response.cutOff()), response.bodyExcerpt(500)));
                return;
            }
            List<String> messages = validator.validate(withoutRunsSeenBefore(response));
            if (!messages.isEmpty()) {
                violations.add(new SchemaViolation(request, response.status(), messages, response.bodyExcerpt(500)));
            }
        } catch (RuntimeException e) {
            violations.add(new SchemaViolation(request, response.status(),
                    List.of("the validator could not read the answer: " + e), response.bodyExcerpt(500)));
        } finally {
            validated.incrementAndGet();
            validationSlots.release();
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
        com.fasterxml.jackson.databind.node.ObjectNode copy = JSON.createObjectNode();
        r.json().fields().forEachRemaining(f -> {
            if (!f.getKey().equals("data")) {
                copy.set(f.getKey(), f.getValue());
            }
        });
        com.fasterxml.jackson.databind.node.ArrayNode data = copy.putArray("data");
        for (JsonNode run : r.json().get("data")) {
            if (firstSight(run)) {
                data.add(run);
            }
        }
        return new ApiResponse(r.status(), r.headers(), copy.toString(), copy);
    }

    /**
     * True the first time a run is seen as it is now. A run is remembered by its id and the hash of its JSON
     * tree (every field and value: a run answered differently later is validated again), not by its text, and
     * at most {@link #MAX_REMEMBERED_RUNS} of them: past that, runs are validated again.
     */
    private boolean firstSight(JsonNode run) {
        String key = run.path("id").asText() + "#" + run.hashCode() + "#" + run.size();
        if (validatedRuns.contains(key)) {
            return false;
        }
        if (validatedRuns.size() < MAX_REMEMBERED_RUNS) {
            validatedRuns.add(key);
        }
        return true;
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

    private static JsonNode parse(BodyReader.Body body) {
        try {
            return body.length() == 0 ? null : JSON.readTree(body.bytes(), 0, body.length());
        } catch (IOException e) {
            return null;
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetUnreachableException("interrupted while waiting to send");
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

    /** Bytes of answer bodies read so far, all requests together. */
    public long bytesRead() {
        return bytesRead.get();
    }

    /** The largest answer body read so far, in bytes. */
    public long largestAnswerBytes() {
        return largestAnswer.get();
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
