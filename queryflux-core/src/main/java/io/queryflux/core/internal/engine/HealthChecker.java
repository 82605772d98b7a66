package io.queryflux.core.internal.engine;

import io.queryflux.spi.QueryFluxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Probes every cluster of a group in the background. An unhealthy cluster gets no new queries until
 * a probe passes again. Each tick also lets the group re-examine its queue, so that a breaker whose
 * backoff ran out gets its probe query.
 */
public final class HealthChecker
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(HealthChecker.class);

    private final ClusterGroup group;
    private final GroupSettings.HealthCheckSettings settings;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService probes;
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();

    public HealthChecker(ClusterGroup group, GroupSettings.HealthCheckSettings settings, ScheduledExecutorService scheduler, ExecutorService probes)
    {
        this.group = group;
        this.settings = settings;
        this.scheduler = scheduler;
        this.probes = probes;
    }

    public void start()
    {
        long interval = settings.interval().toMillis();
        for (Cluster cluster : group.clusters()) {
            if (settings.enabled()) {
                tasks.add(scheduler.scheduleWithFixedDelay(() -> probes.execute(() -> probe(cluster)), 0, interval, TimeUnit.MILLISECONDS));
            }
        }
        tasks.add(scheduler.scheduleWithFixedDelay(group::availabilityChanged, interval, interval, TimeUnit.MILLISECONDS));
    }

    /** Runs one probe of {@code cluster} now and applies its verdict. */
    public void probe(Cluster cluster)
    {
        String problem = null;
        Future<?> check = probes.submit(() -> cluster.backend().checkHealth(settings.timeout()));
        try {
            check.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException e) {
            check.cancel(true);
            problem = "no answer within " + settings.timeout().toMillis() + " ms";
        }
        catch (ExecutionException e) {
            problem = e.getCause() instanceof QueryFluxException failure ? failure.getMessage() : String.valueOf(e.getCause());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (cluster.health(problem == null, problem)) {
            if (problem == null) {
                log.info("Cluster {} of group {} is healthy again", cluster.name(), group.name());
            }
            else {
                log.warn("Cluster {} of group {} is unhealthy: {}", cluster.name(), group.name(), problem);
            }
            group.availabilityChanged();
        }
    }

    @Override
    public void close()
    {
        tasks.forEach(task -> task.cancel(false));
    }
}
