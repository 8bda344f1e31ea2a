package id.go.layanandesa.common;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Optional;

/** Every setting of the service; the README lists them with their defaults. */
@ConfigMapping(prefix = "layanan")
public interface LayananConfig {

    /** Folder for the embedded database, the generated signing key and the demo accounts file. */
    @WithName("data-dir")
    @WithDefault("data")
    String dataDir();

    /** Set by the launcher when it started the embedded PostgreSQL. */
    @WithDefault("false")
    boolean embedded();

    @WithName("embedded-db")
    EmbeddedDb embeddedDb();

    Demo demo();

    Auth auth();

    Idempotency idempotency();

    Queue queue();

    Tracking tracking();

    Http http();

    Sla sla();

    /** Service standards: the overdue check. */
    interface Sla {
        /** How often each instance looks for requests that passed their due date (a duration, or {@code off}). */
        @WithName("overdue-check")
        @WithDefault("1m")
        String overdueCheck();
    }

    /** The PostgreSQL the launcher starts when no datasource URL is configured. */
    interface EmbeddedDb {
        /** Its port on 127.0.0.1; 0 for a free one. */
        @WithDefault("0")
        int port();

        /** Attempts to start it again after it died, before the service reports itself not live. */
        @WithName("restart-attempts")
        @WithDefault("10")
        int restartAttempts();

        /** Pause before the first attempt; it doubles with each failed one, up to 30 s. */
        @WithName("restart-delay")
        @WithDefault("PT1S")
        Duration restartDelay();
    }

    interface Demo {
        /** Load the Luwu Timur demo kabupaten on start when it is absent. */
        @WithDefault("false")
        boolean enabled();
    }

    interface Auth {
        /** Lifetime of the access tokens that POST /api/v1/auth/login issues. */
        @WithName("token-lifetime")
        @WithDefault("PT8H")
        Duration tokenLifetime();

        /** Failed logins in a row that lock an account. */
        @WithName("max-failed-logins")
        @WithDefault("5")
        int maxFailedLogins();

        /** How long a locked account stays locked. */
        @WithName("lock-duration")
        @WithDefault("PT15M")
        Duration lockDuration();

        /** Issuer of the tokens this service signs. */
        @WithDefault("layanan-desa")
        String issuer();

        Claims claims();

        interface Claims {
            /** Claim carrying the kabupaten code (for tokens from an external identity provider too). */
            @WithDefault("kabupaten")
            String kabupaten();

            /** Claim carrying the desa code of a desa officer. */
            @WithDefault("desa")
            String desa();

            /** Claim carrying the OPD id of an OPD officer. */
            @WithDefault("opd")
            String opd();

            /** Claim carrying the account id; the subject when absent. */
            @WithName("account-id")
            @WithDefault("account")
            String accountId();
        }
    }

    interface Idempotency {
        /** How long a response is kept for replay under its Idempotency-Key. */
        @WithDefault("PT24H")
        Duration retention();
    }

    interface Queue {
        /** Lease of a claim when the call names none. */
        @WithName("default-lease")
        @WithDefault("PT5M")
        Duration defaultLease();

        @WithName("min-lease")
        @WithDefault("PT10S")
        Duration minLease();

        @WithName("max-lease")
        @WithDefault("PT1H")
        Duration maxLease();

        /** Longest a claim call may wait for work. */
        @WithName("max-wait")
        @WithDefault("PT30S")
        Duration maxWait();

        /** Deliveries after which an unfinished request is flagged for a person instead of delivered again. */
        @WithName("max-deliveries")
        @WithDefault("5")
        int maxDeliveries();

        /** Forwards after which a request goes to triage instead. */
        @WithName("max-forwards")
        @WithDefault("3")
        int maxForwards();
    }

    interface Tracking {
        /** Public tracking look-ups allowed per client address per minute. */
        @WithName("requests-per-minute")
        @WithDefault("30")
        int requestsPerMinute();

        /** Header that carries the client address when behind a trusted proxy (e.g. X-Forwarded-For). */
        @WithName("client-address-header")
        Optional<String> clientAddressHeader();
    }

    /**
     * Limits of the HTTP layer, checked before a body is read: an oversized body is refused on its declared
     * length, and a body without one (chunked) is counted as it arrives and may never exceed the general limit.
     */
    interface Http {
        /** Largest body of any operation not named below (one filing, a catalog entry, an action). */
        @WithName("max-body")
        @WithDefault("256K")
        MemorySize maxBody();

        /** Largest body of POST /api/v1/auth/login, which anyone may call. */
        @WithName("max-login-body")
        @WithDefault("4K")
        MemorySize maxLoginBody();

        /** Largest body of POST /api/v1/requests/batch: room for 100 filings with long answers. */
        @WithName("max-batch-body")
        @WithDefault("4M")
        MemorySize maxBatchBody();

        /** Largest body of POST /api/v1/regions/import: the national region list is about 2.5 MB. */
        @WithName("max-import-body")
        @WithDefault("16M")
        MemorySize maxImportBody();

        /** Longest request target (path and query); longer ones are refused with 414. */
        @WithName("max-uri-length")
        @WithDefault("4096")
        int maxUriLength();

        /** Largest total size of the request's headers; larger ones are refused with 431. */
        @WithName("max-header-size")
        @WithDefault("20K")
        MemorySize maxHeaderSize();
    }
}
