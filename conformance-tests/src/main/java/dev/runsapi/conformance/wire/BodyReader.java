package dev.runsapi.conformance.wire;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads one answer's body as it arrives, counting its bytes and noting when the last one came, so
 * that the caller can tell a large answer that keeps coming from one that stalled. It never holds more
 * than {@code maxBytes}: beyond that the read is cancelled and the answer is "cut off", as it is when
 * the connection breaks before the body is complete or the caller gives up on a stall.
 */
final class BodyReader implements HttpResponse.BodySubscriber<BodyReader.Body> {

    /** The first {@code length} bytes of {@code bytes} were read; {@code cutOff} says why that is not all (null when it is). */
    record Body(byte[] bytes, int length, String cutOff) {
    }

    private final long maxBytes;
    private final CompletableFuture<Body> result = new CompletableFuture<>();
    private final long startNanos = System.nanoTime();
    private volatile long lastProgressNanos = startNanos;
    private volatile long received;
    private byte[] buffer = new byte[8192];
    private int length;
    private Flow.Subscription subscription;

    BodyReader(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    long received() {
        return received;
    }

    /** Nanoseconds since a byte last came (or since the headers, before the first). */
    long stalledNanos() {
        return System.nanoTime() - lastProgressNanos;
    }

    long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    /** Stops reading; the answer is what came so far, marked as cut off for {@code reason}. */
    void giveUp(String reason) {
        Flow.Subscription s;
        synchronized (this) {
            s = subscription;
        }
        if (s != null) {
            s.cancel();
        }
        finish(reason);
    }

    @Override
    public CompletionStage<Body> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        synchronized (this) {
            subscription = s;
        }
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        if (result.isDone()) {
            return;
        }
        lastProgressNanos = System.nanoTime();
        for (ByteBuffer b : item) {
            int n = b.remaining();
            if ((long) length + n > maxBytes) {
                received = (long) length + n;
                giveUp("the answer is larger than " + maxBytes + " bytes, the most the suite reads of one answer");
                return;
            }
            synchronized (this) {
                if (result.isDone()) {
                    return;
                }
                if (length + n > buffer.length) {
                    buffer = Arrays.copyOf(buffer, (int) Math.min(maxBytes, Math.max(length + n, 2L * buffer.length)));
                }
                b.get(buffer, length, n);
                length += n;
            }
            received = length;
        }
    }

    @Override
    public void onError(Throwable t) {
        finish("the connection broke after " + received + " bytes of the body (" + t + ")");
    }

    @Override
    public void onComplete() {
        finish(null);
    }

    private void finish(String cutOff) {
        synchronized (this) {
            result.complete(new Body(buffer, length, cutOff));
        }
    }
}
