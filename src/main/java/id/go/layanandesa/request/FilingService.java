package id.go.layanandesa.request;

import id.go.layanandesa.catalog.ServiceDefinitions;
import id.go.layanandesa.common.TimeZones;
import id.go.layanandesa.common.error.Problem.Violation;
import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.holiday.WorkingDays;
import id.go.layanandesa.region.RegionCodes;
import id.go.layanandesa.routing.Route;
import id.go.layanandesa.routing.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Files a citizen's request: validates it against the service's definition, routes it, dates it and
 * records it with its first history entry, all in one transaction (the caller's, when it has one: an
 * Idempotency-Key's record commits with the filing).
 */
@ApplicationScoped
public class FilingService {

    @Inject
    Router router;

    @Inject
    WorkingDays workingDays;

    @Inject
    RequestJournal journal;

    @Inject
    Clock clock;

    @Inject
    ServiceDefinitions definitions;

    /** Files one request in the caller's transaction and answers its receipt. */
    @Transactional
    public RequestViews.FilingReceipt file(Caller caller, FilingRequest filing) {
        String desa = caller.desaCode();
        List<Violation> violations = new ArrayList<>();
        ServiceDefinitions.Definition type = filing.serviceTypeId() == null ? null
                : definitions.current(filing.serviceTypeId()).orElse(null);
        if (type == null || !type.kabupatenCode().equals(caller.kabupatenCode())) {
            throw ProblemException.invalid("serviceTypeId", "is not a service of your kabupaten's catalog");
        }
        if (!type.open()) {
            throw ProblemException.invalid("serviceTypeId", "is not open for filing");
        }
        FilingRequest.Citizen citizen = filing.citizen();
        NikRules.problem(citizen.nik()).ifPresent(problem -> violations.add(new Violation("citizen.nik", problem)));
        String phone = null;
        if (citizen.phone() != null && !citizen.phone().isBlank()) {
            phone = PhoneNumbers.normalise(citizen.phone()).orElse(null);
            if (phone == null) {
                violations.add(new Violation("citizen.phone", "must be an Indonesian mobile number: 08…, 628… or +628…"));
            }
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), TimeZones.forRegion(caller.kabupatenCode()));
        Map<String, Object> answers = AnswerValidator.answers(type.fields(), filing.answers(), "answers", false, today, violations);
        List<DocumentDeclaration> documents = AnswerValidator.documents(type.documents(), filing.documents(), answers, "documents", false,
                violations);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }

        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Route route = router.resolve(type.id(), desa);
        ServiceRequest request = new ServiceRequest();
        request.trackingCode = TrackingCodes.next();
        request.kabupatenCode = caller.kabupatenCode();
        request.kecamatanCode = RegionCodes.kecamatanOf(desa);
        request.desaCode = desa;
        request.serviceTypeId = type.id();
        request.serviceTypeVersion = type.version();
        request.opdId = route.opdId();
        request.routingRuleId = route.ruleId();
        request.status = RequestStatus.SUBMITTED;
        request.citizenNik = citizen.nik();
        request.citizenName = citizen.name().strip();
        request.citizenPhone = phone;
        request.citizenAddress = citizen.address() == null || citizen.address().isBlank() ? null : citizen.address().strip();
        request.answers = answers;
        request.documents = documents;
        request.note = filing.note();
        request.filedBy = caller.accountId();
        request.filedAt = now;
        request.dueDate = workingDays.dueDate(request.kabupatenCode, now, type.timeLimitDays());
        request.updatedAt = now;
        journal.file(request, Actor.of(caller), now, "routed by " + route.basis());
        return new RequestViews.FilingReceipt(request.id, request.trackingCode, request.status,
                new RequestViews.OpdRef(route.opdId(), route.opdCode(), route.opdName()), route.basis(), now, request.dueDate,
                request.version);
    }
}
