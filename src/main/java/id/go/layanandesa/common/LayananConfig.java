package id.go.layanandesa.common;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.List;
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

    /**
     * Stop again as soon as the service is ready and has answered its first calls: the short start that
     * {@code run.sh} records for the JDK's AOT cache.
     */
    @WithName("exit-when-ready")
    @WithDefault("false")
    boolean exitWhenReady();

    Demo demo();

    Auth auth();

    Idempotency idempotency();

    Queue queue();

    Tracking tracking();

    Webhooks webhooks();

    Http http();

    Audit audit();

    Retention retention();

    Sla sla();

    /** Service standards: the overdue check. */
    interface Sla {
        /** How often each instance looks for requests that passed their due date (a duration, or {@code off}). */
        @WithName("overdue-check")
        @WithDefault("1m")
        String overdueCheck();
    }

    Documents documents();

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

        /**
         * How long an instance trusts what it read about a session without reading it again. Ending a session
         * tells every instance at once; this only bounds how long a missed notice could go unnoticed.
         */
        @WithName("session-cache")
        @WithDefault("PT30S")
        Duration sessionCache();

        Throttle throttle();

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

        /** What keeps password guessing and password-check floods in bounds (per instance). */
        interface Throttle {
            /** Failed logins in a row for one username from one client address before each further one must wait. */
            @WithName("failures-before-delay")
            @WithDefault("5")
            int failuresBeforeDelay();

            /** The longest wait; waits start at one second and double with every further failure. */
            @WithName("max-delay")
            @WithDefault("PT15M")
            Duration maxDelay();

            /** Failed logins one client address may make, over all usernames, per address-window. */
            @WithName("address-failures")
            @WithDefault("20")
            int addressFailures();

            @WithName("address-window")
            @WithDefault("PT10M")
            Duration addressWindow();

            /** Failed logins one username may receive, from addresses it never logged in from, per username-window. */
            @WithName("username-failures")
            @WithDefault("50")
            int usernameFailures();

            @WithName("username-window")
            @WithDefault("PT1H")
            Duration usernameWindow();

            /** Password checks (bcrypt) that may run at once; 0 means half the processors, at least one. */
            @WithName("password-checks")
            @WithDefault("0")
            int passwordChecks();

            /** How long a login may wait for a free password check before it is answered 503. */
            @WithName("password-check-wait")
            @WithDefault("PT2S")
            Duration passwordCheckWait();
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
    }

    interface Webhooks {
        /** Whether this instance sends webhooks; the subscriptions API works either way. */
        @WithDefault("true")
        boolean dispatch();

        /** Longest one delivery attempt may take, from connecting to the end of the answer. */
        @WithDefault("PT10S")
        Duration timeout();

        /** Attempts in flight at once on this instance, over all subscriptions. */
        @WithName("max-in-flight")
        @WithDefault("128")
        int maxInFlight();

        /** Attempts in flight at once on this instance to one subscription (also its connections to the receiver). */
        @WithName("max-in-flight-per-subscription")
        @WithDefault("32")
        int maxInFlightPerSubscription();

        /** Wait before the first retry; it doubles with each failure (with jitter), up to max-delay. */
        @WithName("initial-delay")
        @WithDefault("PT5S")
        Duration initialDelay();

        @WithName("max-delay")
        @WithDefault("PT1H")
        Duration maxDelay();

        /** How long a delivery is retried, from its first attempt, before it is given up and its subscription failing. */
        @WithName("give-up-after")
        @WithDefault("PT24H")
        Duration giveUpAfter();

        /** How long a replaced secret still signs after a rotation. */
        @WithName("secret-overlap")
        @WithDefault("PT24H")
        Duration secretOverlap();

        /** How long finished deliveries (with the bodies sent) are kept for the delivery log and redelivery. */
        @WithDefault("P7D")
        Duration retention();

        /** The dispatcher looks for due work at least this often, besides being woken by every change. */
        @WithName("poll-interval")
        @WithDefault("PT5S")
        Duration pollInterval();

        /**
         * Networks (CIDR) that deliveries may reach although they are loopback, link-local or private, e.g.
         * {@code 10.20.0.0/16} for a gateway inside the kabupaten's network.
         */
        @WithName("allowed-networks")
        Optional<List<String>> allowedNetworks();

        /** Allow plain http:// endpoints (development and tests only). */
        @WithName("allow-http")
        @WithDefault("false")
        boolean allowHttp();
    }

    /** Where callers come from: see {@link ClientAddress}. */
    interface Http {
        /**
         * Addresses or CIDR ranges of the reverse proxies in front of the service. Only a request from one of them
         * has its client address taken from {@link #clientAddressHeader()}; with none, the header is ignored.
         */
        @WithName("trusted-proxies")
        Optional<List<String>> trustedProxies();

        /** That many proxies in front of the service are trusted whatever their addresses (e.g. a cloud load balancer). */
        @WithName("trusted-proxy-hops")
        @WithDefault("0")
        int trustedProxyHops();

        /** The header in which trusted proxies append the address they received the request from. */
        @WithName("client-address-header")
        @WithDefault("X-Forwarded-For")
        String clientAddressHeader();

        // Limits of the HTTP layer, checked before a body is read: an oversized body is refused on its declared
        // length, and a body without one (chunked) is counted as it arrives and may never exceed the general limit.

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

        /** Largest configuration document (POST /api/v1/kabupaten, PUT /api/v1/kabupaten/{code}/configuration). */
        @WithName("max-configuration-body")
        @WithDefault("4M")
        MemorySize maxConfigurationBody();

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

    /** The audit trail (see audit.AuditTrail). */
    interface Audit {
        /**
         * Record reads of citizens' personal data (a request's detail, lists, claims). UU PDP asks to know who read
         * what; turning it off is only for measuring what recording costs.
         */
        @WithName("record-reads")
        @WithDefault("true")
        boolean recordReads();

        /** How long a recorded read may wait in memory before it is written, in a batch with the others. */
        @WithName("read-flush-interval")
        @WithDefault("PT0.2S")
        Duration readFlushInterval();

        /** Reads waiting to be written at most; when full, a read waits for room (up to 2 s) or answers 503. */
        @WithName("read-buffer")
        @WithDefault("10000")
        int readBuffer();
    }

    /** How long citizens' personal data is kept (see retention.RetentionJob). */
    interface Retention {
        /** The period after a request finished when its personal data goes, for a kabupaten that set none. */
        @WithName("default-period")
        @WithDefault("P5Y")
        java.time.Period defaultPeriod();

        /** When the daily job runs (Quartz cron, in Asia/Jakarta time). */
        @WithDefault("0 15 1 * * ?")
        String cron();

        /** Requests purged in one transaction. */
        @WithName("batch-size")
        @WithDefault("200")
        int batchSize();
    }

    /** Files of requests: scans the desa attaches, the OPD's result documents, receipts. See document/. */
    interface Documents {
        /** Largest file one upload may carry (a scan, a photo, a result document). */
        @WithName("max-file-size")
        @WithDefault("5M")
        MemorySize maxFileSize();

        /** Files (attachments and the result document) one request may hold. */
        @WithName("max-files-per-request")
        @WithDefault("20")
        int maxFilesPerRequest();

        /** Where files are kept: {@code file} (the data folder) or {@code s3} (any S3-compatible object store). */
        @WithDefault("file")
        String storage();

        /** Folder of the files with {@code storage=file}; {@code <data-dir>/documents} when not set. */
        Optional<String> dir();

        /** How long a file without a row is left alone before it is swept (an upload may still be committing it). */
        @WithName("sweep-grace")
        @WithDefault("PT1H")
        Duration sweepGrace();

        /** How often files without a row are looked for. */
        @WithName("sweep-every")
        @WithDefault("PT1H")
        Duration sweepEvery();

        /** How long after start files without a row are first looked for. */
        @WithName("sweep-delay")
        @WithDefault("PT30S")
        Duration sweepDelay();

        /** How long an unfinished resumable upload is kept after its last byte arrived. */
        @WithName("upload-expiry")
        @WithDefault("PT24H")
        Duration uploadExpiry();

        /** The address citizens reach the web client at, printed on receipts and in their QR codes. */
        @WithName("public-base-url")
        @WithDefault("http://localhost:8080")
        String publicBaseUrl();

        S3 s3();

        /** An S3-compatible object store (AWS S3, MinIO, Ceph, a cloud provider's): used with {@code storage=s3}. */
        interface S3 {
            /** Its endpoint, e.g. {@code https://s3.ap-southeast-3.amazonaws.com} or {@code http://minio:9000}; AWS's when not set. */
            Optional<String> endpoint();

            @WithDefault("ap-southeast-3")
            String region();

            @WithDefault("layanan-desa")
            String bucket();

            /** Prepended to every object key, to share a bucket. */
            Optional<String> prefix();

            /** Path-style addressing ({@code endpoint/bucket/key}), which most self-hosted stores need. */
            @WithName("path-style")
            @WithDefault("true")
            boolean pathStyle();

            /** Credentials; without them the SDK's default chain (environment, profile, instance role) is used. */
            @WithName("access-key")
            Optional<String> accessKey();

            @WithName("secret-key")
            Optional<String> secretKey();
        }
    }
}
