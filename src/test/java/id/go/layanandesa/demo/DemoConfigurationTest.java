package id.go.layanandesa.demo;

import id.go.layanandesa.catalog.DocumentDefinition;
import id.go.layanandesa.catalog.FieldDefinition;
import id.go.layanandesa.catalog.FieldType;
import id.go.layanandesa.catalog.ServiceType;
import id.go.layanandesa.catalog.ServiceTypeVersion;
import id.go.layanandesa.opd.Opd;
import id.go.layanandesa.region.Region;
import id.go.layanandesa.routing.Route;
import id.go.layanandesa.routing.Router;
import id.go.layanandesa.support.Db;
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
/** The demo kabupaten as its configuration document puts it into service, and what that document says. */
class DemoConfigurationTest {

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
    void oneRelativeRuleSendsLegalisationToTheKecamatanOfficeOfTheDesaAndElsewhereToTriage() {
        long legalisasi = Db.serviceType("73.24", "LEGALISASI");
        Route malili = QuarkusTransaction.requiringNew().call(() -> router.resolve(legalisasi, "73.24.04.2001"));
        assertEquals(TestAccounts.opd("73.24", "CAMAT_MALILI"), malili.opdId());
        assertEquals("RULE_SERVICE_KABUPATEN", malili.basis());
        Route nuha = QuarkusTransaction.requiringNew().call(() -> router.resolve(legalisasi, "73.24.02.2009"));
        assertEquals(TestAccounts.opd("73.24", "CAMAT_NUHA"), nuha.opdId());
        assertEquals(malili.ruleId(), nuha.ruleId(), "one rule for every kecamatan");
        // Wotu has no kecamatan office in the demo: the rule stands for none there, and the service's default takes it
        Route wotu = QuarkusTransaction.requiringNew().call(() -> router.resolve(legalisasi, "73.24.06.2001"));
        assertEquals(TestAccounts.opd("73.24", "ORGANISASI"), wotu.opdId());
        assertEquals("SERVICE_DEFAULT", wotu.basis());
        long rujukan = Db.serviceType("73.24", "RUJUKAN_KESEHATAN");
        assertEquals(TestAccounts.opd("73.24", "PKM_NUHA"),
                QuarkusTransaction.requiringNew().call(() -> router.resolve(rujukan, "73.24.02.1007")).opdId());
        assertEquals(2L, Db.count("select count(*) from routing_rule where kabupaten_code = '73.24' and opd_kind is not null"),
                "two rules in place of one per kecamatan");
    }

    @Test
    void theDemoCatalogFollowsTheCurrentRulesOfCivilRegistration() {
        QuarkusTransaction.requiringNew().run(() -> {
            // Perpres 96/2018, Permendagri 108/2019: no RT/RW cover letter for civil registration
            for (String code : List.of("KTP_BARU", "KTP_HILANG", "KK_PERUBAHAN", "SURAT_PINDAH", "PINDAH_DALAM_KABUPATEN",
                    "AKTA_KELAHIRAN", "AKTA_KEMATIAN")) {
                assertTrue(type(code).documents.stream().noneMatch(d -> d.code().equals("SURAT_PENGANTAR_RT")), code);
            }
            // the police letter only for a lost KTP; the damaged card itself only for a damaged one
            DocumentDefinition police = document("KTP_HILANG", "SURAT_KEHILANGAN_POLISI");
            assertFalse(police.mandatory());
            assertEquals(new DocumentDefinition.Condition("alasan", List.of("HILANG")), police.requiredWhen());
            assertEquals(List.of("RUSAK"), document("KTP_HILANG", "KTP_EL_RUSAK").requiredWhen().values());
            // an SPTJM stands in for the birth letter
            DocumentDefinition birthLetter = document("AKTA_KELAHIRAN", "SURAT_KETERANGAN_LAHIR");
            assertTrue(birthLetter.mandatory());
            assertEquals(List.of("SPTJM_KELAHIRAN"), birthLetter.alternatives());
            assertFalse(document("AKTA_KELAHIRAN", "SPTJM_KELAHIRAN").mandatory());
            // an SKPWNI only for moves out of the kabupaten; moves within it are their own service, without one
            FieldDefinition out = type("SURAT_PINDAH").fields.stream().filter(f -> f.key().equals("klasifikasi")).findFirst().orElseThrow();
            assertEquals(List.of("ANTAR_KABUPATEN", "ANTAR_PROVINSI"), out.options());
            FieldDefinition within = type("PINDAH_DALAM_KABUPATEN").fields.stream().filter(f -> f.key().equals("klasifikasi"))
                    .findFirst().orElseThrow();
            assertEquals(List.of("ANTAR_DESA", "ANTAR_KECAMATAN"), within.options());
        });
    }

    private static ServiceType type(String code) {
        return ServiceType.find("kabupatenCode = ?1 and code = ?2", "73.24", code).firstResult();
    }

    private static DocumentDefinition document(String service, String code) {
        return type(service).documents.stream().filter(d -> d.code().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void otherKabupatenIsIdempotent() {
        OtherKabupaten.ensure();
        OtherKabupaten.ensure();
        assertEquals("ORGANISASI", QuarkusTransaction.requiringNew().call(() -> Opd.triageOf("73.22").code));
        assertTrue(OtherKabupaten.serviceType("KTP_BARU") > 0);
    }
}
