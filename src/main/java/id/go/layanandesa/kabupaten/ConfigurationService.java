package id.go.layanandesa.kabupaten;

import id.go.layanandesa.catalog.FieldDefinition;
import id.go.layanandesa.catalog.ServiceType;
import id.go.layanandesa.catalog.ServiceTypeVersion;
import id.go.layanandesa.common.error.Problem.Violation;
import id.go.layanandesa.common.error.ProblemException;
import id.go.layanandesa.holiday.Holiday;
import id.go.layanandesa.kabupaten.ConfigurationPlan.Action;
import id.go.layanandesa.kabupaten.ConfigurationPlan.Item;
import id.go.layanandesa.kabupaten.ConfigurationPlan.Kind;
import id.go.layanandesa.opd.Opd;
import id.go.layanandesa.region.Region;
import id.go.layanandesa.routing.RoutingRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A kabupaten's configuration as one document (see {@link Configuration}): exported, planned and applied. Applying
 * runs in the caller's transaction with the kabupaten locked, so that two applications never interleave. It adds,
 * changes and removes OPDs, services, routing rules and holidays until the kabupaten is as the document says; a
 * service gets a new catalog version only when its definition changes, so applying the same document twice changes
 * nothing. What requests, accounts or API keys refer to is never deleted: an OPD is deactivated, a service closed.
 */
@ApplicationScoped
public class ConfigurationService {

    private static final Logger LOG = Logger.getLogger(ConfigurationService.class);

    @Inject
    EntityManager em;

    @Inject
    Validator validator;

    @Inject
    Clock clock;

    // ------------------------------------------------------------------------------------------- export

    /** The kabupaten's configuration now: sorted by code (rules by service, then area; holidays by date). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Configuration export(String kabupaten) {
        State state = State.read(kabupaten);
        List<Configuration.Opd> opds = state.opds.values().stream()
                .map(o -> new Configuration.Opd(o.code, o.name, o.kind, o.regionCode, o.email, o.phone, o.address, o.active, o.triage))
                .toList();
        List<Configuration.Service> catalog = state.services.values().stream()
                .map(t -> new Configuration.Service(t.code, t.name, t.description, state.opdCode(t.defaultOpdId), t.timeLimitDays, t.fee,
                        t.product, t.open, List.copyOf(t.documents), List.copyOf(t.fields)))
                .toList();
        List<Configuration.Rule> rules = state.rules.values().stream()
                .map(r -> new Configuration.Rule(r.serviceTypeId == null ? null : state.serviceCode(r.serviceTypeId), r.regionCode,
                        r.opdId == null ? null : state.opdCode(r.opdId), r.opdKind, r.opdCodePrefix, r.note))
                .toList();
        List<Configuration.Holiday> holidays = state.holidays.values().stream()
                .map(h -> new Configuration.Holiday(h.key.day(), h.name))
                .toList();
        return new Configuration(Configuration.FORMAT, kabupaten, opds, catalog, rules, holidays);
    }

    // ------------------------------------------------------------------------------------------- apply

    /**
     * Checks the document (400 listing every violation), then plans and, unless {@code dryRun}, applies it. Runs in
     * the caller's transaction, which must hold the kabupaten's {@link Tenant} row locked.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public ConfigurationPlan apply(String kabupaten, Configuration doc, boolean dryRun) {
        check(kabupaten, doc);
        State state = State.read(kabupaten);
        Changes changes = new Changes(kabupaten, doc, state, clock.instant().truncatedTo(ChronoUnit.MICROS));
        changes.plan();
        if (!dryRun) {
            changes.apply();
            LOG.infof("configuration of kabupaten %s applied: %s", kabupaten, ConfigurationPlan.summarise(changes.items));
        }
        return new ConfigurationPlan(kabupaten, !dryRun, ConfigurationPlan.summarise(changes.items), changes.items);
    }

    /** 400 with every violation of the document, or nothing. */
    public void check(String kabupaten, Configuration doc) {
        Set<String> codes = ConfigurationRules.regionCodes(doc);
        Map<String, Integer> regions = new HashMap<>();
        if (!codes.isEmpty()) {
            Region.<Region>list("code in ?1", codes).forEach(r -> regions.put(r.code, (int) r.level));
        }
        List<Violation> violations = ConfigurationRules.check(doc, kabupaten, regions, validator);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
    }

    /** What the kabupaten has now, by code. */
    private static final class State {
        final Map<String, Opd> opds = new TreeMap<>();
        final Map<String, ServiceType> services = new TreeMap<>();
        final Map<String, RoutingRule> rules = new TreeMap<>();
        final Map<LocalDate, Holiday> holidays = new TreeMap<>();
        final Map<Long, String> opdCodes = new HashMap<>();
        final Map<Long, String> serviceCodes = new HashMap<>();

        static State read(String kabupaten) {
            State s = new State();
            Opd.<Opd>list("kabupatenCode", kabupaten).forEach(o -> {
                s.opds.put(o.code, o);
                s.opdCodes.put(o.id, o.code);
            });
            ServiceType.<ServiceType>list("kabupatenCode", kabupaten).forEach(t -> {
                s.services.put(t.code, t);
                s.serviceCodes.put(t.id, t.code);
            });
            RoutingRule.<RoutingRule>list("kabupatenCode", kabupaten).forEach(r ->
                    s.rules.put(ruleKey(r.serviceTypeId == null ? null : s.serviceCodes.get(r.serviceTypeId), r.regionCode), r));
            Holiday.<Holiday>list("key.kabupatenCode", kabupaten).forEach(h -> s.holidays.put(h.key.day(), h));
            return s;
        }

        String opdCode(Long id) {
            return id == null ? null : opdCodes.get(id);
        }

        String serviceCode(Long id) {
            return serviceCodes.get(id);
        }
    }

    /** Rules sort by service (every service first), then area. */
    static String ruleKey(String service, String area) {
        return (service == null ? "*" : service) + " " + area;
    }

    /** The plan of one application, and the work that carries it out. */
    private final class Changes {
        final String kabupaten;
        final Configuration doc;
        final State state;
        final Instant now;
        final List<Item> items = new ArrayList<>();
        /** What carries the plan out, in the order it must run. */
        final List<Runnable> opdWork = new ArrayList<>();
        final List<Runnable> serviceWork = new ArrayList<>();
        final List<Runnable> ruleWork = new ArrayList<>();
        final List<Runnable> holidayWork = new ArrayList<>();
        final List<Runnable> retireServices = new ArrayList<>();
        final List<Runnable> retireOpds = new ArrayList<>();
        /** OPDs by code as they will be: those of the document, once created. */
        final Map<String, Opd> opds = new HashMap<>();
        final Map<String, ServiceType> services = new HashMap<>();

        Changes(String kabupaten, Configuration doc, State state, Instant now) {
            this.kabupaten = kabupaten;
            this.doc = doc;
            this.state = state;
            this.now = now;
        }

        void plan() {
            planOpds();
            planServices();
            planRules();
            planHolidays();
        }

        void apply() {
            // the flag first leaves the OPD that has it, so that the one-triage index never sees two
            String triage = doc.opds().stream().filter(o -> Boolean.TRUE.equals(o.triage())).findFirst().orElseThrow().code();
            boolean moved = false;
            for (Opd o : state.opds.values()) {
                if (o.triage && !o.code.equals(triage)) {
                    o.triage = false;
                    o.updatedAt = now;
                    moved = true;
                }
            }
            if (moved) {
                em.flush();
            }
            opdWork.forEach(Runnable::run);
            em.flush();
            serviceWork.forEach(Runnable::run);
            em.flush();
            ruleWork.forEach(Runnable::run);
            holidayWork.forEach(Runnable::run);
            em.flush();
            retireServices.forEach(Runnable::run);
            em.flush();
            retireOpds.forEach(Runnable::run);
            em.flush();
        }

        // --- OPDs

        void planOpds() {
            walk(doc.opds(), Configuration.Opd::code, state.opds, this::addOpd, this::keepOpd, this::dropOpd);
        }

        private void addOpd(String code, Configuration.Opd w) {
            add(Kind.OPD, code, null);
            opdWork.add(() -> {
                Opd created = new Opd();
                created.kabupatenCode = kabupaten;
                created.code = code;
                created.createdAt = now;
                set(created, w);
                created.persistWithQueueState();
                opds.put(code, created);
            });
        }

        private void keepOpd(String code, Opd o, Configuration.Opd w) {
            opds.put(code, o);
            List<String> changed = new ArrayList<>();
            differs(changed, "name", o.name, w.name().strip());
            differs(changed, "kind", o.kind, w.kind());
            differs(changed, "regionCode", o.regionCode, w.regionCode());
            differs(changed, "email", o.email, blankless(w.email()));
            differs(changed, "phone", o.phone, blankless(w.phone()));
            differs(changed, "address", o.address, blankless(w.address()));
            differs(changed, "active", o.active, !Boolean.FALSE.equals(w.active()));
            differs(changed, "triage", o.triage, Boolean.TRUE.equals(w.triage()));
            changedOrNot(Kind.OPD, code, changed, null, opdWork, () -> set(o, w));
        }

        private void dropOpd(String code, Opd o) {
            if (!opdReferred(o)) {
                items.add(new Item(Kind.OPD, code, Action.REMOVED, List.of(), "deleted"));
                retireOpds.add(() -> {
                    em.createNativeQuery("delete from opd_queue_state where opd_id = ?1").setParameter(1, o.id).executeUpdate();
                    o.delete();
                });
            } else if (o.active || o.triage) {
                items.add(new Item(Kind.OPD, code, Action.REMOVED, List.of("active"),
                        "deactivated, not deleted: requests, accounts or API keys refer to it"));
                retireOpds.add(() -> {
                    o.active = false;
                    o.triage = false;
                    o.updatedAt = now;
                });
            } else {
                items.add(new Item(Kind.OPD, code, Action.UNCHANGED, List.of(),
                        "inactive, kept: requests, accounts or API keys refer to it"));
            }
        }

        private void set(Opd o, Configuration.Opd w) {
            o.name = w.name().strip();
            o.kind = w.kind();
            o.regionCode = w.regionCode();
            o.email = blankless(w.email());
            o.phone = blankless(w.phone());
            o.address = blankless(w.address());
            o.active = !Boolean.FALSE.equals(w.active());
            o.triage = Boolean.TRUE.equals(w.triage());
            o.updatedAt = now;
        }

        /** Whether deleting the OPD would lose what refers to it: requests it held, accounts, API keys, services kept closed. */
        private boolean opdReferred(Opd o) {
            Number n = (Number) em.createNativeQuery("""
                            select (exists (select 1 from service_request where opd_id = ?1 or info_requested_by = ?1)
                                 or exists (select 1 from request_opd where opd_id = ?1)
                                 or exists (select 1 from account where opd_id = ?1)
                                 or exists (select 1 from api_key where opd_id = ?1))::int""")
                    .setParameter(1, o.id)
                    .getSingleResult();
            if (n.intValue() == 1) {
                return true;
            }
            // a service that leaves the catalog but is kept (closed) for its requests still names it
            Set<String> inDocument = new java.util.HashSet<>();
            doc.catalog().forEach(s -> inDocument.add(s.code()));
            return state.services.values().stream()
                    .anyMatch(t -> !inDocument.contains(t.code) && Objects.equals(t.defaultOpdId, o.id) && serviceReferred(t));
        }

        // --- the catalog

        void planServices() {
            walk(doc.catalog(), Configuration.Service::code, state.services, this::addService, this::keepService, this::dropService);
        }

        private void addService(String code, Configuration.Service w) {
            add(Kind.SERVICE, code, "version 1");
            serviceWork.add(() -> {
                ServiceType created = new ServiceType();
                created.kabupatenCode = kabupaten;
                created.code = code;
                created.version = 1;
                created.createdAt = now;
                set(created, w);
                created.persist();
                em.flush();
                ServiceTypeVersion.of(created, now).persist();
                services.put(code, created);
            });
        }

        private void keepService(String code, ServiceType t, Configuration.Service w) {
            services.put(code, t);
            List<String> changed = new ArrayList<>();
            differs(changed, "name", t.name, w.name().strip());
            differs(changed, "description", t.description, blankless(w.description()));
            differs(changed, "defaultOpd", state.opdCode(t.defaultOpdId), w.defaultOpd());
            differs(changed, "timeLimitDays", t.timeLimitDays, w.timeLimitDays());
            differs(changed, "fee", t.fee, w.fee() == null ? 0L : w.fee());
            differs(changed, "product", t.product, blankless(w.product()));
            differs(changed, "open", t.open, !Boolean.FALSE.equals(w.open()));
            differs(changed, "documents", t.documents, w.documents());
            differs(changed, "fields", comparable(t.fields), comparable(w.fields()));
            changedOrNot(Kind.SERVICE, code, changed, "version " + (t.version + 1), serviceWork, () -> {
                set(t, w);
                t.version = t.version + 1;
                ServiceTypeVersion.of(t, now).persist();
            });
        }

        private void dropService(String code, ServiceType t) {
            if (!serviceReferred(t)) {
                items.add(new Item(Kind.SERVICE, code, Action.REMOVED, List.of(), "deleted"));
                retireServices.add(() -> {
                    em.createNativeQuery("delete from routing_rule where service_type_id = ?1").setParameter(1, t.id).executeUpdate();
                    em.createNativeQuery("delete from service_type_version where service_type_id = ?1").setParameter(1, t.id).executeUpdate();
                    t.delete();
                });
            } else if (t.open) {
                items.add(new Item(Kind.SERVICE, code, Action.REMOVED, List.of("open"),
                        "closed for filing, not deleted: requests were filed under it; version " + (t.version + 1)));
                retireServices.add(() -> {
                    t.open = false;
                    t.version = t.version + 1;
                    t.updatedAt = now;
                    ServiceTypeVersion.of(t, now).persist();
                });
            } else {
                items.add(new Item(Kind.SERVICE, code, Action.UNCHANGED, List.of(), "closed, kept: requests were filed under it"));
            }
        }

        private void set(ServiceType t, Configuration.Service w) {
            t.name = w.name().strip();
            t.description = blankless(w.description());
            t.defaultOpdId = opds.get(w.defaultOpd()).id;
            t.timeLimitDays = w.timeLimitDays();
            t.fee = w.fee() == null ? 0 : w.fee();
            t.product = blankless(w.product());
            t.open = !Boolean.FALSE.equals(w.open());
            t.documents = new ArrayList<>(w.documents());
            t.fields = new ArrayList<>(w.fields());
            t.updatedAt = now;
        }

        private final Map<Long, Boolean> filedUnder = new HashMap<>();

        private boolean serviceReferred(ServiceType t) {
            return filedUnder.computeIfAbsent(t.id, id -> ((Number) em.createNativeQuery(
                            "select (exists (select 1 from service_request where service_type_id = ?1))::int")
                    .setParameter(1, id).getSingleResult()).intValue() == 1);
        }

        // --- routing rules

        void planRules() {
            walk(doc.routingRules(), r -> ruleKey(r.service(), r.area()), state.rules, this::addRule, this::keepRule, this::dropRule);
        }

        private void addRule(String key, Configuration.Rule w) {
            add(Kind.ROUTING_RULE, key, null);
            ruleWork.add(() -> {
                RoutingRule created = new RoutingRule();
                created.kabupatenCode = kabupaten;
                created.serviceTypeId = w.service() == null ? null : services.get(w.service()).id;
                created.regionCode = w.area();
                created.createdAt = now;
                set(created, w);
                created.persist();
            });
        }

        private void keepRule(String key, RoutingRule r, Configuration.Rule w) {
            List<String> changed = new ArrayList<>();
            differs(changed, "opd", state.opdCode(r.opdId), w.opd());
            differs(changed, "opdKind", r.opdKind, w.opdKind());
            differs(changed, "opdCodePrefix", r.opdCodePrefix, w.opdCodePrefix());
            differs(changed, "note", r.note, blankless(w.note()));
            changedOrNot(Kind.ROUTING_RULE, key, changed, null, ruleWork, () -> set(r, w));
        }

        private void dropRule(String key, RoutingRule r) {
            items.add(new Item(Kind.ROUTING_RULE, key, Action.REMOVED, List.of(), "deleted; requests routed by it keep their OPD"));
            ruleWork.add(0, r::delete);
        }

        private void set(RoutingRule r, Configuration.Rule w) {
            r.opdId = w.opd() == null ? null : opds.get(w.opd()).id;
            r.opdKind = w.opdKind();
            r.opdCodePrefix = w.opdCodePrefix();
            r.note = blankless(w.note());
        }

        // --- holidays

        void planHolidays() {
            walk(doc.holidays(), Configuration.Holiday::date, state.holidays, this::addHoliday, this::keepHoliday, this::dropHoliday);
        }

        private void addHoliday(LocalDate day, Configuration.Holiday w) {
            add(Kind.HOLIDAY, day.toString(), null);
            holidayWork.add(() -> {
                Holiday created = new Holiday();
                created.key = new Holiday.Key(kabupaten, day);
                created.name = w.name().strip();
                created.persist();
            });
        }

        private void keepHoliday(LocalDate day, Holiday h, Configuration.Holiday w) {
            List<String> changed = new ArrayList<>();
            differs(changed, "name", h.name, w.name().strip());
            changedOrNot(Kind.HOLIDAY, day.toString(), changed, null, holidayWork, () -> h.name = w.name().strip());
        }

        private void dropHoliday(LocalDate day, Holiday h) {
            items.add(new Item(Kind.HOLIDAY, day.toString(), Action.REMOVED, List.of(), "due dates already given stay"));
            holidayWork.add(0, h::delete);
        }

        private void add(Kind kind, String key, String detail) {
            items.add(new Item(kind, key, Action.ADDED, List.of(), detail));
        }

        /** A kept item is unchanged, or changed with its work queued where its kind's work runs. */
        private void changedOrNot(Kind kind, String key, List<String> changed, String detail, List<Runnable> work, Runnable change) {
            if (changed.isEmpty()) {
                items.add(new Item(kind, key, Action.UNCHANGED, List.of(), null));
            } else {
                items.add(new Item(kind, key, Action.CHANGED, changed, detail));
                work.add(change);
            }
        }
    }

    /**
     * Walks every key the document names or the kabupaten has, in key order, and says for each whether it is to be
     * added (only in the document), kept (in both: changed or not) or dropped (only in the kabupaten).
     */
    private static <K extends Comparable<? super K>, W, E> void walk(List<W> wanted, Function<W, K> keyOf, Map<K, E> existing,
                                                             BiConsumer<K, W> added, Kept<K, E, W> kept, BiConsumer<K, E> dropped) {
        Map<K, W> byKey = new TreeMap<>();
        wanted.forEach(w -> byKey.put(keyOf.apply(w), w));
        Set<K> keys = new TreeSet<>(byKey.keySet());
        keys.addAll(existing.keySet());
        for (K key : keys) {
            W w = byKey.get(key);
            E e = existing.get(key);
            if (e == null) {
                added.accept(key, w);
            } else if (w != null) {
                kept.accept(key, e, w);
            } else {
                dropped.accept(key, e);
            }
        }
    }

    @FunctionalInterface
    private interface Kept<K, E, W> {
        void accept(K key, E existing, W wanted);
    }

    private static void differs(List<String> changed, String what, Object now, Object wanted) {
        if (!Objects.equals(now, wanted)) {
            changed.add(what);
        }
    }

    private static String blankless(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Fields compared by value: 300 and 300.0 are the same limit. */
    private static List<FieldDefinition> comparable(List<FieldDefinition> fields) {
        return fields.stream().map(f -> new FieldDefinition(f.key(), f.label(), f.type(), f.required(), f.options(), f.minLength(),
                f.maxLength(), plain(f.min()), plain(f.max()), f.minDate(), f.maxDate(), f.notAfterToday(), f.order(), f.hint())).toList();
    }

    private static BigDecimal plain(BigDecimal n) {
        return n == null ? null : n.stripTrailingZeros();
    }
}
