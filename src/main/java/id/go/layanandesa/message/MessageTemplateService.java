package id.go.layanandesa.message;

import id.go.layanandesa.common.error.Problem.Violation;
import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.common.http.ETags;
import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.request.RequestStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The kabupaten's wording of the citizens' messages, one per status, changed by its admins. */
@ApplicationScoped
@Transactional
public class MessageTemplateService {

    static final CitizenMessages.Values EXAMPLE = new CitizenMessages.Values("Akta Kelahiran", "K7M2-QX9P-RT",
            "Dinas Kependudukan dan Pencatatan Sipil", "Harapan", LocalDate.of(2026, 12, 14), "Fotokopi buku nikah orang tua");

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    private record Row(RequestStatus status, String text, int version, Instant updatedAt) {
        static Row of(Tuple t) {
            Object at = t.get("updated_at");
            Instant updatedAt = at == null ? null : at instanceof Instant i ? i : at instanceof Timestamp ts ? ts.toInstant()
                    : ((java.time.OffsetDateTime) at).toInstant();
            return new Row(RequestStatus.valueOf(t.get("status", String.class)), t.get("text", String.class),
                    t.get("version", Number.class).intValue(), updatedAt);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<MessageTemplateView> list(Caller caller) {
        Map<RequestStatus, Row> rows = rows(caller.kabupatenCode()).stream().collect(Collectors.toMap(Row::status, Function.identity()));
        return Arrays.stream(RequestStatus.values()).map(s -> view(s, rows.get(s))).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public MessageTemplateView get(Caller caller, String status) {
        RequestStatus s = status(status);
        return view(s, row(caller.kabupatenCode(), s, false));
    }

    /** Sets the kabupaten's wording for a status. */
    public MessageTemplateView put(Caller caller, String status, String ifMatch, String text) {
        RequestStatus s = status(status);
        Row current = row(caller.kabupatenCode(), s, true);
        ETags.checkIfMatch(ifMatch, current == null ? 0 : current.version());
        List<Violation> violations = CitizenMessages.check("text", text);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return view(s, write(caller, s, text.strip(), current == null ? 0 : current.version()));
    }

    /** Goes back to the default wording. */
    public MessageTemplateView reset(Caller caller, String status, String ifMatch) {
        RequestStatus s = status(status);
        Row current = row(caller.kabupatenCode(), s, true);
        ETags.checkIfMatch(ifMatch, current == null ? 0 : current.version());
        if (current == null || current.text() == null) {
            return view(s, current);
        }
        return view(s, write(caller, s, null, current.version()));
    }

    /** Writes the template if it is still at {@code expected} (a first write racing another finds it taken: 412). */
    @SuppressWarnings("unchecked")
    private Row write(Caller caller, RequestStatus s, String text, int expected) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Tuple> written = em.createNativeQuery("""
                        insert into citizen_message_template as t (kabupaten_code, status, text, version, updated_by, updated_at)
                        values (:k, :s, cast(:text as varchar), 1, :by, :now)
                        on conflict (kabupaten_code, status) do update
                           set text = excluded.text, version = t.version + 1, updated_by = excluded.updated_by, updated_at = excluded.updated_at
                         where t.version = :expected
                        returning status, text, version, updated_at""", Tuple.class)
                .setParameter("k", caller.kabupatenCode()).setParameter("s", s.name()).setParameter("text", text)
                .setParameter("by", caller.principalKey()).setParameter("now", Timestamp.from(now)).setParameter("expected", expected)
                .getResultList();
        if (written.isEmpty()) {
            throw ProblemException.preconditionFailed("the template of " + s + " changed meanwhile; read it again");
        }
        return Row.of(written.get(0));
    }

    @SuppressWarnings("unchecked")
    private List<Row> rows(String kabupaten) {
        return ((List<Tuple>) em.createNativeQuery("""
                        select status, text, version, updated_at from citizen_message_template where kabupaten_code = :k""", Tuple.class)
                .setParameter("k", kabupaten).getResultList()).stream().map(Row::of).toList();
    }

    @SuppressWarnings("unchecked")
    private Row row(String kabupaten, RequestStatus s, boolean lock) {
        List<Tuple> rows = em.createNativeQuery("""
                        select status, text, version, updated_at from citizen_message_template
                         where kabupaten_code = :k and status = :s""" + (lock ? " for update" : ""), Tuple.class)
                .setParameter("k", kabupaten).setParameter("s", s.name()).getResultList();
        return rows.isEmpty() ? null : Row.of(rows.get(0));
    }

    private static MessageTemplateView view(RequestStatus s, Row row) {
        String custom = row == null ? null : row.text();
        String text = custom != null ? custom : CitizenMessages.defaultText(s);
        return new MessageTemplateView(s, text, custom != null, CitizenMessages.defaultText(s), CitizenMessages.render(text, EXAMPLE),
                row == null ? 0 : row.version(), row == null ? null : row.updatedAt());
    }

    private static RequestStatus status(String status) {
        try {
            return RequestStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("a message template for status " + status);
        }
    }
}
