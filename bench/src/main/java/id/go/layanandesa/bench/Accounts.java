package id.go.layanandesa.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The accounts the load runs as, with their tokens, in Luwu Timur's demo data: an admin, one desa officer
 * per filing client (desa spread over the kabupaten), a Disdukcapil officer, and a desa of its own whose
 * filings only the wake-up figure makes; and the installation's operator, who imports the region list.
 */
public record Accounts(long serviceTypeId, long adminId, String adminToken, List<String> desas, List<String> desaTokens,
                       List<Long> desaAccounts, long dukcapilId, String dukcapilToken, String listDesa, String listDesaToken,
                       String wakeDesa, String wakeDesaToken, String operatorToken) {

    static Accounts create(Db db, Tokens tokens, int desaOfficers) throws Exception {
        try (Connection c = db.connect()) {
            long serviceTypeId = Db.single(c, "select id from service_type where kabupaten_code = '73.24' and code = 'AKTA_KELAHIRAN'");
            long dukcapilId = Db.single(c, "select id from opd where kabupaten_code = '73.24' and code = 'DISDUKCAPIL'");
            long adminId = account(c, "bench-admin", "ADMIN", null, null);
            String adminToken = tokens.token(adminId, "bench-admin", "ADMIN", null, null);
            List<String> all = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "select code from region where level = 4 and code like '73.24.%' order by code")) {
                while (rs.next()) {
                    all.add(rs.getString(1));
                }
            }
            String wakeDesa = all.remove(all.size() - 1);
            List<String> desas = new ArrayList<>();
            List<String> desaTokens = new ArrayList<>();
            List<Long> desaAccounts = new ArrayList<>();
            for (int i = 0; i < desaOfficers; i++) {
                String desa = all.get((i * 7) % all.size());
                long id = account(c, "bench-desa-" + i, "DESA_OFFICER", desa, null);
                desas.add(desa);
                desaAccounts.add(id);
                desaTokens.add(tokens.token(id, "bench-desa-" + i, "DESA_OFFICER", desa, null));
            }
            long dk = account(c, "bench-dukcapil", "OPD_OFFICER", null, dukcapilId);
            String dukcapilToken = tokens.token(dk, "bench-dukcapil", "OPD_OFFICER", null, dukcapilId);
            long wd = account(c, "bench-wake-desa", "DESA_OFFICER", wakeDesa, null);
            String wakeDesaToken = tokens.token(wd, "bench-wake-desa", "DESA_OFFICER", wakeDesa, null);
            long operator;
            try (PreparedStatement p = c.prepareStatement("insert into account (id, username, display_name, password_hash, role, "
                    + "created_at, updated_at) values (nextval('account_seq'), 'bench-operator', 'bench-operator', '!', 'OPERATOR', now(), now()) "
                    + "returning id"); ResultSet rs = p.executeQuery()) {
                rs.next();
                operator = rs.getLong(1);
            }
            String operatorToken = tokens.token(operator, "bench-operator", "OPERATOR", null, null);
            return new Accounts(serviceTypeId, adminId, adminToken, List.copyOf(desas), List.copyOf(desaTokens),
                    List.copyOf(desaAccounts), dukcapilId, dukcapilToken, desas.get(0), desaTokens.get(0), wakeDesa, wakeDesaToken,
                    operatorToken);
        }
    }

    static long account(Connection c, String username, String role, String desa, Long opd) throws Exception {
        try (PreparedStatement p = c.prepareStatement(
                "insert into account (id, kabupaten_code, username, display_name, password_hash, role, desa_code, opd_id, created_at, updated_at) "
                        + "values (nextval('account_seq'), '73.24', ?, ?, '!', ?, ?, ?, now(), now()) returning id")) {
            p.setString(1, username);
            p.setString(2, username);
            p.setString(3, role);
            p.setString(4, desa);
            if (opd == null) {
                p.setNull(5, java.sql.Types.BIGINT);
            } else {
                p.setLong(5, opd);
            }
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
