package id.go.layanandesa.survey;

import id.go.layanandesa.common.SqlValues;
import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.request.RequestAccess;
import id.go.layanandesa.request.RequestStatus;
import id.go.layanandesa.request.RequestStore;
import id.go.layanandesa.request.ServiceRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The satisfaction survey of a finished request: answered once, by its citizen with the tracking code or by the desa
 * officer from a paper form. A second answer is refused (409), also when two arrive at once.
 */
@ApplicationScoped
@Transactional
public class SurveyService {

    @Inject
    EntityManager em;

    @Inject
    RequestAccess access;

    @Inject
    Clock clock;

    @Inject
    RequestStore requests;

    @Transactional(Transactional.TxType.SUPPORTS)
    public SurveyViews.SurveyState state(String trackingCode) {
        ServiceRequest r = requests.byTrackingCode(trackingCode);
        List<?> answered = em.createNativeQuery("select answered_at from survey_response where request_id = :r")
                .setParameter("r", r.id).getResultList();
        Instant at = answered.isEmpty() ? null : SqlValues.instant(answered.get(0));
        SurveyViews.State state = at != null ? SurveyViews.State.ANSWERED
                : r.status == RequestStatus.CANCELLED ? SurveyViews.State.CLOSED
                : isFinished(r) ? SurveyViews.State.OPEN : SurveyViews.State.NOT_FINISHED;
        return new SurveyViews.SurveyState(r.trackingCode, state, at, SurveyViews.elements());
    }

    /** The citizen's own answer, by tracking code. */
    public SurveyViews.Receipt answerOnline(String trackingCode, SurveyViews.Answer answer) {
        return record(requests.byTrackingCode(trackingCode), answer, "ONLINE", null);
    }

    /** A paper form, recorded by an officer of the request's desa. */
    public SurveyViews.Receipt answerOnPaper(Caller caller, long requestId, SurveyViews.Answer answer) {
        return record(access.readable(caller, requestId), answer, "PAPER", caller.accountId());
    }

    private SurveyViews.Receipt record(ServiceRequest r, SurveyViews.Answer answer, String channel, Long recordedBy) {
        // COMPLETED and REJECTED are final: the OPD, service and area the answer takes stay as they are
        if (!isFinished(r)) {
            throw ProblemException.conflict("SURVEY_NOT_OPEN", "the survey opens when the request is completed or rejected; it is "
                    + r.status);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int[] u = answer.scores().inOrder();
        int inserted = em.createNativeQuery("""
                        insert into survey_response (request_id, kabupaten_code, opd_id, service_type_id, kecamatan_code, desa_code,
                                                     answered_at, channel, recorded_by, u1, u2, u3, u4, u5, u6, u7, u8, u9, comment)
                        values (:r, :k, :o, :s, :kec, :desa, :at, :channel, :by, :u1, :u2, :u3, :u4, :u5, :u6, :u7, :u8, :u9, :comment)
                        on conflict (request_id) do nothing""")
                .setParameter("r", r.id).setParameter("k", r.kabupatenCode).setParameter("o", r.opdId)
                .setParameter("s", r.serviceTypeId).setParameter("kec", r.kecamatanCode).setParameter("desa", r.desaCode)
                .setParameter("at", now).setParameter("channel", channel).setParameter("by", recordedBy)
                .setParameter("u1", u[0]).setParameter("u2", u[1]).setParameter("u3", u[2]).setParameter("u4", u[3])
                .setParameter("u5", u[4]).setParameter("u6", u[5]).setParameter("u7", u[6]).setParameter("u8", u[7])
                .setParameter("u9", u[8])
                .setParameter("comment", answer.comment() == null || answer.comment().isBlank() ? null : answer.comment().strip())
                .executeUpdate();
        if (inserted == 0) {
            throw ProblemException.conflict("SURVEY_ALREADY_ANSWERED", "the survey of this request was answered already");
        }
        return new SurveyViews.Receipt(r.trackingCode, channel, now);
    }

    private static boolean isFinished(ServiceRequest r) {
        return r.status == RequestStatus.COMPLETED || r.status == RequestStatus.REJECTED;
    }
}
