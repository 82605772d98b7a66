package io.queryflux.core.internal.trino;

import io.queryflux.spi.HttpExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes Trino JSON responses. A response ready when its request arrives is written on the request's
 * thread; one that completes a parked poll is written on the response executor, so that neither a
 * producer nor the timer thread ever blocks on a slow client.
 */
final class PollResponder
{
    private static final Logger log = LoggerFactory.getLogger(PollResponder.class);

    private final ScheduledExecutorService scheduler;
    private final Executor executor;

    PollResponder(ScheduledExecutorService scheduler, Executor executor)
    {
        this.scheduler = scheduler;
        this.executor = executor;
    }

    Future<?> schedule(Runnable task, long delay, TimeUnit unit)
    {
        return scheduler.schedule(task, delay, unit);
    }

    /** Runs {@code task} on the response executor, off the calling (possibly locked) thread. */
    void execute(Runnable task)
    {
        executor.execute(task);
    }

    void respondNow(HttpExchange exchange, ResponseBody body)
    {
        send(exchange, 200, body);
    }

    void respondLater(PendingPoll poll, ResponseBody body)
    {
        if (poll.timeout != null) {
            poll.timeout.cancel(false);
        }
        try {
            executor.execute(() -> send(poll.exchange, 200, body));
        }
        catch (RejectedExecutionException e) {
            send(poll.exchange, 200, body);
        }
    }

    static void send(HttpExchange exchange, int status, ResponseBody body)
    {
        try {
            exchange.setStatus(status);
            exchange.setHeader("Content-Type", TrinoJson.CONTENT_TYPE);
            body.headers().forEach(header -> exchange.addHeader(header.getKey(), header.getValue()));
            exchange.setHeader("Content-Length", Integer.toString(body.length()));
            OutputStream out = exchange.responseBody();
            body.writeTo(out);
        }
        catch (IOException | RuntimeException e) {
            // The client went away; the query's own timeout takes care of it.
            log.debug("Could not write response", e);
        }
        finally {
            exchange.complete();
        }
    }
}
