package id.go.layanandesa.common.security;

/** What an account or API key may do; each belongs to one kabupaten, desa roles to one desa, OPD roles to one OPD. */
public enum Role {
    ADMIN, DESA_OFFICER, OPD_OFFICER, OPD_SYSTEM, VIEWER;

    /** Names for {@code @RolesAllowed}. */
    public static final String ADMIN_ = "ADMIN";
    public static final String DESA_OFFICER_ = "DESA_OFFICER";
    public static final String OPD_OFFICER_ = "OPD_OFFICER";
    public static final String OPD_SYSTEM_ = "OPD_SYSTEM";
    public static final String VIEWER_ = "VIEWER";
}
