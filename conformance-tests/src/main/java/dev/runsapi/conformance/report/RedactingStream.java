package dev.runsapi.conformance.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The console's funnel: a stream that redacts secrets line by line before passing the text on. A line is
 * held until its end (a secret could be cut between two writes); {@link #drain} passes on an unfinished
 * last line.
 */
public final class RedactingStream extends OutputStream {
    private final OutputStream target;
    private final Supplier<Secrets> secrets;
    private final Charset charset;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    public RedactingStream(OutputStream target, Supplier<Secrets> secrets, Charset charset) {
        this.target = target;
        this.secrets = secrets;
        this.charset = charset;
    }

    /** A PrintStream over a new redacting stream, in the platform's charset (as System.out writes). */
    public static PrintStream printStream(OutputStream target, AtomicReference<Secrets> secrets) {
        Charset cs = Charset.defaultCharset();
        return new PrintStream(new RedactingStream(target, () -> {
            Secrets s = secrets.get();
            return s == null ? Secrets.none() : s;
        }, cs), true, cs);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                line.write(b, start, i + 1 - start);
                emit();
                start = i + 1;
            }
        }
        line.write(b, start, off + len - start);
    }

    /** Complete lines are already passed on; an unfinished one waits for its end or {@link #drain}. */
    @Override
    public synchronized void flush() throws IOException {
        target.flush();
    }

    /** Passes on the unfinished last line too. */
    public synchronized void drain() throws IOException {
        if (line.size() > 0) {
            emit();
        }
        target.flush();
    }

    @Override
    public void close() throws IOException {
        drain();
    }

    private void emit() throws IOException {
        String text = line.toString(charset);
        line.reset();
        target.write(secrets.get().redact(text).getBytes(charset));
        target.flush();
    }
}
