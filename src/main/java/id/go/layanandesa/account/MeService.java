package id.go.layanandesa.account;

import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.common.security.Capability;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Describes the caller; names come from the database when it knows them (an external token may name unknown codes).
 * Every client asks this on each start and page, so the names are read in one statement, always afresh: a renamed
 * account, desa or OPD shows its new name at once.
 */
@ApplicationScoped
public class MeService {

    private static final String NAMES = """
            select (select a.display_name from account a where a.id = ? and a.kabupaten_code is not distinct from ?),
                   (select r.name from region r where r.code = ?),
                   (select r.name from region r where r.code = ?),
                   (select o.name from opd o where o.id = ? and o.kabupaten_code = ?)""";

    @Inject
    AgroalDataSource dataSource;

    public AuthResource.MeView describe(Caller caller) {
        String name = caller.displayName();
        String kabupatenName = null;
        String desaName = null;
        String opdName = null;
        if (caller.accountId() != null || caller.kabupatenCode() != null) {
            try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(NAMES)) {
                p.setObject(1, caller.accountId(), Types.BIGINT);
                p.setString(2, caller.kabupatenCode());
                p.setString(3, caller.kabupatenCode());
                p.setString(4, caller.desaCode());
                p.setObject(5, caller.opdId(), Types.BIGINT);
                p.setString(6, caller.kabupatenCode());
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    if (rs.getString(1) != null) {
                        name = rs.getString(1);
                    }
                    kabupatenName = rs.getString(2);
                    desaName = rs.getString(3);
                    opdName = rs.getString(4);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the caller's names", e);
            }
        }
        return new AuthResource.MeView(caller.apiKeyId() != null ? "SYSTEM" : "PERSON", caller.role(), name,
                caller.accountId(), caller.apiKeyId(), caller.kabupatenCode(), kabupatenName,
                caller.desaCode(), desaName, caller.opdId(), opdName,
                caller.passwordChangeRequired() ? java.util.List.of() : Capability.of(caller.role()), caller.passwordChangeRequired());
    }
}
