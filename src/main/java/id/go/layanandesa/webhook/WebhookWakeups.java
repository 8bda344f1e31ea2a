package id.go.layanandesa.webhook;

import id.go.layanandesa.common.DatabaseNotifications;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Wakes this instance's dispatcher when any instance commits a change that queued deliveries, heard on the
 * instance's one notification connection. When that connection is made again the dispatcher wakes once, so that
 * nothing committed while it was away waits for the poll.
 */
@ApplicationScoped
public class WebhookWakeups implements DatabaseNotifications.Subscriber {

    @Inject
    WebhookDispatcher dispatcher;

    @Override
    public String channel() {
        return WebhookOutbox.CHANNEL;
    }

    @Override
    public void notified(String payload) {
        dispatcher.wake();
    }

    @Override
    public void resumed() {
        dispatcher.wake();
    }
}
