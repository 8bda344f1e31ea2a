package id.go.layanandesa.demo;

import id.go.layanandesa.catalog.FieldDefinition;
import id.go.layanandesa.catalog.FieldType;
import id.go.layanandesa.catalog.ServiceType;
import id.go.layanandesa.catalog.ServiceTypeVersion;
import id.go.layanandesa.opd.Opd;
import id.go.layanandesa.region.Region;
import id.go.layanandesa.routing.Route;
import id.go.layanandesa.routing.Router;
import id.go.layanandesa.support.OtherKabupaten;
import id.go.layanandesa.support.TestAccounts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

@QuarkusTest
class DemoReferenceDataTest {

    @Inject
    EntityManager em;

    @Inject
    Router router;

    @Test
    void demoKabupatenHasItsKecamatanAndTheNamedDesa() {
        QuarkusTransaction.requiringNew().run(() -> {
            assertEquals(11, Region.count("parentCode", "73.24"));
            Region harapan = Region.findById("73.24.04.2001");
            assertEquals("Harapan", harapan.name);
            assertEquals("harapan", harapan.nameKey);
            assertEquals("73.24", harapan.kabupatenCode);
            assertEquals("73.24.04", harapan.parentCode);
            for (String code : List.of("73.24.04.2002", "73.24.04.1003", "73.24.02.2009", "73.24.02.2005", "73.24.01.2001", "73.24.01.2002")) {
                assertNotNull(Region.findById(code), code);
            }
        });
    }

    @Test
    void everyOpdHasItsQueueStateRowAndOneTriage() {
        QuarkusTransaction.requiringNew().run(() -> {
            Number missing = (Number) em.createNativeQuery(
                    "select count(*) from opd o where not exists (select 1 from opd_queue_state q where q.opd_id = o.id)").getSingleResult();
            assertEquals(0, missing.intValue());
            assertEquals("ORGANISASI", Opd.triageOf("73.24").code);
            Set<String> codes = Opd.<Opd>list("kabupatenCode", "73.24").stream().map(o -> o.code).collect(Collectors.toSet());
            assertTrue(codes.containsAll(Set.of("DISDUKCAPIL", "DINSOS", "DPMPTSP", "DPUPR", "BPBD", "DINKES", "PKM_MALILI",
                    "PKM_NUHA", "CAMAT_MALILI", "CAMAT_NUHA", "ORGANISASI")), codes.toString());
        });
    }

    @Test
    void catalogCoversEveryFieldTypeAndEveryTypeHasItsFirstVersion() {
        QuarkusTransaction.requiringNew().run(() -> {
            List<ServiceType> types = ServiceType.list("kabupatenCode", "73.24");
            Set<FieldType> seen = EnumSet.noneOf(FieldType.class);
            types.forEach(t -> t.fields.forEach(f -> seen.add(f.type())));
            assertEquals(EnumSet.allOf(FieldType.class), seen);
            for (ServiceType t : types) {
                assertNotNull(ServiceTypeVersion.findById(new ServiceTypeVersion.Key(t.id, t.version)), t.code);
            }
            ServiceType akta = ServiceType.find("kabupatenCode = ?1 and code = ?2", "73.24", "AKTA_KELAHIRAN").firstResult();
            assertEquals(0, akta.fee);
            FieldDefinition anakKe = akta.fields.stream().filter(f -> f.key().equals("anak_ke")).findFirst().orElseThrow();
            assertTrue(anakKe.required());
            assertEquals(20, anakKe.max().intValue());
        });
    }

    @Test
    void legalisationFromMaliliGoesToItsCamatAndFromElsewhereToTriage() {
        long legalisasi = QuarkusTransaction.requiringNew().call(() ->
                ServiceType.<ServiceType>find("kabupatenCode = ?1 and code = ?2", "73.24", "LEGALISASI").firstResult().id);
        Route malili = QuarkusTransaction.requiringNew().call(() -> router.resolve(legalisasi, "73.24.04.2001"));
        assertEquals(TestAccounts.opd("73.24", "CAMAT_MALILI"), malili.opdId());
        assertEquals("RULE_SERVICE_KECAMATAN", malili.basis());
        Route wotu = QuarkusTransaction.requiringNew().call(() -> router.resolve(legalisasi, "73.24.06.2001"));
        assertEquals(TestAccounts.opd("73.24", "ORGANISASI"), wotu.opdId());
        assertEquals("SERVICE_DEFAULT", wotu.basis());
    }

    @Test
    void otherKabupatenIsIdempotent() {
        OtherKabupaten.ensure();
        OtherKabupaten.ensure();
        assertEquals("ORGANISASI", QuarkusTransaction.requiringNew().call(() -> Opd.triageOf("73.22").code));
        assertTrue(OtherKabupaten.serviceType("KTP_BARU") > 0);
    }
}
