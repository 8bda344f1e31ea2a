package id.go.layanandesa.account;

import id.go.layanandesa.common.security.Caller;
import id.go.layanandesa.common.security.Capability;
import id.go.layanandesa.opd.Opd;
import id.go.layanandesa.region.Region;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Describes the caller; names come from the database when it knows them (an external token may name unknown codes). */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class MeService {

    public AuthResource.MeView describe(Caller caller) {
        String name = caller.displayName();
        if (caller.accountId() != null) {
            Account account = Account.findById(caller.accountId());
            if (account != null && java.util.Objects.equals(account.kabupatenCode, caller.kabupatenCode())) {
                name = account.displayName;
            }
        }
        Region kabupaten = caller.kabupatenCode() == null ? null : Region.findById(caller.kabupatenCode());
        Region desa = caller.desaCode() == null ? null : Region.findById(caller.desaCode());
        Opd opd = caller.opdId() == null ? null : Opd.findById(caller.opdId());
        if (opd != null && !opd.kabupatenCode.equals(caller.kabupatenCode())) {
            opd = null;
        }
        return new AuthResource.MeView(caller.apiKeyId() != null ? "SYSTEM" : "PERSON", caller.role(), name,
                caller.accountId(), caller.apiKeyId(), caller.kabupatenCode(), kabupaten == null ? null : kabupaten.name,
                caller.desaCode(), desa == null ? null : desa.name, caller.opdId(), opd == null ? null : opd.name,
                caller.passwordChangeRequired() ? java.util.List.of() : Capability.of(caller.role()), caller.passwordChangeRequired());
    }
}
