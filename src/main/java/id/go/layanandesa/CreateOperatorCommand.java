package id.go.layanandesa;

import id.go.layanandesa.account.Operators;
import id.go.layanandesa.account.Usernames;
import id.go.layanandesa.common.DataFolderLock;
import id.go.layanandesa.common.EmbeddedDatabase;
import id.go.layanandesa.common.EmbeddedLogins;
import id.go.layanandesa.common.LayananConfig;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.smallrye.config.SmallRyeConfig;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code create-operator <username> [--force]}: the first account of an installation, made from the shell. It works
 * on the database the service is configured with: an external PostgreSQL, or the embedded one in the data folder,
 * started for the command or, while the service runs, the running one. It creates the schema when the database is
 * empty, prints a random one-time password once (the account must set its own at its first login) and refuses, with one
 * line and exit code 3, while an operator exists, unless forced. Forced, it adds another operator, or gives an existing
 * operator of that name a new one-time password (a lost operator password).
 */
public final class CreateOperatorCommand {

    public static final String NAME = "create-operator";
    static final int USAGE = 2;
    static final int REFUSED = 3;

    private static DataFolderLock lock;
    private static EmbeddedDatabase embedded;

    private CreateOperatorCommand() {
    }

    /** Whether the arguments name this command. */
    public static boolean named(String... args) {
        return args.length > 0 && NAME.equals(args[0]);
    }

    /** Runs the command and ends the process with its exit code. */
    public static void run(SmallRyeConfig config, LayananConfig layanan, Path dataDir, String... args) {
        String username = null;
        boolean force = false;
        for (int i = 1; i < args.length; i++) {
            if ("--force".equals(args[i])) {
                force = true;
            } else if (username == null && !args[i].startsWith("-")) {
                username = Usernames.normalised(args[i]);
            } else {
                username = null;
                force = false;
                break;
            }
        }
        if (username == null) {
            fail(USAGE, "usage: create-operator <username> [--force]");
        }
        if (!Usernames.wellFormed(username) || Usernames.hasKabupatenPrefix(username)) {
            fail(USAGE, "the username must be 3 to 60 letters, digits, dots, dashes or underscores, starting with a letter or "
                    + "digit, and may not start like a kabupaten's usernames (four digits and a dot)");
        }
        Optional<String> url = config.getOptionalValue("quarkus.datasource.jdbc.url", String.class);
        if (url.isPresent()) {
            Main.checkExternalDatabase(config, url.get());
        } else {
            useEmbedded(layanan, dataDir);
        }
        Main.ensureSigningKeys(config, dataDir);
        // a command, not a service: no listening sockets, no demo data, no scheduled work, only its own lines on the console
        System.setProperty("quarkus.http.host-enabled", "false");
        System.setProperty("quarkus.management.host-enabled", "false");
        System.setProperty("quarkus.http.port", Integer.toString(freePort()));
        System.setProperty("quarkus.management.port", Integer.toString(freePort()));
        System.setProperty("layanan.demo.enabled", "false");
        System.setProperty("quarkus.scheduler.enabled", "false");
        System.setProperty("quarkus.log.console.level", "WARN");
        // handed over in this JVM, not as configuration: a layanan.* key nothing maps would fail the configuration's validation
        Command.username = username;
        Command.force = force;
        Quarkus.run(Command.class, args);
    }

    /** Runs inside the started service, with its database and migrations. */
    public static class Command implements QuarkusApplication {
        static volatile String username;
        static volatile boolean force;

        @Inject
        Operators operators;

        @Override
        public int run(String... args) {
            Operators.Result result = operators.create(username, force);
            PrintStream out = System.out;
            switch (result.outcome()) {
                case OPERATOR_EXISTS -> {
                    System.err.println("ERROR an operator account exists already (" + String.join(", ", result.existing())
                            + "); run create-operator " + username + " --force to add another, or to give an existing one a new "
                            + "one-time password");
                    return REFUSED;
                }
                case USERNAME_OF_ANOTHER_ROLE -> {
                    System.err.println("ERROR the username " + username + " belongs to an account of a kabupaten; choose another");
                    return REFUSED;
                }
                default -> {
                    // straight to the console, not through the log: the password must not reach a log store
                    out.println((result.outcome() == Operators.Outcome.CREATED ? "Operator account " + username + " created."
                            : "Operator account " + username + " has a new one-time password; its sessions have ended."));
                    out.println("One-time password (shown only now): " + result.oneTimePassword());
                    out.println("Log in with it (POST /api/v1/auth/login) and set your own password (POST /api/v1/me/password);");
                    out.println("until then the account can do nothing else.");
                    return 0;
                }
            }
        }
    }

    /**
     * The embedded PostgreSQL of the data folder: started for the command when no service runs on the folder, else the
     * running service's own, reached with the passwords kept in the folder.
     */
    private static void useEmbedded(LayananConfig layanan, Path dataDir) {
        Path pg = dataDir.resolve("pg");
        try {
            lock = DataFolderLock.acquire(dataDir);
        } catch (DataFolderLock.InUseException e) {
            connectToRunning(pg);
            return;
        } catch (IOException | RuntimeException e) {
            fail(1, "cannot use the data folder " + dataDir + ": " + Main.rootMessage(e));
        }
        try {
            embedded = EmbeddedDatabase.start(pg, layanan.embeddedDb().port(), true);
        } catch (IOException | RuntimeException e) {
            fail(1, "cannot start the embedded PostgreSQL in " + dataDir + ": " + Main.rootMessage(e));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(CreateOperatorCommand::stopEmbedded, "embedded-postgres-stop"));
        use(embedded.jdbcUrl(), embedded.username(), embedded.password());
        System.setProperty("layanan.embedded", "true");
        System.setProperty("layanan.data-dir", dataDir.toString());
    }

    private static void connectToRunning(Path pg) {
        try {
            List<String> pid = Files.readAllLines(pg.resolve("postmaster.pid"));
            int port = Integer.parseInt(pid.get(3).strip());
            EmbeddedLogins logins = EmbeddedLogins.read(EmbeddedDatabase.credentialsFile(pg));
            use("jdbc:postgresql://127.0.0.1:" + port + "/" + EmbeddedDatabase.DATABASE, EmbeddedDatabase.SERVICE_ROLE,
                    logins.servicePassword());
        } catch (IOException | RuntimeException e) {
            fail(1, "a service runs on this data folder, but its PostgreSQL cannot be reached: " + Main.rootMessage(e));
        }
    }

    private static void use(String url, String user, String password) {
        System.setProperty("quarkus.datasource.jdbc.url", url);
        System.setProperty("quarkus.datasource.username", user);
        System.setProperty("quarkus.datasource.password", password);
    }

    private static void stopEmbedded() {
        Main.awaitApplicationStopped("command");
        try {
            embedded.close();
            lock.close();
        } catch (IOException | RuntimeException e) {
            System.err.println("ERROR stopping the embedded PostgreSQL: " + Main.rootMessage(e));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void fail(int code, String message) {
        System.err.println("ERROR " + message);
        System.exit(code);
    }
}
