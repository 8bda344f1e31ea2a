package id.go.layanandesa.document;

import id.go.layanandesa.catalog.DocumentDefinition;
import id.go.layanandesa.catalog.ServiceTypeVersion;
import id.go.layanandesa.common.LayananConfig;
import id.go.layanandesa.common.TimeZones;
import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.opd.Opd;
import id.go.layanandesa.region.Region;
import id.go.layanandesa.request.DocumentDeclaration;
import id.go.layanandesa.request.RequestAccess;
import id.go.layanandesa.request.ServiceRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The receipt of a filed request, in Bahasa Indonesia, for whoever may read the request. */
@ApplicationScoped
public class ReceiptService {

    private static final Locale INDONESIAN = Locale.forLanguageTag("id-ID");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", INDONESIAN);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("d MMMM yyyy HH.mm", INDONESIAN);

    @Inject
    EntityManager em;

    @Inject
    RequestAccess access;

    @Inject
    DocumentStore store;

    @Inject
    LayananConfig config;

    /** The public tracking page of a code, as receipts print it: {@code <public-base-url>/lacak/<code>}. */
    public String trackingUrl(String trackingCode) {
        String base = config.documents().publicBaseUrl().replaceAll("/+$", "");
        return base + "/lacak/" + URLEncoder.encode(trackingCode, StandardCharsets.UTF_8);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Receipt receipt(Caller caller, long requestId) {
        ServiceRequest r = access.readable(caller, requestId);
        ServiceTypeVersion filed = ServiceTypeVersion.findById(new ServiceTypeVersion.Key(r.serviceTypeId, r.serviceTypeVersion));
        Opd opd = em.find(Opd.class, r.opdId);
        Region desa = em.find(Region.class, r.desaCode);
        ZoneId zone = TimeZones.forRegion(r.kabupatenCode);
        Map<String, String> names = new HashMap<>();
        for (DocumentDefinition d : filed.snapshot.documents()) {
            names.put(d.code(), d.name());
        }
        Map<String, Integer> files = new HashMap<>();
        store.ofRequest(r.id).stream().filter(f -> f.kind() == DocumentViews.FileKind.ATTACHMENT)
                .forEach(f -> files.merge(f.documentCode(), 1, Integer::sum));
        List<Receipt.Line> lines = new ArrayList<>();
        for (DocumentDeclaration d : r.documents) {
            String provision = switch (d.provision()) {
                case ON_PAPER -> "Dibawa (kertas)";
                case NOT_APPLICABLE -> "Tidak ada";
                case ATTACHED -> files.containsKey(d.code()) ? "Dilampirkan (" + files.get(d.code()) + " berkas)"
                        : "Dilampirkan (berkas belum diunggah)";
            };
            lines.add(new Receipt.Line(names.getOrDefault(d.code(), d.code()), provision));
        }
        return new Receipt(r.trackingCode, trackingUrl(r.trackingCode), filed.snapshot.name(), opd == null ? null : opd.name,
                desa == null ? null : desa.name, r.citizenName,
                DAY_TIME.format(r.filedAt.atZone(zone)) + " " + TimeZones.abbreviation(zone), DAY.format(r.dueDate), lines);
    }
}
