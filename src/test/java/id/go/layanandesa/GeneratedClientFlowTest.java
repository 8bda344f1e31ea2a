package id.go.layanandesa;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import id.go.layanandesa.client.ApiClient;
import id.go.layanandesa.client.api.AccountsApi;
import id.go.layanandesa.client.api.AuthApi;
import id.go.layanandesa.client.api.CatalogApi;
import id.go.layanandesa.client.api.OpdsApi;
import id.go.layanandesa.client.api.QueueApi;
import id.go.layanandesa.client.api.RequestsApi;
import id.go.layanandesa.client.api.RoutingApi;
import id.go.layanandesa.client.api.TrackingApi;
import id.go.layanandesa.client.model.AcceptBody;
import id.go.layanandesa.client.model.Account;
import id.go.layanandesa.client.model.BatchFilingItem;
import id.go.layanandesa.client.model.BatchFilingItemResult;
import id.go.layanandesa.client.model.BatchFilingRequest;
import id.go.layanandesa.client.model.BatchFilingResult;
import id.go.layanandesa.client.model.Citizen;
import id.go.layanandesa.client.model.Claim;
import id.go.layanandesa.client.model.ClaimBody;
import id.go.layanandesa.client.model.CompleteBody;
import id.go.layanandesa.client.model.DocumentDeclaration;
import id.go.layanandesa.client.model.DocumentDefinitionInput;
import id.go.layanandesa.client.model.FieldDefinitionInput;
import id.go.layanandesa.client.model.FieldType;
import id.go.layanandesa.client.model.FilingReceipt;
import id.go.layanandesa.client.model.FilingRequest;
import id.go.layanandesa.client.model.LoginRequest;
import id.go.layanandesa.client.model.OwnPasswordChange;
import id.go.layanandesa.client.model.LoginResponse;
import id.go.layanandesa.client.model.Me;
import id.go.layanandesa.client.model.NewAccountRequest;
import id.go.layanandesa.client.model.NewApiKey;
import id.go.layanandesa.client.model.NewApiKeyRequest;
import id.go.layanandesa.client.model.Opd;
import id.go.layanandesa.client.model.OpdCreate;
import id.go.layanandesa.client.model.OpdKind;
import id.go.layanandesa.client.model.Provision;
import id.go.layanandesa.client.model.ReleaseBody;
import id.go.layanandesa.client.model.RequestDetail;
import id.go.layanandesa.client.model.RequestPage;
import id.go.layanandesa.client.model.RequestStatus;
import id.go.layanandesa.client.model.RequestSummary;
import id.go.layanandesa.client.model.Role;
import id.go.layanandesa.client.model.RoutingRule;
import id.go.layanandesa.client.model.RoutingRuleCreate;
import id.go.layanandesa.client.model.ServiceType;
import id.go.layanandesa.client.model.ServiceTypeCreate;
import id.go.layanandesa.client.model.TrackingStep;
import id.go.layanandesa.client.model.TrackingView;
import id.go.layanandesa.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What an integrator does with the spec: generate a client (here the Java one the build makes from
 * docs/openapi.json) and drive the whole flow with it. An admin sets up an OPD, a service, a routing rule,
 * accounts and an API key; a desa officer logs in, files one request and a batch; the OPD's system claims them;
 * an OPD officer completes one; the citizen tracks it. The client refuses fields the spec does not declare, and
 * every field the spec requires is read back and present.
 */
@QuarkusTest
class GeneratedClientFlowTest {

    static final String KABUPATEN = "73.24";
    static final String DESA = "73.24.04.2001";
    static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();

    @Test
    void aDesaFilesAnOpdWorksAndTheCitizenTracksThroughTheGeneratedClient() throws Exception {
        ApiClient admin = client(c -> c.header("Authorization", "Bearer " + TestAccounts.admin(KABUPATEN)));

        Opd opd = new OpdsApi(admin).createOpd(new OpdCreate().code("GEN_" + RUN).name("Dinas Uji " + RUN).kind(OpdKind.DINAS)
                .email("uji@luwutimurkab.go.id").triage(false), "gen-opd-" + RUN);
        assertEquals("GEN_" + RUN, opd.getCode());
        assertEquals(KABUPATEN, opd.getKabupatenCode());
        assertTrue(opd.getActive());
        assertNull(opd.getRegionCode(), "a kabupaten-wide OPD has no region: left out, not null");
        complete(opd);

        ServiceType service = new CatalogApi(admin).createServiceType(new ServiceTypeCreate().code("GEN_" + RUN).name("Layanan Uji " + RUN)
                .defaultOpdId(opd.getId()).timeLimitDays(5).fee(0L).open(true)
                .documents(List.of(new DocumentDefinitionInput().code("KTP_EL").name("KTP-el").mandatory(true)))
                .fields(List.of(new FieldDefinitionInput().key("keperluan").label("Keperluan").type(FieldType.TEXT).required(true)
                        .maxLength(100).order(1))), "gen-service-" + RUN);
        assertEquals(1, service.getVersion());
        assertEquals("KTP_EL", service.getDocuments().get(0).getCode());
        assertTrue(service.getDocuments().get(0).getMandatory());
        assertEquals(100, service.getFields().get(0).getMaxLength());
        complete(service);

        RoutingRule rule = new RoutingApi(admin).createRoutingRule(new RoutingRuleCreate().serviceTypeId(service.getId()).regionCode(DESA)
                .opdId(opd.getId()).note("Uji"), "gen-rule-" + RUN);
        assertEquals(opd.getId(), rule.getOpdId());
        complete(rule);

        String desaUser = ("gen.desa." + RUN).toLowerCase();
        String opdUser = ("gen.opd." + RUN).toLowerCase();
        String password = "Uji2026pelayanan";
        Account desaAccount = new AccountsApi(admin).createAccount(new NewAccountRequest().username(desaUser).displayName("Operator Uji")
                .role(Role.DESA_OFFICER).desaCode(DESA).password(password), "gen-desa-account-" + RUN);
        assertEquals(DESA, desaAccount.getDesaCode());
        assertNull(desaAccount.getOpdId());
        complete(desaAccount);
        Account opdAccount = new AccountsApi(admin).createAccount(new NewAccountRequest().username(opdUser).displayName("Petugas Uji")
                .role(Role.OPD_OFFICER).opdId(opd.getId()).password(password), "gen-opd-account-" + RUN);
        assertEquals(opd.getId(), opdAccount.getOpdId());
        NewApiKey key = new AccountsApi(admin).createApiKey(new NewApiKeyRequest().opdId(opd.getId()).name("Sistem Uji"), "gen-key-" + RUN);
        assertTrue(key.getKey().startsWith(key.getPrefix()), "the secret starts with the prefix lists show");
        complete(key);

        // The desa officer logs in with the username the kabupaten's prefix was added to, sets their own password, and files.
        assertEquals("7324." + desaUser, desaAccount.getUsername());
        LoginResponse login = new AuthApi(client(c -> { })).login(new LoginRequest().username(desaAccount.getUsername()).password(password));
        assertEquals("Bearer", login.getTokenType());
        assertEquals(desaAccount.getId(), login.getAccount().getId());
        complete(login);
        ApiClient desa = client(c -> c.header("Authorization", "Bearer " + login.getAccessToken()));
        assertTrue(new AuthApi(desa).me().getPasswordChangeRequired(), "an admin set the password: the officer must set their own");
        new AuthApi(desa).changeOwnPassword(new OwnPasswordChange().currentPassword(password).newPassword(password + "x"));
        Me me = new AuthApi(desa).me();
        assertEquals(Role.DESA_OFFICER, me.getRole());
        assertEquals(DESA, me.getDesaCode());
        assertNotEquals(Boolean.TRUE, me.getPasswordChangeRequired(), "its own password is set");
        assertEquals("Harapan", me.getDesaName());
        assertNull(me.getApiKeyId());
        complete(me);

        FilingReceipt receipt = new RequestsApi(desa).fileRequest(filing(service.getId(), "7324044107900001", "Surat pindah"), "gen-file-" + RUN);
        assertEquals(RequestStatus.SUBMITTED, receipt.getStatus());
        assertEquals(opd.getId(), receipt.getOpd().getId());
        assertEquals("RULE_SERVICE_DESA", receipt.getRoutedBy());
        assertTrue(receipt.getTrackingCode().matches("[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2}"), receipt.getTrackingCode());
        complete(receipt);

        BatchFilingResult batch = new RequestsApi(desa).fileRequestBatch(new BatchFilingRequest().items(List.of(
                new BatchFilingItem().idempotencyKey("gen-batch-1-" + RUN).filing(filing(service.getId(), "7324044107900002", "KTP hilang")),
                new BatchFilingItem().idempotencyKey("gen-batch-2-" + RUN).filing(filing(service.getId(), "123", "NIK salah")))), null);
        assertEquals(1, batch.getFiled());
        assertEquals(1, batch.getFailed());
        BatchFilingItemResult filed = batch.getItems().get(0);
        assertEquals(201, filed.getStatus());
        assertFalse(filed.getReplayed());
        assertNotNull(filed.getReceipt().getId(), "the receipt's id reaches the client");
        assertTrue(filed.getReceipt().getTrackingCode().matches("[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2}"));
        assertEquals(opd.getId(), filed.getReceipt().getOpd().getId());
        assertNull(filed.getProblem());
        BatchFilingItemResult refused = batch.getItems().get(1);
        assertEquals(400, refused.getStatus());
        assertNull(refused.getReceipt());
        assertEquals(id.go.layanandesa.client.model.Problem.CodeEnum.VALIDATION_FAILED, refused.getProblem().getCode());
        assertEquals("citizen.nik", refused.getProblem().getViolations().get(0).getField());
        complete(batch);

        RequestPage mine = new RequestsApi(desa).listRequests(null, null, null, null, 100, null, service.getId(), null, null, null);
        assertEquals(Set.of(receipt.getId(), filed.getReceipt().getId()),
                mine.getItems().stream().map(RequestSummary::getId).collect(java.util.stream.Collectors.toSet()));
        assertNull(mine.getNext(), "one page: no next");
        assertTrue(mine.getItems().stream().allMatch(s -> s.getNikMasked().contains("*")));
        complete(mine);

        // The OPD's system claims both and works them.
        ApiClient system = client(c -> c.header("X-API-Key", key.getKey()));
        Claim claim = new QueueApi(system).claimRequests(new ClaimBody().limit(10).leaseSeconds(60).waitSeconds(0).consumer("uji-1"), null);
        assertEquals(Set.of(receipt.getId(), filed.getReceipt().getId()),
                claim.getItems().stream().map(RequestDetail::getId).collect(java.util.stream.Collectors.toSet()));
        complete(claim);
        RequestDetail accepted = new QueueApi(system).acceptRequest(receipt.getId(), new AcceptBody().claimId(claim.getClaimId()), null, null);
        assertEquals(RequestStatus.IN_PROGRESS, accepted.getStatus());
        assertNotNull(accepted.getAssignedTo());
        complete(accepted);
        RequestDetail released = new QueueApi(system).releaseRequest(filed.getReceipt().getId(),
                new ReleaseBody().claimId(claim.getClaimId()).note("Dikerjakan manual"), null);
        assertEquals(RequestStatus.SUBMITTED, released.getStatus());

        // An OPD officer reads the request in full and completes it.
        LoginResponse officerLogin = new AuthApi(client(c -> { })).login(new LoginRequest().username(opdAccount.getUsername()).password(password));
        ApiClient officer = client(c -> c.header("Authorization", "Bearer " + officerLogin.getAccessToken()));
        new AuthApi(officer).changeOwnPassword(new OwnPasswordChange().currentPassword(password).newPassword(password + "x"));
        RequestDetail detail = new RequestsApi(officer).getRequest(receipt.getId(), null);
        assertEquals("7324044107900001", detail.getCitizen().getNik());
        assertEquals("+6281234567890", detail.getCitizen().getPhone());
        assertEquals("Surat pindah", detail.getAnswers().get("keperluan"));
        assertEquals(Provision.ON_PAPER, detail.getDocuments().get(0).getProvision());
        assertEquals(List.of("FILED", "CLAIMED", "ACCEPTED"), detail.getHistory().stream().map(h -> h.getType().getValue()).toList());
        assertNull(detail.getHistory().get(0).getFromStatus(), "filing comes from no status: left out");
        complete(detail);
        RequestDetail done = new QueueApi(officer).completeRequest(receipt.getId(), "\"" + detail.getVersion() + "\"",
                new CompleteBody().resultNote("Selesai, silakan diambil di kantor desa").documentNumber("7324-UJI-" + RUN), "gen-done-" + RUN);
        assertEquals(RequestStatus.COMPLETED, done.getStatus());
        assertNotNull(done.getFinishedAt());
        assertEquals("7324-UJI-" + RUN, done.getDocumentNumber());
        complete(done);

        // The citizen tracks it without an account.
        TrackingView tracked = new TrackingApi(client(c -> { })).trackRequest(receipt.getTrackingCode());
        assertEquals(RequestStatus.COMPLETED, tracked.getStatus());
        assertEquals("Dinas Uji " + RUN, tracked.getOpd());
        assertEquals(List.of(RequestStatus.SUBMITTED, RequestStatus.IN_PROGRESS, RequestStatus.COMPLETED),
                tracked.getHistory().stream().map(TrackingStep::getStatus).toList());
        assertNotNull(tracked.getFinishedAt());
        complete(tracked);
    }

    static FilingRequest filing(long serviceTypeId, String nik, String keperluan) {
        return new FilingRequest().serviceTypeId(serviceTypeId)
                .citizen(new Citizen().nik(nik).name("Siti Rahmawati").phone("0812-3456-7890").address("Dusun Harapan I"))
                .answers(Map.of("keperluan", keperluan))
                .documents(List.of(new DocumentDeclaration().code("KTP_EL").provision(Provision.ON_PAPER)))
                .note("Datang pagi");
    }

    /** A client of the generated kind that fails on any field its model does not know. */
    static ApiClient client(Consumer<java.net.http.HttpRequest.Builder> auth) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(RestAssured.baseURI + ":" + RestAssured.port);
        client.setObjectMapper(ApiClient.createDefaultObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
        client.setRequestInterceptor(auth);
        return client;
    }

    /** Every field the spec marks required was read and is present, all the way down. */
    static void complete(Object model) {
        complete(model, model.getClass().getSimpleName(), java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static void complete(Object value, String where, Set<Object> seen) {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                complete(item, where + "[" + i++ + "]", seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> complete(v, where + "." + k, seen));
            return;
        }
        if (!value.getClass().getPackageName().equals("id.go.layanandesa.client.model") || value.getClass().isEnum()) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (!getter.getName().startsWith("get") || getter.getParameterCount() != 0 || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            try {
                Object field = getter.invoke(value);
                JsonInclude include = getter.getAnnotation(JsonInclude.class);
                if (include != null && include.value() == JsonInclude.Include.ALWAYS) {
                    assertNotNull(field, where + "." + getter.getName() + "() is required by the spec but was not read");
                }
                complete(field, where + "." + getter.getName().substring(3), seen);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
    }
}
