package org.safegate.feeds;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body as an {@link InputStream} with a read timeout: a read that waits longer than
 * {@code readTimeout} for the next bytes fails with {@link HttpTimeoutException} and cancels the
 * exchange. {@code java.net.http.HttpClient} has no read timeout of its own (its request timeout
 * ends when the headers arrive), and its own stream waits forever on a stalled server.
 *
 * <p>Asks for one list of buffers at a time, so a fast server cannot fill the heap ahead of the
 * disk. Concurrency: the HttpClient's threads only put into the queue; everything else runs on the
 * one reading thread.
 */
final class TimedBody extends InputStream implements Flow.Subscriber<List<ByteBuffer>> {
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Duration readTimeout;
    private volatile Flow.Subscription subscription;
    private Iterator<ByteBuffer> buffers = Collections.emptyIterator();
    private ByteBuffer current;
    private boolean done;

    TimedBody(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(item);
    }

    @Override
    public void onError(Throwable t) {
        queue.add(t);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (current == null || !current.hasRemaining()) {
            if (buffers.hasNext()) {
                current = buffers.next();
                continue;
            }
            if (done || !next()) return -1;
        }
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        return n;
    }

    /** Takes the next list of buffers; false at the end of the body. */
    @SuppressWarnings("unchecked")
    private boolean next() throws IOException {
        Object item;
        try {
            item = queue.poll(readTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new InterruptedIOException("interrupted while reading the body");
        }
        if (item == null) {
            close();
            throw new HttpTimeoutException("no data for " + readTimeout.toMillis() + " ms (the read timeout)");
        }
        if (item == END) {
            done = true;
            return false;
        }
        if (item instanceof Throwable t) {
            done = true;
            throw t instanceof IOException io ? io : new IOException(t.getMessage(), t);
        }
        buffers = ((List<ByteBuffer>) item).iterator();
        subscription.request(1);
        return true;
    }

    /** Cancels the exchange, so the connection is not kept for a body nobody reads. */
    @Override
    public void close() {
        done = true;
        Flow.Subscription s = subscription;
        if (s != null) s.cancel();
    }
}
