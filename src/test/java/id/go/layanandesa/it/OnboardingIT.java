package id.go.layanandesa.it;

import com.fasterxml.jackson.databind.JsonNode;
import id.go.layanandesa.common.EmbeddedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A real kabupaten goes into service, as its Diskominfo would do it, from an empty PostgreSQL the service is only given
 * the address of (no demo data): the first operator from the shell, the region list, two kabupaten onboarded from their
 * configuration documents (Luwu Timur from the demo document the project ships, Luwu Utara from its own), their admins,
 * their officers from a CSV, a filing at a desa of each worked by an OPD of each. Then the round trip: each kabupaten's
 * exported document applied to a second, fresh installation exports there as the same document.
 */
class OnboardingIT {

    static final Pattern ONE_TIME = Pattern.compile("One-time password \\(shown only now\\): (\\S+)");
    static EmbeddedDatabase first;
    static EmbeddedDatabase second;

    @BeforeAll
    static void startEmptyDatabases() throws Exception {
        first = EmbeddedDatabase.start(Files.createTempDirectory("layanan-onboarding-db1").resolve("pg"), 0, false);
        second = EmbeddedDatabase.start(Files.createTempDirectory("layanan-onboarding-db2").resolve("pg"), 0, false);
    }

    @AfterAll
    static void stopDatabases() throws Exception {
        Started.stopAll(first, second);
    }

    /**
     * An installation on an external-style database: only its address and the users and passwords are configured, the
     * schema's owner for the migrations and a role that reads and writes rows for the service, as README advises.
     */
    record Installation(Path work, Map<String, String> env, Map<String, String> properties) {
        static Installation on(EmbeddedDatabase db, String name) throws Exception {
            Path work = Files.createTempDirectory("layanan-onboarding-" + name);
            return new Installation(work, Map.of("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl(), "QUARKUS_DATASOURCE_USERNAME", db.username(),
                    "QUARKUS_DATASOURCE_PASSWORD", db.password(), "QUARKUS_FLYWAY_USERNAME", db.ownerUsername(),
                    "QUARKUS_FLYWAY_PASSWORD", db.ownerPassword()), Map.of("layanan.data-dir", work.resolve("data").toString()));
        }

        ServiceProcess.CommandRun createOperator(String... args) throws Exception {
            String[] all = new String[args.length + 1];
            all[0] = "create-operator";
            System.arraycopy(args, 0, all, 1, args.length);
            return ServiceProcess.command(properties, env, work, all);
        }

        ServiceProcess start() throws Exception {
            return ServiceProcess.start(work.getFileName().toString(), properties, env, work);
        }
    }

    static String oneTimePassword(ServiceProcess.CommandRun run) {
        Matcher m = ONE_TIME.matcher(run.output());
        assertTrue(m.find(), run.output());
        return m.group(1);
    }

    static String login(ServiceProcess s, String username, String password) throws Exception {
        Http.Reply r = Http.post(s.url("/api/v1/auth/login"), null, Map.of("username", username, "password", password));
        assertEquals(200, r.status(), String.valueOf(r.body()));
        return r.body().get("accessToken").asText();
    }

    /** The first login of an account whose password someone else set: it sets its own, and the token then works. */
    static String firstLogin(ServiceProcess s, String username, String oneTime, String own) throws Exception {
        String token = login(s, username, oneTime);
        Http.Reply me = Http.get(s.url("/api/v1/me"), token);
        assertTrue(me.body().get("passwordChangeRequired").asBoolean(), String.valueOf(me.body()));
        Http.Reply change = Http.post(s.url("/api/v1/me/password"), token, Map.of("currentPassword", oneTime, "newPassword", own));
        assertEquals(204, change.status(), String.valueOf(change.body()));
        return token;
    }

    static Http.Reply csv(ServiceProcess s, String path, String token, String body) throws Exception {
        return Http.send("POST", s.url(path), token, "text/csv", body, Map.of());
    }

    static Http.Reply document(ServiceProcess s, String method, String path, String token, String json) throws Exception {
        return Http.send(method, s.url(path), token, "application/json", json, Map.of());
    }

    static String regions() throws Exception {
        return Files.readString(Path.of("src/main/resources/demo/wilayah-73.24.csv"))
                + "73.22,Kabupaten Luwu Utara\n73.22.01,Malangke\n73.22.01.2001,Pattimang\n";
    }

    @Test
    void twoKabupatenGoIntoServiceFromAnEmptyDatabaseAndTheirDocumentsMoveToAnotherInstallation() throws Exception {
        Installation one = Installation.on(first, "one");
        ServiceProcess.CommandRun created = one.createOperator("diskominfo");
        assertEquals(0, created.exitCode(), created.output());
        assertTrue(created.output().contains("Operator account diskominfo created."), created.output());
        assertFalse(created.output().contains("\tat "), "no stack trace:\n" + created.output());
        String oneTime = oneTimePassword(created);
        ServiceProcess.CommandRun refused = one.createOperator("kedua");
        assertEquals(3, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains("ERROR an operator account exists already (diskominfo)"), refused.output());
        assertNotEquals(0, one.createOperator().exitCode(), "no username: usage");

        Map<String, JsonNode> exported = new HashMap<>();
        try (ServiceProcess service = one.start()) {
            assertFalse(service.output().contains("Demo accounts"), "no demo data on an external database");
            String operator = login(service, "diskominfo", oneTime);
            assertEquals(403, Http.get(service.url("/api/v1/kabupaten"), operator).status(), "nothing before its own password");
            assertEquals(204, Http.post(service.url("/api/v1/me/password"), operator,
                    Map.of("currentPassword", oneTime, "newPassword", "Diskominfo2026kab")).status());
            assertEquals(0, Http.get(service.url("/api/v1/kabupaten"), operator).body().get("items").size());
            Http.Reply imported = csv(service, "/api/v1/regions/import", operator, regions());
            assertEquals(200, imported.status(), String.valueOf(imported.body()));
            assertEquals(0, imported.body().get("rejected").size(), String.valueOf(imported.body()));

            String luwuTimur = Files.readString(Path.of("src/main/resources/kabupaten/73.24.json"));
            String luwuUtara = Files.readString(Path.of("src/test/resources/kabupaten/73.22.json"));
            for (String doc : List.of(luwuTimur, luwuUtara)) {
                Http.Reply onboarded = document(service, "POST", "/api/v1/kabupaten", operator, doc);
                assertEquals(201, onboarded.status(), String.valueOf(onboarded.body()));
            }

            Map<String, String> filed = new HashMap<>();
            for (String[] k : new String[][]{
                    {"73.24", "7324", "73.24.04.2001", "AKTA_KELAHIRAN", "DISDUKCAPIL"},
                    {"73.22", "7322", "73.22.01.2001", "KTP_BARU", "DISDUKCAPIL"}}) {
                Http.Reply admin = Http.post(service.url("/api/v1/kabupaten/" + k[0] + "/admins"), operator,
                        Map.of("username", "admin", "displayName", "Admin Bagian Organisasi " + k[0]));
                assertEquals(201, admin.status(), String.valueOf(admin.body()));
                assertEquals(k[1] + ".admin", admin.body().get("account").get("username").asText());
                String adminToken = firstLogin(service, k[1] + ".admin", admin.body().get("oneTimePassword").asText(), "Admin2026" + k[1]);

                Http.Reply accounts = csv(service, "/api/v1/accounts/import", adminToken,
                        "username,displayName,role,desa,opd\n"
                                + "desa.pertama,Operator Desa Pertama,DESA_OFFICER," + k[2] + ",\n"
                                + "opd.dukcapil,Petugas Disdukcapil,OPD_OFFICER,," + k[4] + "\n");
                assertEquals(200, accounts.status(), String.valueOf(accounts.body()));
                assertEquals(2, accounts.body().get("created").asInt(), String.valueOf(accounts.body()));
                String desaSecret = accounts.body().get("lines").get(0).get("activationSecret").asText();
                String opdSecret = accounts.body().get("lines").get(1).get("activationSecret").asText();
                Http.Reply again = csv(service, "/api/v1/accounts/import", adminToken,
                        "username,displayName,role,desa,opd\ndesa.pertama,Operator Desa Pertama,DESA_OFFICER," + k[2] + ",\n");
                assertEquals(1, again.body().get("unchanged").asInt(), "the same line again creates nothing");

                String desa = firstLogin(service, k[1] + ".desa.pertama", desaSecret, "Desa2026" + k[1]);
                long service1 = serviceId(service, desa, k[3]);
                Map<String, Object> filing = new HashMap<>(Map.of("serviceTypeId", service1,
                        "citizen", Map.of("nik", "7324044107900001", "name", "Siti Rahmawati")));
                if (k[3].equals("AKTA_KELAHIRAN")) {
                    filing.put("answers", Map.of("nama_bayi", "Aminah", "tanggal_lahir", "2026-01-20", "jenis_kelamin", "PEREMPUAN",
                            "anak_ke", 1, "tempat_lahir", "Malili"));
                    filing.put("documents", List.of(Map.of("code", "SPTJM_KELAHIRAN", "provision", "ON_PAPER"),
                            Map.of("code", "KK", "provision", "ON_PAPER")));
                } else {
                    filing.put("answers", Map.of("nama_lengkap", "Siti Rahmawati"));
                    filing.put("documents", List.of(Map.of("code", "KK", "provision", "ON_PAPER")));
                }
                Http.Reply receipt = Http.post(service.url("/api/v1/requests"), desa, filing);
                assertEquals(201, receipt.status(), String.valueOf(receipt.body()));
                assertEquals(k[4], receipt.body().get("opd").get("code").asText());
                long requestId = receipt.body().get("id").asLong();

                String opd = firstLogin(service, k[1] + ".opd.dukcapil", opdSecret, "Opd2026" + k[1]);
                Http.Reply queue = Http.get(service.url("/api/v1/queue"), opd);
                assertEquals(200, queue.status(), String.valueOf(queue.body()));
                assertEquals(requestId, queue.body().get("items").get(0).get("id").asLong());
                Http.Reply accepted = Http.post(service.url("/api/v1/queue/requests/" + requestId + "/accept"), opd, Map.of(),
                        Map.of("If-Match", "\"" + receipt.body().get("version").asInt() + "\""));
                assertEquals(200, accepted.status(), String.valueOf(accepted.body()));
                Http.Reply completed = Http.post(service.url("/api/v1/queue/requests/" + requestId + "/complete"), opd,
                        Map.of("resultNote", "Selesai, dapat diambil di kantor desa"),
                        Map.of("If-Match", accepted.raw().headers().firstValue("ETag").orElseThrow()));
                assertEquals(200, completed.status(), String.valueOf(completed.body()));
                assertEquals("COMPLETED", completed.body().get("status").asText());
                filed.put(k[0], adminToken);
            }
            // each admin configures only their own kabupaten
            assertEquals(404, Http.get(service.url("/api/v1/kabupaten/73.24/configuration"), filed.get("73.22")).status());
            for (String k : List.of("73.24", "73.22")) {
                Http.Reply export = Http.get(service.url("/api/v1/kabupaten/" + k + "/configuration"), filed.get(k));
                assertEquals(200, export.status());
                exported.put(k, export.body());
            }
            assertEquals(Http.JSON.readTree(luwuTimur), exported.get("73.24"), "the demo document is what an export gives");
            assertEquals(Http.JSON.readTree(luwuUtara), exported.get("73.22"));
        }

        // the round trip: exported here, applied to a fresh installation, exported there
        Installation two = Installation.on(second, "two");
        ServiceProcess.CommandRun operatorTwo = two.createOperator("operator.provinsi");
        assertEquals(0, operatorTwo.exitCode(), operatorTwo.output());
        try (ServiceProcess service = two.start()) {
            String oneTimeTwo = oneTimePassword(operatorTwo);
            String operator = firstLogin(service, "operator.provinsi", oneTimeTwo, "Provinsi2026sulsel");
            assertEquals(200, csv(service, "/api/v1/regions/import", operator, regions()).status());
            for (String k : List.of("73.24", "73.22")) {
                Http.Reply plan = document(service, "POST", "/api/v1/kabupaten", operator, Http.JSON.writeValueAsString(exported.get(k)));
                assertEquals(201, plan.status(), String.valueOf(plan.body()));
                Http.Reply again = Http.get(service.url("/api/v1/kabupaten/" + k + "/configuration"), operator);
                assertEquals(exported.get(k), again.body(), "export, apply to a fresh installation, export: the same document");
                Http.Reply unchanged = document(service, "PUT", "/api/v1/kabupaten/" + k + "/configuration", operator,
                        Http.JSON.writeValueAsString(again.body()));
                assertEquals(0, unchanged.body().get("summary").get("added").asInt() + unchanged.body().get("summary").get("changed").asInt()
                        + unchanged.body().get("summary").get("removed").asInt(), String.valueOf(unchanged.body()));
            }
        }

        // the command refuses a second first operator on the fresh installation too, and --force replaces a lost password
        ServiceProcess.CommandRun forced = two.createOperator("operator.provinsi", "--force");
        assertEquals(0, forced.exitCode(), forced.output());
        assertTrue(forced.output().contains("has a new one-time password"), forced.output());
    }

    static long serviceId(ServiceProcess s, String token, String code) throws Exception {
        for (JsonNode t : Http.get(s.url("/api/v1/service-types"), token).body()) {
            if (t.get("code").asText().equals(code)) {
                return t.get("id").asLong();
            }
        }
        throw new AssertionError("no service " + code);
    }
}
