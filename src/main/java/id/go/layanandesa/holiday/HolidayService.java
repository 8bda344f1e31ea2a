package id.go.layanandesa.holiday;

import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.common.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.util.List;

/** The holidays of the caller's kabupaten: data an admin enters each year from the decree, never code. */
@ApplicationScoped
@Transactional
public class HolidayService {

    @Inject
    Caller caller;

    @Inject
    WorkingDays workingDays;

    @Inject
    java.time.Clock clock;

    /** The holidays of a year; the current year in the kabupaten's zone when none is named. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<HolidayView> list(Integer year) {
        String kabupaten = caller.kabupatenCode();
        int y = year != null ? year : workingDays.localDate(kabupaten, clock.instant()).getYear();
        return Holiday.<Holiday>list("key.kabupatenCode = ?1 and key.day >= ?2 and key.day < ?3 order by key.day",
                        kabupaten, LocalDate.of(y, 1, 1), LocalDate.of(y + 1, 1, 1))
                .stream().map(HolidayView::of).toList();
    }

    public HolidayView create(HolidayCreate body) {
        Holiday.Key key = new Holiday.Key(caller.kabupatenCode(), body.date());
        if (Holiday.findById(key) != null) {
            throw ProblemException.conflict("DUPLICATE_HOLIDAY", body.date() + " is already a holiday; delete it first to rename it");
        }
        Holiday h = new Holiday();
        h.key = key;
        h.name = body.name().strip();
        try {
            h.persistAndFlush();
        } catch (org.hibernate.exception.ConstraintViolationException e) {
            throw ProblemException.conflict("DUPLICATE_HOLIDAY", body.date() + " was just made a holiday");
        }
        return HolidayView.of(h);
    }

    /** Requests already filed keep the due date they got. */
    public void delete(LocalDate date) {
        if (!Holiday.deleteById(new Holiday.Key(caller.kabupatenCode(), date))) {
            throw ProblemException.notFound("holiday " + date);
        }
    }
}
