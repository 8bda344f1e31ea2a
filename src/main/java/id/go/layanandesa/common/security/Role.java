package id.go.layanandesa.common.security;

/**
 * What an account or API key may do. An OPERATOR runs the installation and belongs to no kabupaten; every other role
 * belongs to one kabupaten, desa roles to one desa, OPD roles to one OPD.
 */
public enum Role {
    OPERATOR, ADMIN, DESA_OFFICER, OPD_OFFICER, OPD_SYSTEM, VIEWER;

    /** Whether the role belongs to a kabupaten (every role but OPERATOR). */
    public boolean ofKabupaten() {
        return this != OPERATOR;
    }

    /** Names for {@code @RolesAllowed}. */
    public static final String OPERATOR_ = "OPERATOR";
    public static final String ADMIN_ = "ADMIN";
    public static final String DESA_OFFICER_ = "DESA_OFFICER";
    public static final String OPD_OFFICER_ = "OPD_OFFICER";
    public static final String OPD_SYSTEM_ = "OPD_SYSTEM";
    public static final String VIEWER_ = "VIEWER";
}
