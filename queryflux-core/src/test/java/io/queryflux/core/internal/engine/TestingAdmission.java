package io.queryflux.core.internal.engine;

import io.queryflux.spi.QueryFluxException;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records how one admission ended: the slot it was granted or the error it was rejected with.
 */
final class TestingAdmission
        implements AdmissionListener
{
    private final AtomicReference<Slot> slot = new AtomicReference<>();
    private final AtomicReference<QueryFluxException> error = new AtomicReference<>();

    /** Admits a query and, when the group grants it at once, returns with the slot granted. */
    static TestingAdmission admit(ClusterGroup group, String queryId)
    {
        TestingAdmission admission = new TestingAdmission();
        group.admit(queryId, admission);
        return admission;
    }

    @Override
    public void granted(Slot granted)
    {
        assertThat(error.get()).as("granted after being rejected").isNull();
        assertThat(slot.compareAndSet(null, granted)).as("granted twice").isTrue();
    }

    @Override
    public void rejected(QueryFluxException rejection)
    {
        assertThat(slot.get()).as("rejected after being granted").isNull();
        assertThat(error.compareAndSet(null, rejection)).as("rejected twice").isTrue();
    }

    boolean isGranted()
    {
        return slot.get() != null;
    }

    boolean isRejected()
    {
        return error.get() != null;
    }

    boolean isWaiting()
    {
        return !isGranted() && !isRejected();
    }

    Slot slot()
    {
        Slot granted = slot.get();
        assertThat(granted).as("slot").isNotNull();
        return granted;
    }

    /** The granted cluster's name. */
    String cluster()
    {
        return slot().cluster().name();
    }

    QueryFluxException error()
    {
        QueryFluxException rejection = error.get();
        assertThat(rejection).as("rejection").isNotNull();
        return rejection;
    }
}
