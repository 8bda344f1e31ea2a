package id.go.layanandesa.common.security;

import java.util.List;

/**
 * What a caller may do, in words clients draw menus from. GET /api/v1/me lists the caller's, and a role is given a
 * capability only when it can call the endpoints behind it (CapabilityMatrixTest holds them to that).
 */
public enum Capability {
    /** File citizens' requests at the caller's desa. */
    FILE_REQUESTS,
    /** See requests with their history: a desa officer its desa's, an OPD those it works, admins the kabupaten's. */
    VIEW_REQUESTS,
    /** Work a queue: accept, forward, ask for information, complete, reject (admins: the triage queue). */
    WORK_QUEUE,
    /** Claim batches of the OPD's queue for a lease, and release them (OPD officers and systems). */
    CLAIM_QUEUE,
    /** Keep the service catalog. */
    MANAGE_CATALOG,
    /** Keep the OPDs and the routing rules. */
    MANAGE_ROUTING,
    /** Keep the holidays. */
    MANAGE_HOLIDAYS,
    /** Keep the accounts (one by one or a whole CSV of them) and API keys. */
    MANAGE_ACCOUNTS,
    /** Export the kabupaten's configuration (OPDs, catalog, routing rules, holidays) as one document, and apply one. */
    MANAGE_CONFIGURATION,
    /**
     * Run the installation (operators): onboard kabupaten, keep their admins, import the national region list that
     * every kabupaten shares.
     */
    MANAGE_INSTALLATION,
    /** See the kabupaten's statistics, overdue work, satisfaction index and open data (no personal data). */
    VIEW_STATISTICS,
    /** Record a satisfaction survey a citizen answered on paper at the desa. */
    RECORD_SURVEYS,
    /** Read the audit trail (an admin their kabupaten's, an operator the installation's): who changed what and who read whose personal data. */
    VIEW_AUDIT_TRAIL,
    /**
     * Keep citizens' personal data no longer than needed and answer their requests for it: the retention policy, its dry
     * run, and the export of everything held about a NIK.
     */
    MANAGE_PERSONAL_DATA,
    /**
     * Subscribe endpoints to request events, see their delivery logs and send deliveries again: admins for the
     * kabupaten, OPD systems for their OPD.
     */
    MANAGE_WEBHOOKS,
    /** Word the kabupaten's messages for citizens, one per status. */
    MANAGE_MESSAGES;

    /**
     * A VIEWER lists the statistics only: what else it can read is reference data (the catalog, OPDs, routing rules and
     * where a request would go, holidays, regions, the citizens' messages), which no capability stands for.
     */
    public static List<Capability> of(Role role) {
        return switch (role) {
            case OPERATOR -> List.of(MANAGE_CONFIGURATION, MANAGE_INSTALLATION, VIEW_AUDIT_TRAIL);
            case ADMIN -> List.of(VIEW_REQUESTS, WORK_QUEUE, MANAGE_CATALOG, MANAGE_ROUTING, MANAGE_HOLIDAYS, MANAGE_ACCOUNTS,
                    MANAGE_CONFIGURATION, VIEW_STATISTICS, MANAGE_WEBHOOKS, MANAGE_MESSAGES, VIEW_AUDIT_TRAIL, MANAGE_PERSONAL_DATA);
            case VIEWER -> List.of(VIEW_STATISTICS);
            case DESA_OFFICER -> List.of(FILE_REQUESTS, VIEW_REQUESTS, RECORD_SURVEYS);
            case OPD_OFFICER -> List.of(VIEW_REQUESTS, WORK_QUEUE, CLAIM_QUEUE);
            case OPD_SYSTEM -> List.of(VIEW_REQUESTS, WORK_QUEUE, CLAIM_QUEUE, MANAGE_WEBHOOKS);
        };
    }
}
