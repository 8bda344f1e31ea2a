package id.go.layanandesa.retention;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands for what removes attached files: hears every purge once it committed. */
@ApplicationScoped
public class PurgeObserver {

    private final List<Long> heard = new CopyOnWriteArrayList<>();

    void purged(@Observes(during = TransactionPhase.AFTER_SUCCESS) PersonalDataPurged event) {
        heard.addAll(event.requestIds());
    }

    /** The requests of every purge heard so far (a method: the injected client proxy has no state of its own). */
    List<Long> heard() {
        return List.copyOf(heard);
    }
}
